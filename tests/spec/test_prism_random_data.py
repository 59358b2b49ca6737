"""The overlay reads Prism's random-data answers (``prism mock -d openapi.yaml``) for each operation.

Prism's dynamic mode invents every answer from the spec's schemas alone: what a team in another
language sees before it has the real mock. For each operation and each status the spec declares for it
(Prism's ``Prefer: code=N``), the real ``exotel_contacts.Client`` is called many times: every success
answer must give a typed result, every error answer the typed ``ExotelError`` of its status, and never
an ``InvalidResponseError`` (a spec-valid answer the client cannot read means the spec is too loose).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

import exotel_contacts as ec
from exotel_contacts_api.models import (
    Contact,
    ContactList,
    CreateContactsResponse,
    CsvStatus,
    CsvUploadData,
    ListMembership,
    ListsMultiStatus,
    MembershipsMultiStatus,
    UploadAccepted,
    UploadErrors,
    UploadStatus,
)

from .node_tools import BIN, free_port, needs, serve

pytestmark = needs("prism")

SID = "AC1234"
CSV = b"phone_number,first_name\n+919876543210,Asha\n"
CAMPAIGN_CSV = b"number,first_name\n+919876543210,Asha\n"
CONTACT = "4440b6e1a85f489b87d76d8779956caf"
LIST = "f121e1f304654a668108127a1412b0fb"
GONE = type(None)  # a delete whose replay found the resource gone answers None
SUCCESS_CALLS = 25
ERROR_CALLS = 3

# What each error status must become (the overlay's error tree).
EXPECTED: dict[int, type[ec.ExotelError]] = {
    400: ec.BadRequestError,
    401: ec.AuthenticationError,
    402: ec.PaymentRequiredError,
    403: ec.PermissionDeniedError,
    404: ec.NotFoundError,
    409: ec.ConflictError,
    410: ec.ErrorFileExpiredError,
    413: ec.PayloadTooLargeError,
    415: ec.BadRequestError,
    429: ec.RateLimitError,
    500: ec.ServerError,
    502: ec.ServerError,
    503: ec.ServerError,
    504: ec.ServerError,
}


class PrismRouter(httpx.BaseTransport):
    """Sends every request to Prism, asking for ``status`` on the paths of the operation under test.

    The error CSV's pre-signed URL (any host, any path) is answered by Prism's ``downloadErrorFile``,
    which documents that file: it plays the storage host.
    """

    def __init__(self, port: int) -> None:
        self._inner = httpx.HTTPTransport()
        self._port = port
        self.target: re.Pattern[str] | None = None
        self.status: int | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if not path.startswith("/v2/"):
            path = "/v2/error-files/" + (path.rstrip("/").rsplit("/", 1)[-1] or "file")
        if self.target is not None and self.status is not None and self.target.fullmatch(path):
            request.headers["Prefer"] = f"code={self.status}"
        request.url = request.url.copy_with(
            scheme="http", host="127.0.0.1", port=self._port, raw_path=path.encode()
        )
        request.headers["Host"] = f"127.0.0.1:{self._port}"
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


Call = Callable[[ec.Client], Any]
OPERATIONS: dict[str, tuple[str, type | tuple[type, ...], Call]] = {
    "uploadContacts": (
        r"/v2/accounts/[^/]+/contacts/upload",
        UploadAccepted,
        lambda c: c.upload_contacts(io.BytesIO(CSV)),
    ),
    "getUploadStatus": (
        r"/v2/accounts/[^/]+/contacts/upload/[^/]+",
        UploadStatus,
        lambda c: c.get_upload_status("upload_abc123"),
    ),
    "getUploadErrors": (
        r"/v2/accounts/[^/]+/contacts/upload/[^/]+/errors",
        UploadErrors,
        lambda c: c.get_upload_errors("upload_abc123"),
    ),
    "downloadErrorFile": (
        r"/v2/error-files/[^/]+",
        bool,
        lambda c: c.download_error_file("upload_abc123", io.BytesIO()),
    ),
    "csvUploadContacts": (
        r"/v2/accounts/[^/]+/contacts/csv-upload",
        CsvUploadData,
        lambda c: c.csv_upload(io.BytesIO(CAMPAIGN_CSV), list_name="spring"),
    ),
    "getCsvUploadStatus": (
        r"/v2/accounts/[^/]+/csv-status/[^/]+",
        CsvStatus,
        lambda c: c.get_csv_status("b3eb726b829c432cb3dae4e9f9dda913"),
    ),
    "createContacts": (
        r"/v2/accounts/[^/]+/contacts",
        CreateContactsResponse,
        lambda c: c.create_contacts([{"number": "+919876543210"}, {"number": "+919876543211"}]),
    ),
}

# Issue 13's operations (contacts, lists, membership).
OPERATIONS |= {
    "listContacts": (r"/v2/accounts/[^/]+/contacts", ec.Page, lambda c: c.list_contacts(limit=5)),
    "updateContacts": (
        r"/v2/accounts/[^/]+/contacts",
        CreateContactsResponse,
        lambda c: c.update_contacts([{"sid": CONTACT, "first_name": "Asha"}]),
    ),
    "getContact": (r"/v2/accounts/[^/]+/contacts/[^/]+", Contact, lambda c: c.get_contact(CONTACT)),
    "updateContact": (
        r"/v2/accounts/[^/]+/contacts/[^/]+",
        Contact,
        lambda c: c.update_contact(CONTACT, first_name="Asha"),
    ),
    "deleteContact": (
        r"/v2/accounts/[^/]+/contacts/[^/]+",
        (Contact, GONE),
        lambda c: c.delete_contact(CONTACT),
    ),
    "createLists": (r"/v2/accounts/[^/]+/lists", ListsMultiStatus, lambda c: c.create_lists(["spring"])),
    "listLists": (r"/v2/accounts/[^/]+/lists", ec.Page, lambda c: c.list_lists(limit=5)),
    "updateLists": (
        r"/v2/accounts/[^/]+/lists",
        ListsMultiStatus,
        lambda c: c.update_lists([{"sid": LIST, "name": "summer"}]),
    ),
    "getList": (r"/v2/accounts/[^/]+/lists/[^/]+", ContactList, lambda c: c.get_list(LIST)),
    "updateList": (
        r"/v2/accounts/[^/]+/lists/[^/]+",
        ContactList,
        lambda c: c.update_list(LIST, name="summer"),
    ),
    "deleteList": (r"/v2/accounts/[^/]+/lists/[^/]+", (ContactList, GONE), lambda c: c.delete_list(LIST)),
    "addContactsToList": (
        r"/v2/accounts/[^/]+/lists/[^/]+/contacts",
        MembershipsMultiStatus,
        lambda c: c.add_contacts_to_list(LIST, [CONTACT]),
    ),
    "listListContacts": (
        r"/v2/accounts/[^/]+/lists/[^/]+/contacts",
        ec.Page,
        lambda c: c.list_list_contacts(LIST, limit=5),
    ),
    "removeContactFromList": (
        r"/v2/accounts/[^/]+/lists/[^/]+/contacts/[^/]+",
        (ListMembership, GONE),
        lambda c: c.remove_contact_from_list(LIST, CONTACT),
    ),
}


# Multi-status answers hold "one item per input, in input order", which no schema can say: the client
# reads an answer of another length as ItemCountMismatchError (every input's outcome unknown).
INPUTS = {
    "createContacts": 2,
    "updateContacts": 1,
    "createLists": 1,
    "updateLists": 1,
    "addContactsToList": 1,
}
# A page holds records only.
RECORDS = {"listContacts": Contact, "listLists": ContactList, "listListContacts": Contact}


def check_result(operation_id: str, result: Any) -> str | None:
    """What is wrong with a typed success result beyond its type, or None."""
    if operation_id in INPUTS and len(result.response) != INPUTS[operation_id]:
        return f"{len(result.response)} items for {INPUTS[operation_id]} inputs"
    if operation_id in RECORDS and not all(isinstance(r, RECORDS[operation_id]) for r in result.items):
        return "a page item is not a record"
    return None


def declared_statuses(spec: dict[str, Any], operation_id: str) -> list[int]:
    for item in spec["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                return sorted(int(code) for code in op["responses"])
    raise AssertionError(f"no operation {operation_id}")


@pytest.fixture(scope="module")
def prism() -> Iterator[PrismRouter]:
    port = free_port()
    cmd = [str(BIN / "prism"), "mock", "-d", "-h", "127.0.0.1", "-p", str(port), "openapi.yaml"]
    with serve(cmd, f"http://127.0.0.1:{port}/v2/error-files/probe"):
        router = PrismRouter(port)
        yield router
        router.close()


@pytest.fixture
def client(prism: PrismRouter) -> Iterator[ec.Client]:
    with ec.Client(
        account_sid=SID,
        api_key="key",
        api_token="token",
        access_token=None,
        ccm_base_url="http://ccm.prism",
        campaign_base_url="http://campaign.prism",
        transport=prism,
        retry=ec.RetryPolicy(max_attempts=1),
        rate_limit_per_minute=None,
        environ={},
    ) as c:
        yield c


def test_every_operation_reads_prism_random_answers(
    spec: dict[str, Any], prism: PrismRouter, client: ec.Client
) -> None:
    assert set(OPERATIONS) == {
        op["operationId"]
        for item in spec["paths"].values()
        for op in item.values()
        if isinstance(op, dict) and "operationId" in op
    }, "an operation of the spec is not listed here"
    failures: list[str] = []
    answers = read = mismatches = 0
    per_operation: dict[str, int] = {}
    for operation_id, (path, result_type, call) in OPERATIONS.items():
        prism.target = re.compile(path)
        for status in declared_statuses(spec, operation_id):
            prism.status = status
            for _ in range(SUCCESS_CALLS if status < 300 else ERROR_CALLS):
                answers += 1
                try:
                    result = call(client)
                except ec.ItemCountMismatchError as exc:
                    mismatches += 1
                    if not (
                        status == 207
                        and exc.expected == INPUTS.get(operation_id)
                        and exc.received == len(exc.answer.response) != exc.expected
                    ):
                        failures.append(f"{operation_id} {status}: {type(exc).__name__}: {exc}")
                    continue
                except ec.ExotelError as exc:
                    expected = EXPECTED.get(status)
                    if (
                        status < 300
                        or expected is None
                        or not isinstance(exc, expected)
                        or exc.status_code != status
                    ):
                        failures.append(f"{operation_id} {status}: {type(exc).__name__}: {exc}")
                    continue
                if status >= 300 or not isinstance(result, result_type):
                    failures.append(f"{operation_id} {status}: returned {type(result).__name__}")
                elif (wrong := check_result(operation_id, result)) is not None:
                    failures.append(f"{operation_id} {status}: {wrong}")
                else:
                    read += 1
                    per_operation[operation_id] = per_operation.get(operation_id, 0) + 1
    print(f"{answers} answers: {read} success answers read, {mismatches} multi-status of another length")
    print("success answers read per operation:", per_operation)
    assert not failures, (
        f"{len(failures)} of {answers} Prism random-data answers not read as the spec says:\n"
        + "\n".join(failures[:20])
    )
