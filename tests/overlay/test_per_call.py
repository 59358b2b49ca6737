"""Per-call options (``with_options``) and raw answers (``with_raw_response``, ``request_id_of``): both clients."""

from __future__ import annotations

import httpx
import pytest

import exotel_contacts
from exotel_contacts import InvalidSettingError, RawResponse, RetryPolicy, request_id_of
from exotel_contacts.core.raw import NOT_SINGLE_REQUESTS

from .conftest import SID, Either, FakeExotel, ccm_status, error_body, json_response

STATUS_PATH = "/contacts/upload/up_1"


async def test_with_options_shares_the_pool_and_changes_only_the_copy(
    either: Either, fake: FakeExotel
) -> None:
    fake.add("GET", STATUS_PATH, json_response(503, error_body(503, 503, "busy")), ccm_status())
    client = either.client
    once = client.with_options(max_attempts=1, timeout=5, call_timeout=60)
    assert type(once) is type(client)
    assert once._inner is client._inner  # one connection pool
    assert once._quota is client._quota  # one rate limit
    assert (once.config.timeout, once.config.call_timeout) == (5, 60)
    assert client.config.timeout == exotel_contacts.DEFAULT_TIMEOUT
    assert once._retry_policy.max_attempts == 1
    assert client._retry_policy.max_attempts == 5
    with pytest.raises(exotel_contacts.ServerError):
        await Either(once).call("get_upload_status", "up_1")  # no retry on the copy
    assert fake.count("GET", STATUS_PATH) == 1
    status = await either.call("get_upload_status", "up_1")  # the original still retries
    assert status.status == "completed"
    # Closing the copy leaves the shared pool open.
    await Either(once).close()
    assert (await either.call("get_upload_status", "up_1")).status == "completed"


async def test_with_options_checks_what_it_is_given(either: Either) -> None:
    with pytest.raises(InvalidSettingError, match="timeout"):
        either.client.with_options(timeout=-1)
    with pytest.raises(InvalidSettingError, match="max_attempts"):
        either.client.with_options(max_attempts=0)
    policy = RetryPolicy(max_attempts=2)
    assert either.client.with_options(retry=policy)._retry_policy is policy


async def test_with_options_timeout_reaches_the_request(either: Either, fake: FakeExotel) -> None:
    seen: list[dict[str, float]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return httpx.Response(200, json=ccm_status())

    fake.add("GET", STATUS_PATH, answer)
    await Either(either.client.with_options(timeout=7)).call("get_upload_status", "up_1")
    assert seen[0]["connect"] == 7


async def test_raw_response_gives_status_headers_request_id_and_parsed(
    either: Either, fake: FakeExotel
) -> None:
    fake.add("GET", STATUS_PATH, json_response(200, ccm_status(), **{"x-request-id": "hdr_1"}))
    raw = await either.call_raw("get_upload_status", "up_1")
    assert isinstance(raw, RawResponse)
    assert raw.status_code == 200
    assert raw.headers["content-type"] == "application/json"
    assert raw.request_id == "hdr_1"
    assert raw.attempts == 1
    assert raw.parse().upload_id == "up_1"
    assert raw.http_response.request.url.path == f"/v2/accounts/{SID}/contacts/upload/up_1"


async def test_raw_response_counts_replays_and_raises_errors_as_usual(
    either: Either, fake: FakeExotel
) -> None:
    fake.add("GET", STATUS_PATH, json_response(503, error_body(503, 503, "busy")), ccm_status())
    raw = await either.call_raw("get_upload_status", "up_1")
    assert raw.attempts == 2
    assert raw.request_id == "req_1"  # from the envelope when no header carries it
    fake.add("GET", "/contacts/upload/gone", json_response(404, error_body(404, 404, "no such upload")))
    with pytest.raises(exotel_contacts.NotFoundError):
        await either.call_raw("get_upload_status", "gone")


async def test_raw_view_refuses_workflows_and_second_requests(either: Either, fake: FakeExotel) -> None:
    view = either.client.with_raw_response
    for name in ("upload_and_wait", "import_contacts", "create_contacts_bulk", "iter_lists", "_send"):
        with pytest.raises(AttributeError):
            getattr(view, name)
    # create_list reads the list back after a replayed 409: a second request under one raw call.
    taken = {"code": 409, "status": "failure", "error_data": {"code": 1008, "message": "taken"}, "data": None}
    fake.add(
        "POST",
        "/lists",
        httpx.Response(
            207,
            json={
                "request_id": "r",
                "http_code": 207,
                "metadata": {"total": 1, "success": 0, "failed": 1},
                "response": [taken],
            },
        ),
    )
    with pytest.raises(TypeError, match="one request"):
        await either.call_raw("create_list", "dup", exist_ok=True)


def test_every_refused_name_is_a_client_method() -> None:
    for name in NOT_SINGLE_REQUESTS:
        assert hasattr(exotel_contacts.Client, name), name
        assert hasattr(exotel_contacts.AsyncClient, name), name


async def test_typed_results_tell_their_request_id(either: Either, fake: FakeExotel) -> None:
    fake.add("GET", STATUS_PATH, ccm_status())
    status = await either.call("get_upload_status", "up_1")
    assert request_id_of(status) == "req_1"
    assert request_id_of(object()) is None
    fake.add("GET", "/contacts/upload/up_2", json_response(200, ccm_status(), **{"x-request-id": "hdr_2"}))
    assert request_id_of(await either.call("get_upload_status", "up_2")) == "hdr_2"
