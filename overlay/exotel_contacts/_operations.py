"""Each API operation as data: the generated endpoint's request, its replay-safety, and its parser.

Sync and async clients send the same :class:`Operation`; only the sending differs. This is also the
extension point for new client methods: build an ``Operation`` and pass it to ``client._send``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, BinaryIO, TypeVar

import httpx

from exotel_contacts_api.api.campaign import create_contacts as _create_contacts
from exotel_contacts_api.api.campaign import csv_upload_contacts as _csv_upload
from exotel_contacts_api.api.campaign import get_csv_upload_status as _get_csv_status
from exotel_contacts_api.api.ccm import get_upload_errors as _get_upload_errors
from exotel_contacts_api.api.ccm import get_upload_status as _get_upload_status
from exotel_contacts_api.api.ccm import upload_contacts as _upload_contacts
from exotel_contacts_api.models import (
    ContactCreate,
    CreateContactsRequest,
    CreateContactsResponse,
    CsvStatus,
    CsvStatusResponse,
    CsvUploadData,
    CsvUploadRequest,
    CsvUploadResponse,
    DuplicateAction,
    ListType,
    UploadAccepted,
    UploadAcceptedResponse,
    UploadContactsRequest,
    UploadErrors,
    UploadErrorsResponse,
    UploadStatus,
    UploadStatusResponse,
)
from exotel_contacts_api.types import UNSET, File

from ._config import Family
from ._exceptions import InvalidInputError, InvalidResponseError, ItemCountMismatchError, TooManyContactsError
from ._json import MAX_INT
from ._operation import Operation, multipart
from ._path_ids import is_path_id, path_request
from ._polling import UploadProgress
from ._response import Redactor, parse_model
from ._settings import MAX_SECONDS

__all__ = [
    "MAX_CONTACTS_PER_REQUEST",
    "Family",
    "Operation",
    "create_contacts",
    "csv_progress",
    "csv_upload",
    "first_wait",
    "get_csv_status",
    "get_upload_errors",
    "get_upload_status",
    "upload_contacts",
    "upload_progress",
    "upload_replay_safe",
]

T = TypeVar("T")
M = TypeVar("M")

#: createContacts takes at most this many contacts per request.
MAX_CONTACTS_PER_REQUEST = 5000
_STAT_NAMES = ("total", "success", "failed", "duplicate")
_REPLAY_SAFE_DUPLICATE_ACTIONS = frozenset({DuplicateAction.SKIP, DuplicateAction.UPDATE})


def upload_replay_safe(duplicate_action: str) -> bool:
    """Whether sending a CCM upload again cannot create a contact twice (not with ``create_new``)."""
    return duplicate_action.strip().lower() in {action.value for action in _REPLAY_SAFE_DUPLICATE_ACTIONS}


def _bad_shape(what: str, response: httpx.Response) -> InvalidResponseError:
    return InvalidResponseError(
        f"Exotel's {what} answer does not have the documented shape",
        status_code=response.status_code,
        request_id=response.headers.get("x-request-id"),
        response=response,
    )


def _is_count(value: object) -> bool:
    # Within 64 bits: a count of 10**400 is valid JSON, and no count of rows comes near 2**63.
    return (
        value is None
        or value is UNSET
        or (isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_INT)
    )


def _is_whole(value: object) -> bool:
    return value is None or value is UNSET or (isinstance(value, int) and not isinstance(value, bool))


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _check(ok: bool, what: str, response: httpx.Response) -> None:
    if not ok:
        raise _bad_shape(what, response)


# ---- CCM ---------------------------------------------------------------------------------------


def first_wait(accepted: UploadAccepted) -> float:
    """When to look at an accepted upload first: the server's ``estimated_time_seconds`` (0 if none)."""
    estimate = accepted.estimated_time_seconds
    if not isinstance(estimate, int) or isinstance(estimate, bool):
        return 0.0
    # Clamped before float(): an integer of 400 digits is valid JSON and overflows a float.
    return float(min(max(estimate, 0), int(MAX_SECONDS)))


