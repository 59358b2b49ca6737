"""Streaming reader and checker for contact CSV files.

Memory does not grow with the file: rows are read one at a time from a `csv.reader` over the open
file. Two things do grow, and only with what they must remember: the set of phone numbers seen
(for in-file duplicates, about 100 bytes a unique number; bounded by the list caps in practice)
and the list of failed rows.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO

from .checks import E164, EMAIL_FAST_OR_EMPTY, check_email, make_phone_check
from .columns import HeaderPlan, plan_header, unknown_columns_warning
from .errors import (
    EmptyFileError,
    FieldTooLargeError,
    FileEncodingError,
    MalformedCsvError,
    NulByteError,
)
from .rows import RowFailure, RowResult

__all__ = ["ContactSource", "ValidationReport", "read_contacts", "validate_file"]

_CHUNK = 1 << 20
_new_tuple = tuple.__new__
_NEVER = re.compile(r"(?!)").fullmatch
_NOTHING_SEEN: dict[str, int] = {}
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


def _prescan(path: Path) -> None:
    """Reject UTF-16/32 files, NUL bytes and empty files before parsing (one C-speed pass)."""
    with path.open("rb") as handle:
        head = handle.read(4)
        if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
            raise FileEncodingError(f"the file is UTF-32 (it starts with a UTF-32 BOM); {_RESAVE}", path=path)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise FileEncodingError(f"the file is UTF-16 (it starts with a UTF-16 BOM); {_RESAVE}", path=path)
        handle.seek(0)
        offset = 0
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
        _prescan(self.path)
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

    # Inlined on purpose (PLR0912/PLR0915): helper calls per row would cost a third of the speed.
    def _scan(  # noqa: PLR0912, PLR0915
        self, *, send_invalid: bool, yield_valid: bool
    ) -> Iterator[tuple[int, list[str], str]]:
        # The hot loop: locals only, and no per-row Python objects unless a row fails or is yielded.
        # A batched variant (C-level map() over each batch) measured slower than this on 3.11.
        plan = self.plan
        width = plan.width
        phone_at = plan.phone_index
        email_at = plan.get("email")
        email_ok: Callable[[str], object] = EMAIL_FAST_OR_EMPTY.fullmatch
        if email_at < 0:
            # No email column: check the phone cell with len(), which is truthy there (an empty phone
            # has left the loop already), rather than test for the column on every row.
            email_at, email_ok = phone_at, len
        # Options are bound into the functions called, not tested per row: strict mode sends every
        # phone to the slow path, and without duplicate detection `remember` is an empty dict's get,
        # which always answers with the row's own number.
        e164 = _NEVER if self.strict else E164.fullmatch
        phone_slow = make_phone_check(strict=self.strict, default_region=self.default_region)
        first_seen: dict[str, int] = {}
        remember = first_seen.setdefault if self.detect_duplicates else _NOTHING_SEEN.get
        fail = self._fail
        row_number = 0
        blank = 0
        try:
            for row_number, row in enumerate(self._reader, 1):
                # Fast path: every check in one short-circuit condition. A row that fails any of
                # them (a few percent) falls through to the slow path, which repeats the checks one
                # by one to find out which failed and why; setdefault makes the repeat harmless.
                if (
                    len(row) == width
                    and e164(phone := row[phone_at])
                    and email_ok(row[email_at])
                    and remember(phone, row_number) == row_number
                ):
                    if yield_valid:
                        yield row_number, row, phone
                    continue
                if len(row) != width:
                    if row:
                        fail(
                            row_number,
                            row,
                            "INVALID_FORMAT",
                            f"Row has {len(row)} fields but the header has {width}; quote fields that "
                            'contain commas ("Acme, Inc") and check for missing or extra commas',
                        )
                    else:
                        blank += 1
                    continue
                phone = row[phone_at]
                if not e164(phone):
                    normalised, code, message = phone_slow(phone)
                    if normalised is None:
                        if code == "MISSING_REQUIRED" and not any(cell.strip() for cell in row):
                            blank += 1
                            continue
                        fail(row_number, row, code or "INVALID_PHONE", message or "")
                        if send_invalid:
                            yield row_number, row, phone
                        continue
                    phone = normalised
                if not email_ok(row[email_at]):
                    problem = check_email(row[email_at])
                    if problem is not None:
                        fail(row_number, row, "INVALID_EMAIL", problem)
                        if send_invalid:
                            yield row_number, row, phone
                        continue
                if remember(phone, row_number) != row_number:
                    first = first_seen[phone]
                    fail(
                        row_number,
                        row,
                        "DUPLICATE_ENTRY",
                        f"Phone number {phone} already appears in row {first} of this file; "
                        "remove the duplicate row or merge the two",
                    )
                    if send_invalid:
                        yield row_number, row, phone
                    continue
                if yield_valid:
                    yield row_number, row, phone
        except UnicodeDecodeError:
            raise _decode_error(self.path) from None
        except csv.Error as exc:
            raise self._csv_error(exc, row_number) from None
        finally:
            self.rows_read = row_number - blank
            self.blank_rows = blank


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
        for row_number, row, phone in source.rows(send_invalid=True):
            failure = None
            while reported < len(failures):
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
