"""Every client operation, on Client and AsyncClient alike."""

from __future__ import annotations

import base64
import inspect
import io
from pathlib import Path

import httpx
import pytest

import exotel_contacts
from exotel_contacts import (
    ConfigurationError,
    InvalidInputError,
    TooManyContactsError,
    UploadAccepted,
)

from .conftest import (
    ACCEPTED,
    CAMPAIGN,
    CANARY,
    CCM,
    CSV_ACCEPTED,
    SID,
    Either,
    FakeExotel,
    ccm_status,
    created,
    csv_status,
    envelope,
    json_response,
    make_client,
)

CSV = b"phone_number,first_name\n+919876543210,John\n"


def form_field(body: bytes, name: str) -> bytes | None:
    """The value of a plain multipart field."""
    boundary = body.split(b"\r\n", 1)[0]
    for part in body.split(boundary):
        head, _, value = part.partition(b"\r\n\r\n")
        if f'name="{name}"'.encode() in head:
            return value.removesuffix(b"\r\n")
    return None


async def test_upload_contacts_sends_multipart_with_basic_auth(either: Either, fake: FakeExotel) -> None:
    fake.add("POST", "/contacts/upload", json_response(202, ACCEPTED))
    result = await either.call("upload_contacts", CSV, list_id="L1", duplicate_action="update")
    assert isinstance(result, UploadAccepted)
    assert result.upload_id == "up_1"
    assert result.estimated_time_seconds == 30
    request = fake.requests[0]
    assert str(request.url) == f"{CCM}/v2/accounts/{SID}/contacts/upload"
    assert (
        request.headers["authorization"] == "Basic " + base64.b64encode(f"key_1:{CANARY}".encode()).decode()
    )
    assert request.headers["user-agent"].startswith(
        f"exotel-contacts/{exotel_contacts.__version__} exotel-contacts-spec/{exotel_contacts.SPEC_VERSION} "
    )
    body = fake.bodies[0]
    assert CSV in body
    assert b"+++" not in request.headers["content-type"].encode()  # a random boundary, not the generator's
    assert form_field(body, "duplicate_action") == b"update"
    assert form_field(body, "list_id") == b"L1"


@pytest.mark.parametrize("kind", ["path", "bytes", "file", "unseekable"])
async def test_upload_accepts_path_bytes_and_file_objects(
    either: Either, fake: FakeExotel, tmp_path: Path, kind: str
) -> None:
    fake.add("POST", "/contacts/upload", json_response(202, ACCEPTED))
    path = tmp_path / "people.csv"
    path.write_bytes(CSV)

    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self._data = io.BytesIO(CSV)

        def readable(self) -> bool:
            return True

        def readinto(self, b: bytearray) -> int:  # type: ignore[override]
            chunk = self._data.read(len(b))
            b[: len(chunk)] = chunk
            return len(chunk)

    makers = {"path": lambda: path, "bytes": lambda: CSV, "file": lambda: path.open("rb"), "unseekable": Pipe}
    file = makers[kind]()
    await either.call("upload_contacts", file)
    assert CSV in fake.bodies[0]
    if kind == "path":
        assert b'filename="people.csv"' in fake.bodies[0]
    if hasattr(file, "close"):
        file.close()


async def test_upload_rejects_bad_inputs_before_sending(
    either: Either, fake: FakeExotel, tmp_path: Path
) -> None:
    with pytest.raises(InvalidInputError, match="a str is taken as a path"):
        await either.call("upload_contacts", "phone_number\n+91")
    with (tmp_path / "t.csv").open("w") as text_file, pytest.raises(InvalidInputError, match="text mode"):
        await either.call("upload_contacts", text_file)
    with pytest.raises(InvalidInputError, match="duplicate_action"):
        await either.call("upload_contacts", CSV, duplicate_action="merge")
    with pytest.raises(InvalidInputError):
        await either.call("upload_contacts", 12345)
    assert fake.requests == []


async def test_status_errors_and_campaign_operations(either: Either, fake: FakeExotel) -> None:
    fake.add("GET", "/contacts/upload/up_1", ccm_status("processing", successful=1))
    fake.add(
        "GET", "/contacts/upload/up_1/errors", envelope({"upload_id": "up_1", "error_count": 0, "errors": []})
    )
    fake.add("POST", "/contacts/csv-upload", CSV_ACCEPTED)
    fake.add("GET", "/csv-status/csv_1", csv_status())
    fake.add("POST", "/v2/accounts/acct_test/contacts", json_response(207, created(2)))

    status = await either.call("get_upload_status", "up_1")
    assert (status.status, status.successful) == ("processing", 1)
    errors = await either.call("get_upload_errors", "up_1")
    assert errors.error_count == 0
    data = await either.call("csv_upload", b"number\n+919876543210\n", list_name="mylist", type="dynamic")
    assert data.summary.upload_id == "csv_1"
    assert b'name="file_name"; filename="contacts.csv"' in fake.bodies[2]
    assert form_field(fake.bodies[2], "type") == b"dynamic"
    assert str(fake.requests[2].url).startswith(CAMPAIGN)
    csv = await either.call("get_csv_status", "csv_1")
    assert csv.stats.total == 2
    result = await either.call(
        "create_contacts", [{"number": "+919876543210"}, exotel_contacts.ContactCreate("+91")]
    )
    assert result.metadata.success == 2