def upload_contacts(
    account_sid: str,
    name: str,
    stream: BinaryIO,
    *,
    list_id: str | None,
    duplicate_action: str | DuplicateAction,
) -> Operation[UploadAccepted]:
    """POST a CSV to CCM; replay-safe unless ``duplicate_action`` is ``create_new``."""
    try:
        action = DuplicateAction(duplicate_action)
    except ValueError:
        choices = ", ".join(a.value for a in DuplicateAction)
        raise InvalidInputError(
            f"duplicate_action must be one of {choices}, got {duplicate_action!r}"
        ) from None
    body = UploadContactsRequest(
        file=File(payload=stream, file_name=name, mime_type="text/csv"),
        list_id=list_id if list_id is not None else UNSET,
        duplicate_action=action,
    )

    def parse(response: httpx.Response, redact: Redactor) -> UploadAccepted:
        data = parse_model(response, UploadAcceptedResponse.from_dict, redact=redact).response.data
        _check(
            isinstance(data, UploadAccepted)
            and is_path_id(data.upload_id)
            and isinstance(data.status, str)
            and _is_count(data.total_records)
            # Any whole number: first_wait clamps it (an estimate of 10**400 s means "a long time").
            and _is_whole(data.estimated_time_seconds),
            "upload",
            response,
        )
        return data

    return Operation(
        family="ccm",
        request=multipart(path_request(_upload_contacts._get_kwargs, account_sid, body=body)),
        replay_safe=action in _REPLAY_SAFE_DUPLICATE_ACTIONS,
        parse=parse,
        upload=True,
    )


def get_upload_status(account_sid: str, upload_id: str) -> Operation[UploadStatus]:
    """GET a CCM upload's status."""

    def parse(response: httpx.Response, redact: Redactor) -> UploadStatus:
        data = parse_model(response, UploadStatusResponse.from_dict, redact=redact).response.data
        _check(
            isinstance(data, UploadStatus)
            and isinstance(data.upload_id, str)
            and isinstance(data.status, str)
            and all(
                _is_count(v)
                for v in (data.total_records, data.successful, data.failed, data.duplicates_skipped)
            ),
            "upload status",
            response,
        )
        return data

    return Operation("ccm", path_request(_get_upload_status._get_kwargs, account_sid, upload_id), True, parse)


def get_upload_errors(account_sid: str, upload_id: str) -> Operation[UploadErrors]:
    """GET a CCM upload's failed rows."""

    def parse(response: httpx.Response, redact: Redactor) -> UploadErrors:
        data = parse_model(response, UploadErrorsResponse.from_dict, redact=redact).response.data
        _check(
            isinstance(data, UploadErrors)
            and isinstance(data.errors, list)
            and _is_count(data.error_count)
            and (
                data.error_file_url is None
                or data.error_file_url is UNSET
                or isinstance(data.error_file_url, str)
            ),
            "upload errors",
            response,
        )
        return data

    return Operation("ccm", path_request(_get_upload_errors._get_kwargs, account_sid, upload_id), True, parse)


def upload_progress(status: UploadStatus, elapsed: float) -> UploadProgress:
    """The :class:`UploadProgress` of a CCM status."""
    return UploadProgress(
        upload_id=status.upload_id,
        status=status.status,
        total=_count(status.total_records),
        successful=_count(status.successful),
        failed=_count(status.failed),
        duplicates=_count(status.duplicates_skipped),
        elapsed=elapsed,
    )


# ---- Campaign ----------------------------------------------------------------------------------


def csv_upload(
    account_sid: str, name: str, stream: BinaryIO, *, list_name: str, type: str | ListType
) -> Operation[CsvUploadData]:
    """POST a CSV into a Campaign list; replay-safe (duplicates are counted, not created)."""
    if not isinstance(list_name, str) or not list_name.strip():
        raise InvalidInputError("list_name must be a non-empty string")
    try:
        list_type = ListType(type)
    except ValueError:
        raise InvalidInputError(f"type must be 'static' or 'dynamic', got {type!r}") from None
    body = CsvUploadRequest(
        list_name=list_name,
        file_name=File(payload=stream, file_name=name, mime_type="text/csv"),
        type_=list_type,
    )

    def parse(response: httpx.Response, redact: Redactor) -> CsvUploadData:
        data = parse_model(response, CsvUploadResponse.from_dict, redact=redact).response.data
        _check(
            isinstance(data, CsvUploadData)
            and is_path_id(data.summary.upload_id)
            and isinstance(data.summary.status, str),
            "CSV upload",
            response,
        )
        return data

    return Operation(
        "campaign", multipart(path_request(_csv_upload._get_kwargs, account_sid, body=body)), True, parse
    )


