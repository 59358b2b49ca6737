"""No report is lost (Python API), and server text loses its control characters where it enters."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

import exotel_contacts
from exotel_contacts import BulkAbortedError, BulkInputError, InvalidInputError, Outcome
from exotel_contacts.base.json import (
    MAX_DEPTH,
    Unreadable,
    decode_answer,
)
from exotel_contacts.core.response import error_from_response

from .conftest import Either, FakeExotel, json_response, make_client

ESC = "\x1b"


def _echo(request: httpx.Request) -> httpx.Response:
    numbers = [c["number"] for c in json.loads(request.content)["contacts"]]
    items = [
        {"code": 200, "status": "success", "error_data": None, "data": {"sid": f"s{n}", "number": n}}
        for n in numbers
    ]
    return httpx.Response(207, json={"request_id": "r", "http_code": 207, "response": items})


def _contacts(n: int) -> Iterator[dict[str, Any]]:
    for i in range(n):
        yield {"number": f"+91987{i:07d}"}
    raise ValueError("the source broke")


async def _acontacts(n: int) -> AsyncIterator[dict[str, Any]]:
    for contact in _contacts(n):
        yield contact


def _check_partial(error: BulkInputError, fake: FakeExotel) -> None:
    assert isinstance(error, BulkAbortedError)
    assert isinstance(error, InvalidInputError)
    assert isinstance(error.__cause__, ValueError)
    assert "the source broke" in str(error)
    # Every contact read before the failure was sent and is reported, with its sid.
    assert error.result.total == 7000
    assert error.result.counts[Outcome.CREATED] == 7000
    assert error.result[6999].sid == "s+919870006999"
    assert fake.count("POST", "/contacts") == 2


async def test_an_input_that_raises_part_way_ends_with_the_partial_result(
    either: Either, fake: FakeExotel
) -> None:
    fake.add("POST", "/contacts", _echo)
    with pytest.raises(BulkInputError) as raised:
        await either.call("create_contacts_bulk", _contacts(7000))
    _check_partial(raised.value, fake)


async def test_an_async_input_that_raises_part_way_ends_with_the_partial_result(fake: FakeExotel) -> None:
    fake.add("POST", "/contacts", _echo)
    client = Either(make_client("async", fake))
    with pytest.raises(BulkInputError) as raised:
        await client.call("create_contacts_bulk", _acontacts(7000))
    await client.close()
    _check_partial(raised.value, fake)


async def test_an_input_that_raises_an_exotel_error_keeps_it(either: Either, fake: FakeExotel) -> None:
    def contacts() -> Iterator[dict[str, str]]:
        yield {"number": "+919876500001"}
        raise InvalidInputError("line 2 is not UTF-8")

    fake.add("POST", "/contacts", _echo)
    with pytest.raises(BulkInputError, match="line 2 is not UTF-8") as raised:
        await either.call("create_contacts_bulk", contacts())
    assert raised.value.result.total == 1


def _hostile(status: int = 404) -> httpx.Response:
    body = {
        "request_id": f"req{ESC}]0;title\x07",
        "http_code": status,
        "response": {
            "code": status,
            "status": "failure",
            "error_data": {
                "code": 1002,
                "message": f"Not{ESC}[2J found",
                "description": f"line one\r\nforged: line\u202eevil{ESC}[31m",
            },
        },
    }
    return json_response(status, body)


async def test_error_texts_from_the_server_have_no_control_characters(
    either: Either, fake: FakeExotel
) -> None:
    fake.add("GET", "/contacts/upload/up_1", _hostile())
    with pytest.raises(exotel_contacts.NotFoundError) as raised:
        await either.call("get_upload_status", "up_1")
    error = raised.value
    for text in (str(error), error.message, error.description or "", error.request_id or ""):
        assert ESC not in text
        assert "\x07" not in text
        assert "\r" not in text
        assert "\n" not in text
        assert "\u202e" not in text
    assert "forged: line" in (error.description or "")


async def test_a_non_json_error_answer_is_quoted_without_control_characters(
    either: Either, fake: FakeExotel
) -> None:
    fake.add(
        "GET", "/contacts/upload/up_1", httpx.Response(502, content=f"<h1>{ESC}[2Jbad gateway</h1>".encode())
    )
    with pytest.raises(exotel_contacts.ServerError) as raised:
        await either.call("get_upload_status", "up_1")
    assert ESC not in str(raised.value)
    assert "bad gateway" in str(raised.value)


def test_every_exception_cleans_what_it_is_given() -> None:
    error = exotel_contacts.ExotelError(
        f"a{ESC}[2Jb", request_id=f"r{ESC}", how_to_fix="x\x9by", code=f"c{ESC}"
    )
    assert ESC not in str(error)
    assert "\x9b" not in str(error)
    assert ESC not in str(error.code)


def test_decoded_answers_are_cleaned_keys_included() -> None:
    value = decode_answer(b'{"a\\u001b": ["x\\u009by", {"k": "\\u202eevil"}], "n": 1}')
    assert value == {"a\ufffd": ["x\ufffdy", {"k": "\ufffdevil"}], "n": 1}


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 5000 + b"]" * 5000,
        b'{"a": 1e999}',
        b'{"a": -Infinity}',
        b"[1" + b"0" * 5000 + b"]",
        b"\xff",
    ],
)
def test_unreadable_documents_have_a_reason(raw: bytes) -> None:
    with pytest.raises(Unreadable):
        decode_answer(raw)


def test_an_error_with_an_unreadable_body_keeps_its_status() -> None:
    request = httpx.Request("GET", "https://ccm.test/x")
    response = httpx.Response(404, content=b"[" * 100_000, request=request)
    error = error_from_response(response)
    assert isinstance(error, exotel_contacts.NotFoundError)
    assert "nested too deeply" in str(error)


async def test_retry_log_lines_carry_no_server_text(
    either: Either, fake: FakeExotel, caplog: pytest.LogCaptureFixture
) -> None:
    fake.add("GET", "/contacts/upload/up_1", _hostile(503), _hostile(404))
    with (
        caplog.at_level(logging.WARNING, logger="exotel_contacts"),
        pytest.raises(exotel_contacts.NotFoundError),
    ):
        await either.call("get_upload_status", "up_1")
    assert caplog.records
    assert all(ESC not in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("depth", [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1])
def test_nesting_is_bounded_the_same_on_every_interpreter(depth: int) -> None:
    """3.13's C parser reads thousands of levels where 3.11 raised RecursionError: the bound is ours."""
    for raw in (b"[" * depth + b"]" * depth, b'{"a":' * depth + b"1" + b"}" * depth):
        if depth <= MAX_DEPTH:
            decode_answer(raw)
        else:
            with pytest.raises(Unreadable, match="nested too deeply"):
                decode_answer(raw)
