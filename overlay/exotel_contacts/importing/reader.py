"""Streaming reader and checker for contact CSV files.

Rows are read from a `csv.reader` over the open file, a batch of a few hundred at a time, and checked
per batch (see `ContactSource._scan`). Two things grow with the file, and only with what they must
remember: the in-file duplicate check's table (`seen.SeenNumbers`, one 64-bit slot for ~0.85 rows,
sized before the scan from the file's line breaks) and the list of failed rows.
"""

from __future__ import annotations

import codecs
import csv
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter
from pathlib import Path
from types import TracebackType
from typing import IO, NamedTuple

from .checks import (
    E164,
    E164_LINES,
    EMAIL_FAST_OR_EMPTY,
    EMAIL_LINES_MAX_LENGTH,
    PhoneCheck,
    bad_email_lines,
    bad_lines,
    check_email,
    make_phone_check,
)
from .columns import HeaderPlan, plan_header, unknown_columns_warning
from .errors import (
    EmptyFileError,
    FieldTooLargeError,
    FileEncodingError,
    MalformedCsvError,
    NulByteError,
)
from .rows import RowFailure, RowResult
from .seen import PROBE_BITS, PROBE_LIMIT, SeenNumbers

__all__ = ["ContactSource", "ValidationReport", "read_contacts", "validate_file"]

_CHUNK = 1 << 20
_BATCH = 512
"""Rows checked together (see `_scan`): large enough that the per-batch calls cost nothing a row."""
_new_tuple = tuple.__new__
_PHONE_CODES = frozenset({"INVALID_PHONE", "MISSING_REQUIRED"})
_RESAVE = "re-save the file as 'CSV UTF-8' (comma-separated)"


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


def _line_at(path: Path, offset: int) -> int:
    """1-based physical line number of byte `offset` (slow path, only for error messages)."""
    with path.open("rb") as handle:
        prefix = handle.read(offset)
    return prefix.count(b"\n") + prefix.count(b"\r") - prefix.count(b"\r\n") + 1


class _Prescan(NamedTuple):
    records: int
    """An upper bound on the file's records: its line breaks (LF, CR, CRLF) plus one."""
    size: int
    """Bytes read."""


def _prescan(path: Path) -> _Prescan:
    """Reject UTF-16/32 files, NUL bytes and empty files before parsing (one C-speed pass).

    What it counts on the way sizes the duplicate check's table before the scan.
    """
    with path.open("rb") as handle:
        head = handle.read(4)
        if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
            raise FileEncodingError(f"the file is UTF-32 (it starts with a UTF-32 BOM); {_RESAVE}", path=path)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise FileEncodingError(f"the file is UTF-16 (it starts with a UTF-16 BOM); {_RESAVE}", path=path)
        handle.seek(0)
        offset = 0
        breaks = 0
        blank = True
        while chunk := handle.read(_CHUNK):
            position = chunk.find(b"\x00")
            if position >= 0:
                at = offset + position
                likely = "UTF-16 without a BOM" if chunk.count(b"\x00") * 4 >= len(chunk) else "not text"
                raise NulByteError(
                    f"NUL byte in the file (it is probably {likely}); {_RESAVE}",
                    path=path,
                    line=_line_at(path, at),
                    byte_offset=at,
                )
            # Line breaks: LF, CR and CRLF (a CRLF split between two chunks counts twice: still an
            # upper bound). Most chunks have no CR, and `in` is a memchr where count is a loop.
            breaks += chunk.count(b"\n")
            if b"\r" in chunk:
                breaks += chunk.count(b"\r") - chunk.count(b"\r\n")
            if blank:
                blank = not chunk.removeprefix(codecs.BOM_UTF8 if offset == 0 else b"").strip()
            offset += len(chunk)
    if blank:
        what = "empty" if offset == 0 else "blank (only whitespace)"
        raise EmptyFileError(
            f"the file is {what}; it needs a header line (phone_number,...) and data rows",
            path=path,
            line=1 if offset else None,
        )
    return _Prescan(breaks + 1, offset)