def get_csv_status(account_sid: str, upload_id: str) -> Operation[CsvStatus]:
    """GET a Campaign CSV upload's status."""

    def parse(response: httpx.Response, redact: Redactor) -> CsvStatus:
        data = parse_model(response, CsvStatusResponse.from_dict, redact=redact).response.data
        stats = data.stats if isinstance(data, CsvStatus) else None
        _check(
            isinstance(data, CsvStatus)
            and isinstance(data.upload_id, str)
            and isinstance(data.status, str)
            and (
                stats is UNSET
                or all(
                    _is_count(getattr(stats, k, None)) for k in ("total", "success", "failed", "duplicate")
                )
            ),
            "CSV status",
            response,
        )
        return data

    return Operation(
        "campaign", path_request(_get_csv_status._get_kwargs, account_sid, upload_id), True, parse
    )


def csv_progress(status: CsvStatus, elapsed: float) -> UploadProgress:
    """The :class:`UploadProgress` of a Campaign CSV status."""
    stats = status.stats if status.stats is not UNSET else None
    return UploadProgress(
        upload_id=status.upload_id,
        status=status.status,
        total=_count(getattr(stats, "total", None)),
        successful=_count(getattr(stats, "success", None)),
        failed=_count(getattr(stats, "failed", None)),
        duplicates=_count(getattr(stats, "duplicate", None)),
        elapsed=elapsed,
    )


def check_item_count(what: str, answer: M, count: int, response: httpx.Response) -> M:
    """A multi-status answer, if it has one item per input (``count``); else ItemCountMismatchError.

    The items are matched to the inputs by position only, so a different count leaves every input's
    outcome unknown: the error says so, and the request may have acted.
    """
    items = getattr(answer, "response", None)
    if not isinstance(items, list):
        raise _bad_shape(what, response)
    if len(items) != count:
        raise ItemCountMismatchError(
            f"Exotel's {what} answer has {len(items)} items for {count} inputs; the items cannot be "
            "matched to the inputs, so each input's outcome is unknown (the request may have acted)",
            expected=count,
            received=len(items),
            answer=answer,
            status_code=response.status_code,
            request_id=response.headers.get("x-request-id"),
            response=response,
            how_to_fix="Read the resources back (or replay: the operation is replay-safe) to learn "
            "each input's outcome",
        )
    return answer


def create_contacts(
    account_sid: str, contacts: Sequence[ContactCreate | Mapping[str, Any]]
) -> Operation[CreateContactsResponse]:
    """POST up to 5000 contacts; replay-safe (a duplicate answers 409 and is not created again)."""
    if isinstance(contacts, str | bytes) or not isinstance(contacts, Sequence):
        raise InvalidInputError("contacts must be a list of ContactCreate objects or dicts")
    if len(contacts) > MAX_CONTACTS_PER_REQUEST:
        raise TooManyContactsError(
            f"{len(contacts)} contacts in one request; createContacts takes at most "
            f"{MAX_CONTACTS_PER_REQUEST}",
            how_to_fix="Send them in batches of 5000 (create_contacts_bulk does this for you)",
        )
    if not contacts:
        raise InvalidInputError("contacts is empty; createContacts needs at least one contact")
    items: list[ContactCreate] = []
    for i, contact in enumerate(contacts):
        if isinstance(contact, ContactCreate):
            items.append(contact)
            continue
        try:
            item = ContactCreate.from_dict(contact)
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidInputError(f"contacts[{i}] is not a contact ({type(exc).__name__}: {exc})") from None
        if not isinstance(item.number, str) or not item.number:
            raise InvalidInputError(f"contacts[{i}] has no 'number'")
        items.append(item)

    def parse(response: httpx.Response, redact: Redactor) -> CreateContactsResponse:
        result = parse_model(response, CreateContactsResponse.from_dict, redact=redact)
        return check_item_count("createContacts", result, len(items), response)

    body = CreateContactsRequest(contacts=items)
    return Operation(
        "campaign", path_request(_create_contacts._get_kwargs, account_sid, body=body), True, parse
    )