async def test_create_contacts_over_5000_fails_before_sending(either: Either, fake: FakeExotel) -> None:
    with pytest.raises(TooManyContactsError, match="5001") as info:
        await either.call("create_contacts", [{"number": "+919876543210"}] * 5001)
    assert isinstance(info.value, exotel_contacts.ExotelError)
    with pytest.raises(InvalidInputError):
        await either.call("create_contacts", [])
    with pytest.raises(InvalidInputError, match=r"contacts\[0\]"):
        await either.call("create_contacts", [{"first_name": "no number"}])
    assert fake.requests == []


async def test_download_error_file_sends_no_credentials(
    either: Either, fake: FakeExotel, tmp_path: Path
) -> None:
    url = "https://files.example.net/signed/errors.csv?X-Amz-Signature=abc"
    fake.add(
        "GET",
        "/contacts/upload/up_1/errors",
        envelope({"upload_id": "up_1", "error_count": 1, "errors": [], "error_file_url": url}),
    )
    fake.add("GET", "/signed/errors.csv", httpx.Response(200, text="row_number,phone_number\n5,bad\n"))
    dest = tmp_path / "errors.csv"
    assert await either.call("download_error_file", "up_1", dest) is True
    assert dest.read_text() == "row_number,phone_number\n5,bad\n"
    file_request = fake.requests[-1]
    assert str(file_request.url) == url
    assert "authorization" not in file_request.headers
    buffer = io.BytesIO()
    assert await either.call("download_error_file", "up_1", buffer) is True
    assert buffer.getvalue().startswith(b"row_number")


async def test_download_error_file_expired_and_absent(
    either: Either, fake: FakeExotel, tmp_path: Path
) -> None:
    fake.add(
        "GET",
        "/contacts/upload/up_1/errors",
        envelope(
            {"upload_id": "up_1", "error_count": 1, "errors": [], "error_file_url": "/v2/error-files/ef"}
        ),
        envelope({"upload_id": "up_1", "error_count": 0, "errors": [], "error_file_url": None}),
    )
    fake.add("GET", "/v2/error-files/ef", json_response(410, {"response": {"code": 410, "error_data": None}}))
    with pytest.raises(exotel_contacts.ErrorFileExpiredError):
        await either.call("download_error_file", "up_1", tmp_path / "e.csv")
    assert str(fake.requests[-1].url) == f"{CCM}/v2/error-files/ef"
    assert not (tmp_path / "e.csv").exists()
    assert await either.call("download_error_file", "up_1", tmp_path / "e.csv") is False


async def test_campaign_without_basic_credentials_fails_before_sending(fake: FakeExotel) -> None:
    for kind in ("sync", "async"):
        client = make_client(kind, fake, api_key=None, api_token=None, access_token="tok")
        wrapper = Either(client)
        with pytest.raises(ConfigurationError, match="EXOTEL_API_KEY"):
            await wrapper.call("create_contacts", [{"number": "+919876543210"}])
        fake.add("GET", "/contacts/upload/up_1", ccm_status())
        await wrapper.call("get_upload_status", "up_1")
        assert fake.requests[-1].headers["authorization"] == "Bearer tok"
        await wrapper.close()
    assert all(r.url.host == "ccm.test" for r in fake.requests)


def test_clients_have_the_same_public_methods() -> None:
    def public(cls: type) -> dict[str, list[str]]:
        return {
            name: list(inspect.signature(member).parameters)
            for name, member in inspect.getmembers(cls, inspect.isfunction)
            if not name.startswith("_")
        }

    sync, asynchronous = public(exotel_contacts.Client), public(exotel_contacts.AsyncClient)
    assert sync == asynchronous
    for name in sync:
        member = getattr(exotel_contacts.AsyncClient, name)
        if name == "with_options":  # a copy of the client, made without I/O on either side
            continue
        # Awaitable, or an async iterator (iter_contacts and the other paging iterators).
        assert inspect.iscoroutinefunction(member) or inspect.isasyncgenfunction(member), name
        if inspect.isasyncgenfunction(member):
            assert inspect.isgeneratorfunction(getattr(exotel_contacts.Client, name)), name
        assert getattr(exotel_contacts.Client, name).__doc__, name


def test_every_request_has_a_finite_timeout(fake: FakeExotel) -> None:
    client = make_client("sync", fake, timeout=7)
    for http in (client._http("ccm"), client._http("campaign"), client._files_http):
        assert http.timeout.read == 7
        assert http.timeout.connect == 7
    client.close()
    default = make_client("sync", fake)
    assert default._http("ccm").timeout.read == exotel_contacts.DEFAULT_TIMEOUT
    default.close()


async def test_context_managers(fake: FakeExotel) -> None:
    fake.add("GET", "/contacts/upload/up_1", ccm_status())
    with make_client("sync", fake) as client:
        assert client.get_upload_status("up_1").status == "completed"
    async with make_client("async", fake) as aclient:
        assert (await aclient.get_upload_status("up_1")).status == "completed"