def _decode_error(path: Path) -> FileEncodingError:
    """Find the first byte that is not UTF-8 and say where it is (slow path)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                at = offset - pending + exc.start
                bad = exc.object[exc.start : exc.start + 1].hex().upper()
                return FileEncodingError(
                    f"byte 0x{bad} is not valid UTF-8 (the file is probably Latin-1 or Windows-1252); "
                    f"{_RESAVE}",
                    path=path,
                    line=_line_at(path, at),
                    byte_offset=at,
                )
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            at = offset - len(decoder.getstate()[0])
            return FileEncodingError(
                f"the file ends inside a UTF-8 character; {_RESAVE}",
                path=path,
                line=_line_at(path, at),
                byte_offset=at,
            )
    return FileEncodingError(f"the file is not valid UTF-8; {_RESAVE}", path=path)


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
        self._records_bound, self._file_bytes = _prescan(self.path)
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

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
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

    def _next_or_none(self) -> list[str] | None:
        try:
            return next(self._reader, None)
        except UnicodeDecodeError:
            raise _decode_error(self.path) from None
        except csv.Error as exc:
            raise self._csv_error(exc, None) from None

    def _csv_error(self, exc: csv.Error, records: int | None) -> MalformedCsvError:
        """``records``: the data rows read before the failing one; ``None`` while reading the header."""
        text = str(exc)
        where = "in the header" if records is None else f"in data row {records + 1}"
        if "field larger than field limit" in text:
            return FieldTooLargeError(
                f"a field {where} is longer than {csv.field_size_limit()} characters; usually a quote "
                '(") that is never closed, so the rest of the file became one field. Close the quote '
                "or remove it",
                path=self.path,
                line=self._reader.line_num,
            )
        if "unexpected end of data" in text:
            return MalformedCsvError(
                f"a quoted field {where} is never closed before the end of the file; close the quote "
                '(") or remove it',
                path=self.path,
                line=self._reader.line_num,
            )
        return MalformedCsvError(
            f"malformed quoting {where} ({text}); a field that holds quotes must be quoted as a whole "
            'and its quotes doubled, e.g. "John ""JJ"" Doe"',
            path=self.path,
            line=self._reader.line_num,
        )

    def _fail(self, row_number: int, row: list[str], code: str, message: str) -> None:
        width = len(row)
        phone, first, last = self._name_at
        # tuple.__new__ skips the named tuple's Python-level __new__: failures can be numerous.
        self.failures.append(
            _new_tuple(
                RowFailure,
                (
                    row_number,
                    row[phone].strip() if phone < width else "",
                    row[first] if 0 <= first < width else "",
                    row[last] if 0 <= last < width else "",
                    code,
                    message,
                    "local",
                ),
            )
        )

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

    def _slow_row(
        self, row_number: int, row: list[str], phone_slow: PhoneCheck, email_at: int
    ) -> tuple[str | None, str]:
        """The checks one by one for a row the batch checks stopped at: (verdict, phone).

        The verdict is None for a row that passed (phone normalised), "blank", "unmapped" (wrong
        number of fields: never sent) or "failed" (recorded in `failures`; phone as written).
        """
        width = self.plan.width
        if len(row) != width:
            if not row:
                return "blank", ""
            self._fail(
                row_number,
                row,
                "INVALID_FORMAT",
                f"Row has {len(row)} fields but the header has {width}; quote fields "
                'that contain commas ("Acme, Inc") and check for missing or extra commas',
            )
            return "unmapped", ""
        phone = row[self.plan.phone_index]
        if self.strict or not E164.fullmatch(phone):
            normalised, code, message = phone_slow(phone)
            if normalised is None:
                if code == "MISSING_REQUIRED" and not any(cell.strip() for cell in row):
                    return "blank", ""
                self._fail(row_number, row, code or "INVALID_PHONE", message or "")
                return "failed", phone
            phone = normalised
        if email_at >= 0:
            problem = check_email(row[email_at])  # None when the address meets the rule
            if problem is not None:
                self._fail(row_number, row, "INVALID_EMAIL", problem)
                return "failed", phone
        return None, phone

    def _batch_suspects(self, phones: list[str], emails: list[str] | None) -> list[int]:
        """Indices of the batch's rows the batch checks stopped at, in order, without repeats."""
        count = len(phones)
        if self.strict:
            return list(range(count))  # every phone goes through phonenumbers
        suspects = bad_lines(E164_LINES, phones)
        if suspects is None:  # a phone cell holds a line break: one by one
            e164 = E164.fullmatch
            suspects = [index for index, phone in enumerate(phones) if not e164(phone)]
        if emails is None:
            return suspects
        stopped = bad_email_lines(emails)
        email_ok = EMAIL_FAST_OR_EMPTY.fullmatch
        if stopped is None:  # a cell with a line break: the whole rule, one by one
            stopped = [index for index, email in enumerate(emails) if not email_ok(email)]
        elif max(map(len, emails)) > EMAIL_LINES_MAX_LENGTH:
            # EMAIL_LINES decides short addresses only: the long ones it passed get the whole rule.
            stopped.extend(
                index
                for index, email in enumerate(emails)
                if len(email) > EMAIL_LINES_MAX_LENGTH and not email_ok(email)
            )
        if not stopped:
            return suspects
        if not suspects:
            return sorted(set(stopped))
        return sorted(set(suspects).union(stopped))

    # Inlined on purpose (PLR0912/PLR0915): helper calls per row would cost a third of the speed.
    def _scan(  # noqa: PLR0912, PLR0915
        self, *, send_invalid: bool, yield_valid: bool
    ) -> Iterator[tuple[int, list[str], str]]:
        # Rows are read in batches of _BATCH. The checks run per batch (`_batch_suspects`: one regex
        # call over the batch's phones, one over its emails); the rows they stop at, a few percent,
        # take the per-row path (`_slow_row`), which says which check failed. What stays per row is
        # the duplicate check (seen.py) and the yield. No per-row Python objects unless a row fails.
        plan = self.plan
        width = plan.width
        phone_at = plan.phone_index
        email_at = plan.get("email")
        get_phone = itemgetter(phone_at)
        get_email = itemgetter(email_at) if email_at >= 0 else None
        phone_slow = make_phone_check(strict=self.strict, default_region=self.default_region)
        unchecked = not self.detect_duplicates
        # Rows that can enter the table: at most one per line break, and each needs its phone (3 bytes
        # at least), a comma per other field and a line break, so a file of blank lines sizes no table.
        candidates = min(self._records_bound, self._file_bytes // (width + 3) + 1)
        seen = SeenNumbers(1 if unchecked else candidates, 1 if unchecked else self._records_bound)
        slots, size, shift = seen.slots, seen.size, seen.shift
        row_bits, row_mask = seen.row_bits, seen.row_mask
        fail, reader, slow_row = self._fail, self._reader, self._slow_row
        row_number = 0
        blank = 0
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
                if not unchecked and row_number > seen.largest:  # the file grew after the prescan
                    seen = seen.grown(seen.rows, row_number + 8 * _BATCH)
                    slots, size, shift = seen.slots, seen.size, seen.shift
                    row_bits, row_mask = seen.row_bits, seen.row_mask
                if min(map(len, batch)) == width == max(map(len, batch)):
                    phones = list(map(get_phone, batch))
                    emails = None if get_email is None else list(map(get_email, batch))
                else:  # a short or long row (a blank line, say) fails its phone check: "" stands in
                    phones = [row[phone_at] if len(row) == width else "" for row in batch]
                    emails = (
                        None
                        if email_at < 0
                        else [row[email_at] if len(row) == width else "" for row in batch]
                    )
                suspects = self._batch_suspects(phones, emails)
                numerals = phones
                if suspects:
                    numerals = phones.copy()
                    for index in suspects:
                        numerals[index] = "0"  # no valid number is 0: marks the row for the per-row path
                for number, parsed in zip(range(base, row_number + 1), map(int, numerals), strict=True):
                    value = parsed
                    if not value:
                        # A row the batch checks stopped at: the checks one by one.
                        row = batch[number - base]
                        verdict, phone = slow_row(number, row, phone_slow, email_at)
                        if verdict is not None:
                            if verdict == "blank":
                                blank += 1
                            elif verdict == "failed" and send_invalid:
                                yield number, row, phone
                            continue
                        phones[number - base] = phone  # normalised
                        value = int(phone)
                    if unchecked:
                        if yield_valid:
                            yield number, batch[number - base], phones[number - base]
                        continue
                    # The duplicate check (seen.py): the common case is a free home slot.
                    quotient, home = divmod(value, size)
                    held = slots[home]
                    if not held:
                        slots[home] = quotient << shift | number
                        if yield_valid:
                            yield number, batch[number - base], phones[number - base]
                        continue
                    # A taken home: `SeenNumbers._walk`, inline (a call would cost a sixth of the
                    # whole check; tests compare the two).
                    key = quotient << PROBE_BITS
                    if held >> row_bits == key:
                        first = held & row_mask
                    else:
                        step = 1 + quotient % (size - 1)
                        last = key | PROBE_LIMIT
                        while True:
                            if key == last:  # about never: rebuild larger, then ask again
                                seen, first = seen.grown(seen.rows).record(value, number)
                                slots, size, shift = seen.slots, seen.size, seen.shift
                                row_bits, row_mask = seen.row_bits, seen.row_mask
                                break
                            key += 1
                            home += step
                            if home >= size:
                                home -= size
                            held = slots[home]
                            if not held:
                                slots[home] = key << row_bits | number
                                first = number
                                break
                            if held >> row_bits == key:
                                first = held & row_mask
                                break
                    if first != number:
                        phone = phones[number - base]
                        fail(number, batch[number - base], "DUPLICATE_ENTRY", _duplicate(phone, first))
                        if send_invalid:
                            yield number, batch[number - base], phone
                    elif yield_valid:
                        yield number, batch[number - base], phones[number - base]
            if isinstance(problem, UnicodeDecodeError):
                raise _decode_error(self.path) from None
            if problem is not None:
                raise self._csv_error(problem, row_number) from None
        except UnicodeDecodeError:
            raise _decode_error(self.path) from None
        except csv.Error as exc:
            raise self._csv_error(exc, row_number) from None
        finally:
            self.rows_read = row_number - blank
            self.blank_rows = blank
            self.duplicate_table_bytes = 0 if unchecked else seen.nbytes


def _duplicate(phone: str, first: int) -> str:
    return (
        f"Phone number {phone} already appears in row {first} of this file; "
        "remove the duplicate row or merge the two"
    )


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
        failures = tuple(source.failures)
        return ValidationReport(
            path=source.path,
            columns=tuple(source.plan.index),
            total_rows=source.rows_read,
            valid_rows=source.rows_read - len(failures),
            blank_rows=source.blank_rows,
            failures=failures,
            warnings=tuple(source.warnings()),
        )


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
