"""One place maps answers to exceptions; nothing the server sends escapes as a non-Exotel error."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import exotel_contacts as ec

from .conftest import Either, FakeExotel, created, envelope, error_body, json_response

STATUS = "/contacts/upload/up_1"


@pytest.mark.parametrize(
    ("status", "code", "cls"),
    [
        (400, 1007, ec.BadRequestError),
        (415, 1011, ec.ValidationError),
        (401, 1010, ec.AuthenticationError),
        (402, 1002, ec.PaymentRequiredError),
        (403, 1003, ec.PermissionDeniedError),
        (404, 1000, ec.NotFoundError),
        (409, 1008, ec.ConflictError),
        (410, 1000, ec.ErrorFileExpiredError),
        (413, 1002, ec.PayloadTooLargeError),
        (418, 1002, ec.APIStatusError),
    ],
)
async def test_status_maps_to_a_typed_error_with_details(
    either: Either, fake: FakeExotel, status: int, code: int, cls: type[ec.APIStatusError]
) -> None:
    fake.add(
        "GET", STATUS, json_response(status, error_body(status, code, "Category", "Detail here", "rid_9"))
    )
    with pytest.raises(cls) as info:
        await either.call("get_upload_status", "up_1")
    error = info.value
    assert (error.status_code, error.code, error.request_id) == (status, code, "rid_9")
    assert error.description == "Detail here"
    assert "Detail here" in str(error)
    assert "rid_9" in str(error)
    expected_fix = (ec.explain(code) or ec.explain(status) or ec.CodeInfo(0, "", "", "")).how_to_fix
    assert error.how_to_fix == expected_fix
    if expected_fix:
        assert expected_fix in str(error)


async def test_authentication_error_says_what_to_check(either: Either, fake: FakeExotel) -> None:
    fake.add("GET", STATUS, json_response(401, error_body(401, 1010, "Authentication failed")))
    with pytest.raises(ec.AuthenticationError, match="Verify API key and token"):
        await either.call("get_upload_status", "up_1")


async def test_inner_409_inside_a_200_envelope_is_a_conflict(either: Either, fake: FakeExotel) -> None:
    body = error_body(409, 1008, "Duplicate resource")
    body["http_code"] = 200
    fake.add("GET", STATUS, json_response(200, body))
    with pytest.raises(ec.ConflictError) as info:
        await either.call("get_upload_status", "up_1")
    assert info.value.status_code == 409
    assert info.value.code == 1008


GARBAGE: list[Any] = [
    httpx.Response(
        200, text="<html><body>502 Bad Gateway</body></html>", headers={"content-type": "text/html"}
    ),
    httpx.Response(200, content=b'{"response": {"data": {"upload_id": "u", "sta'),
    json_response(200, []),
    json_response(200, {"response": "nope"}),
    json_response(200, {"response": {"data": None}}),
    json_response(200, {"response": {"data": {"upload_id": 5, "status": "completed"}}}),
    json_response(200, {"response": {"data": {"upload_id": "u", "status": ["x"]}}}),
    json_response(200, {"response": {"data": {"upload_id": "u", "status": "completed", "successful": "3"}}}),
    httpx.Response(200, content=b"\xff\xfe\x00garbage"),
    httpx.Response(302, headers={"location": "https://elsewhere.test/"}),
    httpx.Response(999, text="what"),
    httpx.Response(404, text="<html>not found</html>"),
    json_response(500, {"response": {"error_data": {"code": "x", "message": 5}}}),
]


@pytest.mark.parametrize("index", range(len(GARBAGE)))
async def test_garbage_answers_raise_exotel_errors(either: Either, fake: FakeExotel, index: int) -> None:
    answer = GARBAGE[index]
    fresh = httpx.Response(answer.status_code, content=answer.content, headers=answer.headers)
    fake.add("GET", STATUS, fresh)
    with pytest.raises(ec.ExotelError) as info:
        await either.call("get_upload_status", "up_1")
    assert str(info.value)


@pytest.mark.parametrize(
    ("method", "path", "call", "args", "body"),
    [
        ("POST", "/contacts/upload", "upload_contacts", (b"x",), {"response": {"data": {"upload_id": None}}}),
        ("GET", "/errors", "get_upload_errors", ("up_1",), {"response": {"data": {"errors": "nope"}}}),
        ("POST", "/csv-upload", "csv_upload", (b"x",), {"response": {"data": {"list": {}, "summary": 3}}}),
        ("GET", "/csv-status/c", "get_csv_status", ("c",), {"response": {"data": {"upload_id": "c"}}}),
        (
            "POST",
            "/acct_test/contacts",
            "create_contacts",
            ([{"number": "+1"}],),
            {"metadata": 1, "response": {}},
        ),
    ],
)
async def test_wrong_shapes_for_every_operation(  # noqa: PLR0917 - one parameter per table column
    either: Either, fake: FakeExotel, method: str, path: str, call: str, args: tuple[Any, ...], body: Any
) -> None:
    fake.add(method, path, json_response(207 if call == "create_contacts" else 200, body))
    kwargs = {"list_name": "l"} if call == "csv_upload" else {}
    with pytest.raises(ec.InvalidResponseError):
        await either.call(call, *args, **kwargs)


async def test_unexpected_success_status_is_still_parsed(either: Either, fake: FakeExotel) -> None:
    fake.add("POST", "/acct_test/contacts", json_response(200, created(1)))
    result = await either.call("create_contacts", [{"number": "+919876543210"}])
    assert result.metadata.total == 1


def test_every_error_is_an_exotel_error_and_carries_the_fields() -> None:
    for name in ec.__all__:
        obj = getattr(ec, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, ec.ExotelError), name
            for attr in ("status_code", "code", "request_id", "message", "how_to_fix"):
                assert hasattr(obj, attr) or attr == "message", (name, attr)


def test_error_classes_hierarchy() -> None:
    assert issubclass(ec.APITimeoutError, ec.APIConnectionError)
    assert issubclass(ec.RateLimitError, ec.APIStatusError)
    assert issubclass(ec.TooManyContactsError, ec.InvalidInputError)
    assert issubclass(ec.UploadTimeoutError, TimeoutError)
    assert ec.ValidationError is ec.BadRequestError


async def test_envelope_helper_roundtrip(either: Either, fake: FakeExotel) -> None:
    fake.add(
        "GET",
        "/errors",
        envelope(
            {
                "upload_id": "up_1",
                "error_count": 1,
                "errors": [{"row_number": 2, "error_code": "INVALID_PHONE"}],
            }
        ),
    )
    errors = await either.call("get_upload_errors", "up_1")
    assert errors.errors[0].error_code == "INVALID_PHONE"
