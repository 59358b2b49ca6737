"""Every failure is typed: deep JSON, unparseable URLs, dot ids, and 207 items that name other numbers."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

import exotel_contacts
from exotel_contacts import InvalidInputError, InvalidResponseError, NotFoundError, Outcome

from .conftest import Either, FakeExotel, envelope, make_client

DEEP = b"[" * 100_000 + b"]" * 100_000
DEEP_OBJECT = b'{"response":' * 50_000 + b"1" + b"}" * 50_000


@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT])
async def test_deep_json_on_a_200_is_an_invalid_response(
    either: Either, fake: FakeExotel, body: bytes
) -> None:
    fake.add("GET", "/contacts/upload/up_1", httpx.Response(200, content=body))
    with pytest.raises(InvalidResponseError, match="nested too deeply"):
        await either.call("get_upload_status", "up_1")


async def test_deep_json_on_a_404_is_still_not_found(either: Either, fake: FakeExotel) -> None:
    fake.add("GET", "/contacts/upload/up_1", httpx.Response(404, content=DEEP))
    with pytest.raises(NotFoundError):
        await either.call("get_upload_status", "up_1")


async def test_deep_json_on_a_207_is_an_invalid_response(either: Either, fake: FakeExotel) -> None:
    fake.add("POST", "/contacts", httpx.Response(207, content=DEEP))
    with pytest.raises(InvalidResponseError):
        await either.call("create_contacts", [{"number": "+919876543210"}])


async def test_in_bulk_a_deep_answer_makes_only_its_chunk_unknown(either: Either, fake: FakeExotel) -> None:
    answers = iter([httpx.Response(207, content=DEEP)])

    def answer(request: httpx.Request) -> httpx.Response:
        numbers = [c["number"] for c in json.loads(request.content)["contacts"]]
        return next(answers, None) or httpx.Response(207, json=_items(numbers))

    fake.add("POST", "/contacts", answer)
    contacts = [{"number": f"+9198765{i:05d}"} for i in range(30)]
    result = await either.call("create_contacts_bulk", contacts, chunk_size=10, concurrency=1)
    assert result.counts[Outcome.UNKNOWN] == 10
    assert result.counts[Outcome.CREATED] == 20
    assert all("nested too deeply" in (o.reason or "") for o in result.unknown)


BAD_URLS = [
    "http://[::1",
    "http://exa\x00mple.com/f.csv",
    "http://xn--a.com/f.csv",
    "http://" + "a" * 64 + ".com/f.csv",
    "http://\u00ad.com/f.csv",
    "ftp://files.test/f.csv",
    "http:///f.csv",
    "http://a..b/f.csv",
    "http://" + "a" * 10_000 + ".com/",
]


@pytest.mark.parametrize("url", BAD_URLS)
async def test_an_unparseable_error_file_url_is_an_invalid_response(
    either: Either, fake: FakeExotel, url: str, tmp_path: Any
) -> None:
    data = {"upload_id": "up_1", "error_count": 1, "errors": [], "error_file_url": url}
    fake.add("GET", "/contacts/upload/up_1/errors", envelope(data))
    with pytest.raises(InvalidResponseError, match="error_file_url"):
        await either.call("download_error_file", "up_1", tmp_path / "e.csv")
    assert fake.count("GET", "/contacts/upload/up_1/errors") == 1  # nothing else was asked for


UNSAFE_IDS = [".", "..", "...", "", " ", " up_1", 5, None]

# Every client method with a path parameter of its own, and the arguments it needs besides the id.
ID_METHODS: dict[str, dict[str, Any]] = {
    "get_upload_status": {},
    "get_upload_errors": {},
    "download_error_file": {"dest": "never-written.csv"},
    "wait_for_upload": {},
    "get_csv_status": {},
    "wait_for_csv_upload": {},
}

# Every operation, called with a valid id, to check the account SID as a path parameter.
ACCOUNT_CALLS: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    ("get_upload_status", ("up_1",), {}),
    ("get_upload_errors", ("up_1",), {}),
    ("get_csv_status", ("csv_1",), {}),
    ("upload_contacts", (b"phone_number\n+919876543210\n",), {}),
    ("csv_upload", (b"number\n+919876543210\n",), {"list_name": "l"}),
    ("create_contacts", ([{"number": "+919876543210"}],), {}),
    ("create_contacts_bulk", ([{"number": "+919876543210"}],), {}),
]


def test_every_method_with_an_id_is_listed() -> None:
    methods = {
        name
        for name, member in inspect.getmembers(exotel_contacts.Client, inspect.isfunction)
        if not name.startswith("_") and "upload_id" in inspect.signature(member).parameters
    }
    assert methods == set(ID_METHODS)


@pytest.mark.parametrize("method", sorted(ID_METHODS))
@pytest.mark.parametrize("bad", UNSAFE_IDS)
async def test_unsafe_ids_are_refused_before_sending(
    either: Either, fake: FakeExotel, method: str, bad: Any
) -> None:
    with pytest.raises(InvalidInputError, match="upload_id"):
        await either.call(method, bad, **ID_METHODS[method])
    assert fake.requests == []


@pytest.mark.parametrize(("method", "args", "kwargs"), ACCOUNT_CALLS)
@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("bad", [".", ".."])
async def test_an_unsafe_account_sid_is_refused_by_every_operation(
    kind: str, method: str, args: tuple[Any, ...], kwargs: dict[str, Any], bad: str
) -> None:
    fake = FakeExotel()
    either = Either(make_client(kind, fake, account_sid=bad))
    with pytest.raises(InvalidInputError, match="account_sid"):
        await either.call(method, *args, **kwargs)
    await either.close()
    assert fake.requests == []


def test_every_generated_endpoint_is_built_through_the_path_check() -> None:
    # The generated request builders are the only place requests are built; each goes through
    # spec_operation*, which checks every path value (path_request) before building the request.
    package = Path(exotel_contacts.__file__).parent
    users = sorted(
        p.relative_to(package).as_posix()
        for p in package.rglob("*.py")
        if "._get_kwargs" in p.read_text()
        and p.relative_to(package).as_posix() not in ("core/path_ids.py", "operations/operation.py")
    )
    assert users == ["operations/spec_requests.py"]
    source = (package / "operations" / "spec_requests.py").read_text()
    built = re.findall(r"(\w+)\._get_kwargs", source)
    checked = re.findall(r"spec_operation\w*\(\s*OPERATIONS\[[^\]]+\],\s*(\w+)\._get_kwargs", source)
    assert len(built) == 21
    assert sorted(built) == sorted(checked)
    operation = (package / "operations" / "operation.py").read_text()
    assert "request = path_request(get_kwargs, *path, route=rule.path, **options)" in operation


def _items(numbers: list[str]) -> dict[str, Any]:
    return {
        "request_id": "r",
        "http_code": 207,
        "response": [
            {"code": 200, "status": "success", "error_data": None, "data": {"sid": f"sid_{n}", "number": n}}
            for n in numbers
        ],
    }


SENT = ["+919876500001", "+919876500002", "+919876500003"]


@pytest.mark.parametrize(
    "answered",
    [
        [SENT[1], SENT[0], SENT[2]],  # reordered
        [SENT[0]] * 3,  # all the same number
    ],
)
async def test_items_that_name_other_numbers_make_those_contacts_unknown(
    either: Either, fake: FakeExotel, answered: list[str]
) -> None:
    fake.add("POST", "/contacts", httpx.Response(207, json=_items(answered)))
    result = await either.call("create_contacts_bulk", [{"number": n} for n in SENT])
    for outcome in result:
        if answered[outcome.index] == SENT[outcome.index]:
            assert outcome.outcome is Outcome.CREATED
            assert outcome.sid == f"sid_{SENT[outcome.index]}"
        else:
            assert outcome.outcome is Outcome.UNKNOWN
            assert outcome.sid is None
            assert "number" in (outcome.reason or "")


async def test_numbers_the_server_normalised_still_match(either: Either, fake: FakeExotel) -> None:
    sent = ["09876500001", "+91 98765 00002", "+91-98765-00003"]
    fake.add("POST", "/contacts", httpx.Response(207, json=_items(SENT)))
    result = await either.call("create_contacts_bulk", [{"number": n} for n in sent])
    assert result.counts[Outcome.CREATED] == 3


@pytest.mark.parametrize("bad", ["..", ".", "", " up_1"])
async def test_an_upload_id_from_the_server_that_cannot_be_a_path_is_an_invalid_response(
    either: Either, fake: FakeExotel, bad: str
) -> None:
    accepted = {
        "request_id": "r",
        "method": "POST",
        "http_code": 202,
        "response": {"code": 202, "status": "accepted", "data": {"upload_id": bad, "status": "processing"}},
    }
    fake.add("POST", "/contacts/upload", accepted)
    with pytest.raises(InvalidResponseError):
        await either.call("upload_contacts", b"phone_number\n+919876543210\n")


# The contact and list methods, each with its sid parameters and what it needs besides them.
SID_METHODS: list[tuple[str, tuple[str, ...], dict[str, Any]]] = [
    ("get_contact", ("contact_sid",), {}),
    ("update_contact", ("contact_sid",), {"fields": {"first_name": "A"}}),
    ("delete_contact", ("contact_sid",), {}),
    ("get_list", ("list_sid",), {}),
    ("update_list", ("list_sid",), {"fields": {"name": "n"}}),
    ("delete_list", ("list_sid",), {}),
    ("list_list_contacts", ("list_sid",), {}),
    ("add_contacts_to_list", ("list_sid",), {"contact_sids": ["c_1"]}),
    ("remove_contact_from_list", ("list_sid", "contact_sid"), {}),
]


@pytest.mark.parametrize(("method", "params", "kwargs"), SID_METHODS)
async def test_dot_sids_are_refused_by_every_contact_and_list_method(
    either: Either, fake: FakeExotel, method: str, params: tuple[str, ...], kwargs: dict[str, Any]
) -> None:
    # `get_contact("..")` would otherwise ask for /v2/accounts/<sid> after URL normalisation.
    for bad in [".", "..", "..."]:
        for position, name in enumerate(params):
            sids = {p: (bad if i == position else "sid_1") for i, p in enumerate(params)}
            with pytest.raises(InvalidInputError, match=name):
                await either.call(method, **sids, **kwargs)
    assert fake.requests == []


@pytest.mark.parametrize(("method", "params", "kwargs"), [*SID_METHODS, ("list_lists", (), {})])
@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_an_unsafe_account_sid_is_refused_by_every_contact_and_list_method(
    kind: str, method: str, params: tuple[str, ...], kwargs: dict[str, Any]
) -> None:
    fake = FakeExotel()
    either = Either(make_client(kind, fake, account_sid=".."))
    with pytest.raises(InvalidInputError, match="account_sid"):
        await either.call(method, **dict.fromkeys(params, "sid_1"), **kwargs)
    await either.close()
    assert fake.requests == []


def test_every_generated_endpoint_in_the_overlay_is_built_through_the_path_check() -> None:
    # Wherever the overlay builds a generated request, it goes through path_request (directly, or
    # through the generated builders' spec_operation*, which call it).
    for module in sorted(Path(exotel_contacts.__file__).parent.rglob("*.py")):
        source = module.read_text()
        built = re.findall(r"(\w+)\._get_kwargs\b", source)
        checked = re.findall(
            r"(?:path_request\(\s*|spec_operation\w*\(\s*OPERATIONS\[[^\]]+\],\s*)(\w+)\._get_kwargs\b",
            source,
        )
        assert sorted(built) == sorted(checked), module.name
