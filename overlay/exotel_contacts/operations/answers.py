"""What the client's methods make of a parsed answer (each an :meth:`Operation.then` step): the
record, a :class:`Page`, a multi-status with one item per input, an upload's checked ids and counts
(an upload id becomes a path segment later, a count must fit 64 bits), its progress."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, Generic, TypeVar

import attrs
import httpx

from exotel_contacts.base.exceptions import InvalidResponseError, ItemCountMismatchError
from exotel_contacts.base.json import MAX_INT
from exotel_contacts.base.settings import MAX_SECONDS
from exotel_contacts.core.path_ids import is_path_id
from exotel_contacts.core.polling import UploadProgress
from exotel_contacts.spec.operations import OPERATIONS
from exotel_contacts_api.models import CsvStatus, CsvUploadData, UploadAccepted, UploadErrors, UploadStatus
from exotel_contacts_api.types import UNSET

__all__ = [
    "MAX_BULK_ITEMS",
    "MAX_CONTACTS_PER_REQUEST",
    "MAX_PAGE_SIZE",
    "Page",
    "accepted_upload",
    "bad_shape",
    "check_item_count",
    "csv_progress",
    "csv_status",
    "csv_upload_data",
    "data",
    "first_wait",
    "items",
    "page",
    "upload_errors",
    "upload_progress",
    "upload_status",
]

T = TypeVar("T")
M = TypeVar("M")
Shape = Callable[[Any, httpx.Response], T]

#: createContacts takes at most this many contacts per request (openapi.yaml's x-limits).
MAX_CONTACTS_PER_REQUEST: Final = OPERATIONS["createContacts"].limits["max_items"]
#: Items per bulk request (contacts, lists, contact references), as openapi.yaml's x-limits say.
MAX_BULK_ITEMS: Final = OPERATIONS["addContactsToList"].limits["max_items"]
#: Records per page: Exotel's default and maximum for every v2 listing (openapi.yaml's x-limits).
MAX_PAGE_SIZE: Final = OPERATIONS["listContacts"].limits["max_page_size"]
# An upload status's counts (total, successful, failed, duplicates) in each family's names.
_CCM_COUNTS = ("total_records", "successful", "failed", "duplicates_skipped")
_CSV_COUNTS = ("total", "success", "failed", "duplicate")


@attrs.frozen
class Page(Generic[T]):
    """One page of a listing: its records and where it sits (``total`` from the server's metadata)."""

    items: tuple[T, ...]
    offset: int
    limit: int
    total: int | None

    @property
    def has_more(self) -> bool:
        """Whether a next page may hold records: this one is full and the total is not reached."""
        end = self.offset + len(self.items)
        return len(self.items) >= self.limit > 0 and (self.total is None or end < self.total)


def bad_shape(what: str, response: httpx.Response) -> InvalidResponseError:
    """The error for an answer that parsed but does not have the shape a method relies on."""
    return InvalidResponseError(
        f"Exotel's {what} answer does not have the documented shape",
        status_code=response.status_code,
        request_id=response.headers.get("x-request-id"),
        response=response,
    )


def _check(ok: bool, what: str, response: httpx.Response) -> None:
    if not ok:
        raise bad_shape(what, response)


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _is_whole(value: object) -> bool:
    return value is None or value is UNSET or _count(value) is not None


def _is_count(value: object) -> bool:
    # Within 64 bits: a count of 10**400 is valid JSON, and no count of rows comes near 2**63.
    return _is_whole(value) and abs(_count(value) or 0) <= MAX_INT


# ---- generic shapes ------------------------------------------------------------------------------


def data(kind: type[M], what: str) -> Shape[M]:
    """The record of a single-record envelope (``response.data``), which must be a ``kind``."""

    def shape(answer: Any, response: httpx.Response) -> M:
        value = getattr(getattr(answer, "response", None), "data", None)
        if not isinstance(value, kind):
            raise bad_shape(what, response)
        return value

    return shape


def data_or_none(kind: type[M], what: str) -> Shape[M | None]:
    """As :func:`data`; ``None`` stays ``None`` (a replayed delete whose lost attempt did it)."""
    record = data(kind, what)
    return lambda answer, response: None if answer is None else record(answer, response)


def page(kind: type[M], what: str) -> Shape[Page[M]]:
    """A listing's page: every item a 200 with a ``kind``, at most a page, sane metadata."""

    def shape(answer: Any, response: httpx.Response) -> Page[M]:
        meta = answer.metadata
        found: list[M] = []
        for item in answer.response:
            _check(item.code == 200 and isinstance(item.data, kind), what, response)
            found.append(item.data)
        _check(
            len(found) <= MAX_PAGE_SIZE
            and all(_count(v) is not None and v >= 0 for v in (meta.offset, meta.limit, meta.total)),
            what,
            response,
        )
        return Page(tuple(found), offset=meta.offset, limit=meta.limit, total=meta.total)

    return shape


def check_item_count(what: str, answer: M, count: int, response: httpx.Response) -> M:
    """A multi-status answer, if it has one item per input (``count``); else ItemCountMismatchError.

    The items are matched to the inputs by position only, so a different count leaves every input's
    outcome unknown: the error says so, and the request may have acted.
    """
    found = getattr(answer, "response", None)
    if not isinstance(found, list):
        raise bad_shape(what, response)
    if len(found) != count:
        raise ItemCountMismatchError(
            f"Exotel's {what} answer has {len(found)} items for {count} inputs; the items cannot be "
            "matched to the inputs, so each input's outcome is unknown (the request may have acted)",
            expected=count,
            received=len(found),
            answer=answer,
            status_code=response.status_code,
            request_id=response.headers.get("x-request-id"),
            response=response,
            how_to_fix="Read the resources back (or replay: the operation is replay-safe) to learn "
            "each input's outcome",
        )
    return answer


def items(what: str, count: int) -> Callable[[M, httpx.Response], M]:
    """A multi-status answer with one item per input (see :func:`check_item_count`)."""
    return lambda answer, response: check_item_count(what, answer, count, response)


# ---- uploads: the ids and counts the waits and reports use ---------------------------------------


def accepted_upload(answer: Any, response: httpx.Response) -> UploadAccepted:
    """An accepted CCM upload, whose ``upload_id`` can be asked about."""
    accepted = data(UploadAccepted, "upload")(answer, response)
    _check(
        is_path_id(accepted.upload_id)
        and isinstance(accepted.status, str)
        and _is_count(accepted.total_records)
        # Any whole number: first_wait clamps it (an estimate of 10**400 s means "a long time").
        and _is_whole(accepted.estimated_time_seconds),
        "upload",
        response,
    )
    return accepted


def upload_status(answer: Any, response: httpx.Response) -> UploadStatus:
    """A CCM upload's status with its counts."""
    status = data(UploadStatus, "upload status")(answer, response)
    counts = (getattr(status, name) for name in _CCM_COUNTS)
    _check(
        isinstance(status.upload_id, str) and isinstance(status.status, str) and all(map(_is_count, counts)),
        "upload status",
        response,
    )
    return status


def upload_errors(answer: Any, response: httpx.Response) -> UploadErrors:
    """A CCM upload's failed rows and the URL of its error file."""
    errors = data(UploadErrors, "upload errors")(answer, response)
    url = errors.error_file_url
    _check(
        isinstance(errors.errors, list)
        and _is_count(errors.error_count)
        and (url is None or url is UNSET or isinstance(url, str)),
        "upload errors",
        response,
    )
    return errors


def csv_upload_data(answer: Any, response: httpx.Response) -> CsvUploadData:
    """A Campaign CSV upload's list and summary, whose ``upload_id`` can be asked about."""
    uploaded = data(CsvUploadData, "CSV upload")(answer, response)
    _check(
        is_path_id(uploaded.summary.upload_id) and isinstance(uploaded.summary.status, str),
        "CSV upload",
        response,
    )
    return uploaded


def csv_status(answer: Any, response: httpx.Response) -> CsvStatus:
    """A Campaign CSV upload's status with its stats."""
    status = data(CsvStatus, "CSV status")(answer, response)
    stats = status.stats
    _check(
        isinstance(status.upload_id, str)
        and isinstance(status.status, str)
        and (stats is UNSET or all(_is_count(getattr(stats, name, None)) for name in _CSV_COUNTS)),
        "CSV status",
        response,
    )
    return status


def first_wait(accepted: UploadAccepted) -> float:
    """When to look at an accepted upload first: the server's ``estimated_time_seconds`` (0 if none)."""
    estimate = _count(accepted.estimated_time_seconds)
    if estimate is None:
        return 0.0
    # Clamped before float(): an integer of 400 digits is valid JSON and overflows a float.
    return float(min(max(estimate, 0), int(MAX_SECONDS)))


def upload_progress(status: UploadStatus, elapsed: float) -> UploadProgress:
    """The :class:`UploadProgress` of a CCM status."""
    return _progress(status, status, _CCM_COUNTS, elapsed)


def csv_progress(status: CsvStatus, elapsed: float) -> UploadProgress:
    """The :class:`UploadProgress` of a Campaign CSV status."""
    return _progress(status, status.stats, _CSV_COUNTS, elapsed)


def _progress(
    status: UploadStatus | CsvStatus, counts: object, names: tuple[str, ...], elapsed: float
) -> UploadProgress:
    total, successful, failed, duplicates = (_count(getattr(counts, name, None)) for name in names)
    return UploadProgress(
        upload_id=status.upload_id,
        status=status.status,
        total=total,
        successful=successful,
        failed=failed,
        duplicates=duplicates,
        elapsed=elapsed,
    )
