"""The Campaign per-row report: the file reconciled against the list read back (guide "Lists",
docs/decisions/0017)."""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from datetime import UTC, datetime
from typing import Protocol

import attrs

from exotel_contacts.importing.checks import E164
from exotel_contacts.importing.report import ImportReport
from exotel_contacts.importing.rows import RowFailure, RowResult
from exotel_contacts.importing.seen import SeenNumbers

__all__ = [
    "NOT_IN_LIST",
    "ListNumbers",
    "Member",
    "MemberLookup",
    "ReconciliationResult",
    "parse_timestamp",
    "reconcile",
]

NOT_IN_LIST = "NOT_IN_LIST"
"""Row code: the row passed the local checks, but the list does not hold its number after the import."""

_NOT_IN_LIST_MESSAGE = "Not in the list after the import; the server counted it as failed"
_EXISTED_MESSAGE = "Already in the address book; not created again, added to the list"
_FRACTION = re.compile(r"(\.\d{6})\d+")


@attrs.frozen
class Member:
    """A contact the list holds: its sid and when the address book got it."""

    sid: str
    created: datetime | None


class MemberLookup(Protocol):
    """What reconciliation asks of the list: the member holding a number, if any (a dict will do)."""

    def get(self, number: str, /) -> Member | None: ...


_BEFORE = Member("", datetime.min.replace(tzinfo=UTC))
_SINCE = Member("", None)
_NEW, _OLD = 1, 2


class ListNumbers:
    """The numbers a list holds, each with one bit: was its contact created before the import began (in
    the duplicate check's table, docs/decisions/0023); `get` answers with a stand-in `Member` (no sid)."""

    __slots__ = ("_count", "_odd", "_started", "_table")

    def __init__(self, started: datetime | None, expected: int = 0) -> None:
        self._started = started
        self._table = SeenNumbers(max(expected, 1024), _OLD)
        self._count = 0
        self._odd: dict[str, int] = {}
        """Numbers that are not E.164 (the server's own data): few, kept as text."""

    def __len__(self) -> int:
        return self._count + len(self._odd)

    def add(self, number: str, created: datetime | None) -> None:
        """Record a member (the first time a number is seen counts)."""
        started = self._started
        flag = _OLD if started is not None and created is not None and created < started else _NEW
        if not E164.fullmatch(number):
            self._odd.setdefault(number, flag)
            return
        value = int(number)
        if self._table.find(value) is not None:
            return
        if self._count >= self._table.rows:  # more members than expected: a larger table
            self._table = self._table.grown(self._count * 2)
        self._table, _ = self._table.record(value, flag)
        self._count += 1

    def get(self, number: str) -> Member | None:
        """A stand-in for the member holding `number`, or None when the list does not hold it."""
        flag = self._table.find(int(number)) if E164.fullmatch(number) else self._odd.get(number)
        if flag is None:
            return None
        return _BEFORE if flag == _OLD else _SINCE


@attrs.frozen
class ReconciliationResult:
    """What reconciliation found (its rows are also added to the report)."""

    not_in_list: int
    already_existed: int
    in_list: int


def parse_timestamp(value: object) -> datetime | None:
    """An RFC 3339 timestamp as an aware datetime (nanoseconds cut to microseconds); None if it is not one."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = _FRACTION.sub(r"\1", value.strip()).replace("Z", "+00:00").replace("z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def reconcile(
    report: ImportReport,
    rows: Iterable[RowResult],
    members: MemberLookup,
    *,
    started: datetime | None,
    sent: Container[int] | None = None,
) -> ReconciliationResult:
    """Name the rows of ``rows`` (the original file, read again) that did not make it into the list.

    ``members`` gives the contact holding each E.164 number the list holds (a dict, or `ListNumbers`);
    ``started`` is when the import's first upload began (None: duplicates of the address book cannot be
    told apart and stay counted only);
    ``sent`` limits the check to these row numbers (the rows written to parts), when given.
    """
    missing: list[RowFailure] = []
    existed: list[RowFailure] = []
    in_list = 0
    for row in rows:
        if (sent is None and not row.ok) or (sent is not None and row.row_number not in sent):
            continue  # reported by the local checks already, or never sent
        local = row.failure  # set when the row failed locally and was sent anyway (send_invalid)
        number = row.phone_number or row.fields.get("phone_number", "")
        member = members.get(number)
        if member is None:
            code, why = (local.error_code, f" (here: {local.error_message})") if local else (NOT_IN_LIST, "")
            missing.append(_failure(row, number, code, _NOT_IN_LIST_MESSAGE + why))
            continue
        in_list += 1
        if local is not None and local.error_code == "DUPLICATE_ENTRY":
            existed.append(_failure(row, number, "DUPLICATE_ENTRY", local.error_message))
        elif started is not None and member.created is not None and member.created < started:
            existed.append(_failure(row, number, "DUPLICATE_ENTRY", _EXISTED_MESSAGE))
    report.unlisted_server_failed = _fold(report, missing, report.unlisted_server_failed, "failed")
    report.unlisted_server_duplicates = _fold(report, existed, report.unlisted_server_duplicates, "duplicate")
    return ReconciliationResult(not_in_list=len(missing), already_existed=len(existed), in_list=in_list)


def _failure(row: RowResult, number: str, code: str, message: str) -> RowFailure:
    first, last = row.fields.get("first_name", ""), row.fields.get("last_name", "")
    return RowFailure(row.row_number, number, first, last, code, message, "reconciliation")


def _fold(report: ImportReport, found: list[RowFailure], counted: int, kind: str) -> int:
    """Add the rows found to the report; the server's count of ``kind`` rows still not named."""
    report.failures.extend(found)
    if len(found) != counted:
        report.warnings.append(
            f"Reconciliation named {len(found)} {kind} rows; the server counted {counted} it did not name"
            " (the list may have changed during the import, or the server counts differently)"
        )
    return max(0, counted - len(found))
