"""Streaming reader and checker for contact CSV files, a batch of rows at a time (docs/decisions/0024).

What grows with the file is only the duplicate table (`seen.SeenNumbers`, docs/decisions/0023) and
the list of failed rows.
"""

from __future__ import annotations

import csv
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import IO

from exotel_contacts.base.exceptions import EmptyFileError

from . import checks
from .checks import PhoneCheck, check_email, make_phone_check
from .columns import HeaderPlan, plan_header, unknown_columns_warning
from .file_checks import prescan, read_error
from .rows import RowFailure, RowResult
from .seen import SeenNumbers

__all__ = ["ContactSource", "ValidationReport", "read_contacts", "validate_file"]

_BATCH = 512
"""Rows checked together (see `_scan`): large enough that the per-batch calls cost nothing a row."""
_new_tuple = tuple.__new__
_ROW_NUMBER = itemgetter(0)
_PHONE_CODES = frozenset({"INVALID_PHONE", "MISSING_REQUIRED"})
_MERGE = "remove the duplicate row or merge the two"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of checking a file locally, without sending anything."""

    path: Path
    columns: tuple[str, ...]
    """Canonical names of the contact columns the file has (unknown columns not included)."""
    total_rows: int
    """Data rows read, blank rows not counted."""
    valid_rows: int
    """Rows that passed every local check."""
    blank_rows: int
    """Empty lines and rows whose every cell is blank; skipped, never sent."""
    failures: tuple[RowFailure, ...]
    """Every row that failed, in file order, numbered as in the file."""
    warnings: tuple[str, ...]
    """Things dropped or worth a look that do not stop the import (e.g. unknown columns)."""

    @property
    def invalid_rows(self) -> int:
        """Rows that failed a check (duplicates included)."""
        return len(self.failures)

    @property
    def duplicate_rows(self) -> int:
        """Rows that repeat a phone number of an earlier row."""
        return sum(1 for failure in self.failures if failure.error_code == "DUPLICATE_ENTRY")


class ContactSource:
    """An open contact file: its header plan, and a one-pass iterator over rows to send.

    A context manager; `rows()` may be iterated once. Row-level problems are appended to
    `failures` as `RowFailure` records; file-level problems raise a `ContactFileError`.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        strict: bool = False,
        default_region: str | None = None,
        detect_duplicates: bool = True,
    ) -> None:
        self.path = Path(path)
        self.strict = strict
        self.default_region = default_region
        self.detect_duplicates = detect_duplicates
        self.failures: list[RowFailure] = []
        self.rows_read = 0
        self.blank_rows = 0
        self.duplicate_table_bytes = 0
        """Bytes the duplicate check's table held at the end of the scan (see seen.py)."""
        self._records_bound, self._file_bytes = prescan(self.path)
        # newline="" lets csv see quoted line breaks and every line ending (CRLF, LF, CR).
        # A 1 MiB buffer: fewer refills of the decoder than the default 8 KiB, a few % of the read.
        self._handle: IO[str] = self.path.open(encoding="utf-8-sig", newline="", buffering=1 << 20)
        try:
            # strict=True: a quote in the wrong place is an error rather than a silently mangled field.
            self._reader = csv.reader(self._handle, strict=True)
            header = self._next_or_none()
            if header is None:
                raise EmptyFileError("the file has no header line", path=self.path)
            self.plan: HeaderPlan = plan_header(header, path=self.path)
            self._name_at = (self.plan.phone_index, self.plan.get("first_name"), self.plan.get("last_name"))
        except BaseException:
            self._handle.close()
            raise

    def __enter__(self) -> ContactSource:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file."""
        self._handle.close()

    def warnings(self) -> list[str]:
        """Warnings about the header (unknown columns are dropped, never silently)."""
        unknown = unknown_columns_warning(self.plan.unknown)
        notes = [unknown] if unknown is not None else []
        if self.rows_read == 0:
            notes.append("the file has a header but no data rows")
        return notes

    def validation(
        self, failures: list[RowFailure] | None = None, warnings: tuple[str, ...] = ()
    ) -> ValidationReport:
        """The report of the rows read so far: `failures` (default: `self.failures`) and the header's
        warnings followed by `warnings`."""
        failures = self.failures if failures is None else failures
        return ValidationReport(
            path=self.path,
            columns=tuple(self.plan.index),
            total_rows=self.rows_read,
            valid_rows=self.rows_read - len(failures),
            blank_rows=self.blank_rows,
            failures=tuple(failures),
            warnings=(*self.warnings(), *warnings),
        )

    def _next_or_none(self) -> list[str] | None:
        try:
            return next(self._reader, None)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise read_error(self.path, exc, None, self._reader.line_num) from None

    def fail(
        self, row_number: int, row: list[str], code: str, message: str, phone: str | None = None
    ) -> None:
        """Record a local failure of a row (`phone`: the number to report, by default the cell trimmed)."""
        width = len(row)
        cell, first, last = (row[at] if 0 <= at < width else "" for at in self._name_at)
        failure = (row_number, cell.strip() if phone is None else phone, first, last, code, message, "local")
        # tuple.__new__ skips the named tuple's Python-level __new__: failures can be numerous.
        self.failures.append(_new_tuple(RowFailure, failure))

    def rows(self, *, send_invalid: bool = False) -> Iterator[tuple[int, list[str], str]]:
        """Yield (row number, fields, normalised phone) for every row to send.

        Rows that fail a check are recorded in `failures`; with `send_invalid` they are yielded as
        well (with the phone as written), except rows with the wrong number of fields, which cannot
        be mapped to columns.
        """
        return self._scan(send_invalid=send_invalid, yield_valid=True)

    def check_all(self) -> None:
        """Read every row, only recording failures (the fast path of `validate_file`)."""
        # Nothing is yielded, so the whole loop runs inside the first next().
        deque(self._scan(send_invalid=False, yield_valid=False), maxlen=0)

    def _slow_phone(self, row_number: int, row: list[str], phone_slow: PhoneCheck) -> tuple[str | None, str]:
        """The phone check of a row the batch check stopped at: (verdict, phone).

        The verdict is None for a row that passed (phone normalised), "blank", "unmapped" (wrong
        number of fields: never sent) or "failed" (recorded in `failures`; phone as written).
        """
        width = self.plan.width
        if len(row) != width:
            if not row:
                return "blank", ""
            self.fail(
                row_number,
                row,
                "INVALID_FORMAT",
                f"Row has {len(row)} fields but the header has {width}; quote fields "
                'that contain commas ("Acme, Inc") and check for missing or extra commas',
            )
            return "unmapped", ""
        phone = row[self.plan.phone_index]
        normalised, code, message = phone_slow(phone)  # the batch check said no (or strict mode)
        if normalised is None:
            if code == "MISSING_REQUIRED" and not any(cell.strip() for cell in row):
                return "blank", ""
            self.fail(row_number, row, code or "INVALID_PHONE", message or "")
            return "failed", phone
        return None, normalised

    def _cells(self, batch: list[list[str]]) -> tuple[list[str], list[str] | None]:
        """The batch's phone cells and email cells (None without an email column)."""
        plan = self.plan
        width, email_at = plan.width, plan.get("email")
        even = min(map(len, batch)) == width == max(map(len, batch))

        def column(at: int) -> list[str]:
            if even:
                return list(map(itemgetter(at), batch))
            # A short or long row (a blank line, say) fails its phone check: "" stands in.
            return [row[at] if len(row) == width else "" for row in batch]

        return column(plan.phone_index), None if email_at < 0 else column(email_at)

    def _check_batch(
        self, batch: list[list[str]], base: int, seen: SeenNumbers | None, phone_slow: PhoneCheck
    ) -> tuple[list[str], dict[int, str]]:
        """Check a batch whose first row is row `base`: (its phones, normalised; the rows not to send
        as they are, index -> verdict ("failed", "blank", "unmapped")). Counts its blank rows.

        Failures are recorded in row order. `seen` is None when duplicates are not looked for.
        """
        failures = self.failures
        recorded = len(failures)
        phones, emails = self._cells(batch)
        held: dict[int, str] = {}
        # Strict mode: every phone goes through phonenumbers.
        phone_suspects = range(len(batch)) if self.strict else checks.bad_phone_lines(phones)
        email_suspects = [] if emails is None else checks.bad_email_cells(emails)
        numbers = phones.copy() if phone_suspects or email_suspects else phones
        for index in phone_suspects:
            verdict, phone = self._slow_phone(base + index, batch[index], phone_slow)
            if verdict is None:
                phones[index] = numbers[index] = phone  # normalised
                continue
            numbers[index] = "0"  # no valid number is 0: not recorded
            phones[index] = phone
            held[index] = verdict
            self.blank_rows += verdict == "blank"
        email_at = self.plan.get("email")
        for index in email_suspects:  # rows held already (the wrong width among them) are done
            if index not in held and (mistake := check_email(batch[index][email_at])) is not None:
                self.fail(base + index, batch[index], "INVALID_EMAIL", mistake)
                numbers[index] = "0"
                held[index] = "failed"
        duplicates = [] if seen is None else seen.record_batch(numbers, base)
        for index, first in duplicates:
            message = f"Phone number {phones[index]} already appears in row {first} of this file; "
            self.fail(base + index, batch[index], "DUPLICATE_ENTRY", message + _MERGE)
            held[index] = "failed"
        if len(failures) > recorded + 1:  # each check's failures came in row order: merge them
            failures[recorded:] = sorted(failures[recorded:], key=_ROW_NUMBER)
        return phones, held

    def _scan(self, *, send_invalid: bool, yield_valid: bool) -> Iterator[tuple[int, list[str], str]]:
        # Per batch (`_check_batch`, docs/decisions/0024).
        phone_slow = make_phone_check(strict=self.strict, default_region=self.default_region)
        # Rows that can enter the table: at most one per line break, and each needs its phone (3 bytes
        # at least), a comma per other field and a line break, so a file of blank lines sizes no table.
        candidates = min(self._records_bound, self._file_bytes // (self.plan.width + 3) + 1)
        seen = SeenNumbers(candidates, self._records_bound) if self.detect_duplicates else None
        reader = self._reader
        row_number = self.blank_rows = 0
        batch: list[list[str]] = []
        problem: csv.Error | UnicodeDecodeError | None = None
        try:
            while problem is None:
                batch.clear()
                try:
                    batch.extend(islice(reader, _BATCH))
                except (csv.Error, UnicodeDecodeError) as exc:
                    problem = exc  # the rows read before it are still checked (and yielded)
                if not batch:
                    break
                base = row_number + 1
                row_number += len(batch)
                phones, held = self._check_batch(batch, base, seen, phone_slow)
                if not yield_valid:
                    continue
                if not held:
                    yield from zip(range(base, row_number + 1), batch, phones, strict=True)
                    continue
                for index, row in enumerate(batch):
                    verdict = held.get(index)
                    if verdict is None or (verdict == "failed" and send_invalid):
                        yield base + index, row, phones[index]
            if problem is not None:
                raise read_error(self.path, problem, row_number, reader.line_num) from None
        finally:
            self.rows_read = row_number - self.blank_rows
            self.duplicate_table_bytes = 0 if seen is None else seen.nbytes


def validate_file(
    path: str | Path,
    *,
    strict: bool = False,
    default_region: str | None = None,
    detect_duplicates: bool = True,
) -> ValidationReport:
    """Check every row of a contact file locally and report what would fail.

    Raises a `ContactFileError` subclass when the file as a whole cannot be read.
    """
    with ContactSource(
        path, strict=strict, default_region=default_region, detect_duplicates=detect_duplicates
    ) as source:
        source.check_all()
        return source.validation()


def read_contacts(
    path: str | Path,
    *,
    strict: bool = False,
    default_region: str | None = None,
    detect_duplicates: bool = True,
) -> Iterator[RowResult]:
    """Yield every data row (blank rows skipped) with its canonical fields and local verdict.

    Convenient but slower than `validate_file`: it builds a dict per row. File-level problems raise
    a `ContactFileError` subclass, on the first `next()`.
    """
    with ContactSource(
        path, strict=strict, default_region=default_region, detect_duplicates=detect_duplicates
    ) as source:
        index = source.plan.index
        failures = source.failures
        reported = 0
        # The scan records a batch's failures before it yields the batch's rows: a failure belongs
        # to the row it names, and failures of rows never yielded come out in their place.
        for row_number, row, phone in source.rows(send_invalid=True):
            failure = None
            while reported < len(failures) and failures[reported].row_number <= row_number:
                pending = failures[reported]
                reported += 1
                if pending.row_number == row_number:
                    failure = pending
                    break
                yield RowResult(pending.row_number, {}, None, pending)
            fields = {name: row[position] for name, position in index.items()}
            phone_failed = failure is not None and failure.error_code in _PHONE_CODES
            yield RowResult(row_number, fields, None if phone_failed else phone, failure)
        for pending in failures[reported:]:
            yield RowResult(pending.row_number, {}, None, pending)
