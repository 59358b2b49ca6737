"""Secrets never appear in reprs, error messages or logs (checked with canary values)."""

from __future__ import annotations

import base64
import logging

import httpx
import pytest

import exotel_contacts as ec

from .conftest import ACCESS_CANARY, CANARY, Either, FakeExotel, make_client

BASIC = base64.b64encode(f"key_1:{CANARY}".encode()).decode()


def leaks(text: str) -> bool:
    return CANARY in text or ACCESS_CANARY in text or BASIC in text


async def test_no_secret_in_reprs_errors_or_logs(
    fake: FakeExotel, caplog: pytest.LogCaptureFixture, tmp_path: object
) -> None:
    caplog.set_level(logging.DEBUG)

    def echo(request: httpx.Request) -> httpx.Response:
        # A hostile server echoing the credentials it received into its error text.
        auth = request.headers.get("authorization", "")
        body = {
            "response": {"code": 500, "error_data": {"code": 1100, "message": auth, "description": CANARY}}
        }
        return httpx.Response(500, json=body, headers={"x-request-id": auth})

    fake.add("GET", "/contacts/upload/up_1", echo)
    fake.add("GET", "/csv-status/c", httpx.ConnectError(f"failed with {CANARY}"))
    fake.add("GET", "/errors", httpx.Response(200, text=f"<html>{BASIC}</html>"))
    errors: list[ec.ExotelError] = []
    for kind in ("sync", "async"):
        client = make_client(kind, fake, access_token=ACCESS_CANARY, rate_limit_per_minute=200)
        wrapper = Either(client)
        assert not leaks(repr(client))
        assert not leaks(repr(client.config))
        assert not leaks(str(client.config))
        assert not leaks(repr(client._limiter))
        assert not leaks(repr(client._retry_policy))
        for call, arg in (("get_upload_status", "up_1"), ("get_csv_status", "c"), ("get_upload_errors", "u")):
            with pytest.raises(ec.ExotelError) as info:
                await wrapper.call(call, arg)
            errors.append(info.value)
        with pytest.raises(ec.ExotelError) as info:
            ec.ClientConfig.resolve(environ={"EXOTEL_ACCOUNT_SID": "s", "EXOTEL_API_TOKEN": CANARY})
        errors.append(info.value)
        await wrapper.close()
    for error in errors:
        assert not leaks(str(error)), error
        assert not leaks(repr(error)), error
    assert caplog.records, "retries should have logged"
    for record in caplog.records:
        assert not leaks(record.getMessage())
    assert not leaks(caplog.text)


def test_retry_log_line_is_emitted_without_headers(
    fake: FakeExotel, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="exotel_contacts")
    fake.add("GET", "/contacts/upload/up_1", httpx.Response(503), httpx.Response(200, json={}))
    client = make_client("sync", fake)
    with pytest.raises(ec.InvalidResponseError):
        client.get_upload_status("up_1")
    client.close()
    lines = [r.getMessage() for r in caplog.records if r.name == "exotel_contacts"]
    assert lines
    assert "Retrying GET https://ccm.test/v2/accounts/acct_test/contacts/upload/up_1" in lines[0]
    assert "503" in lines[0]
