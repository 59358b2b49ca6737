"""Checks of a contact file as a whole: encoding, NUL bytes, emptiness, and where a read failed."""

from __future__ import annotations

import codecs
import csv
from pathlib import Path
from typing import TypeVar

from exotel_contacts.base.exceptions import (
    ContactFileError,
    EmptyFileError,
    FieldTooLargeError,
    FileEncodingError,
    MalformedCsvError,
    NulByteError,
)

__all__ = ["decode_error", "line_breaks", "prescan", "read_error"]

_CHUNK = 1 << 20
_E = TypeVar("_E", bound=ContactFileError)
_RESAVE = "re-save the file as 'CSV UTF-8' (comma-separated)"


def line_breaks(chunk: bytes) -> tuple[int, int]:
    """(LF + CR - CRLF, offset of the first NUL or -1) of a chunk: the prescan's count. Each count
    and `in` is a memchr-speed pass in C, so a file without CR pays two."""
    nul = chunk.find(b"\x00")
    if nul >= 0:
        return 0, nul
    breaks = chunk.count(b"\n")
    if b"\r" in chunk:
        breaks += chunk.count(b"\r") - chunk.count(b"\r\n")
    return breaks, -1


def _located(error: type[_E], problem: str, path: Path, at: int) -> _E:
    """`error` at byte `at`, with its 1-based line (the file read again: only for error messages)."""
    with path.open("rb") as handle:
        line = line_breaks(handle.read(at))[0] + 1
    return error(f"{problem}; {_RESAVE}", path=path, line=line, byte_offset=at)


def prescan(path: Path) -> tuple[int, int]:
    """Reject UTF-16/32 files, NUL bytes and empty files before parsing (one C-speed pass).

    Returns (an upper bound on the records: line breaks + 1, bytes read), which size the duplicate
    check's table before the scan.
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
            # Line breaks: LF, CR and CRLF (a CRLF split between two chunks counts twice: still an
            # upper bound), and the first NUL byte.
            found, position = line_breaks(chunk)
            if position >= 0:
                at = offset + position
                likely = "UTF-16 without a BOM" if chunk.count(b"\x00") * 4 >= len(chunk) else "not text"
                raise _located(NulByteError, f"NUL byte in the file (it is probably {likely})", path, at)
            breaks += found
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
    return breaks + 1, offset


def decode_error(path: Path) -> FileEncodingError:
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
                problem = f"byte 0x{bad} is not valid UTF-8 (the file is probably Latin-1 or Windows-1252)"
                return _located(FileEncodingError, problem, path, at)
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            at = offset - len(decoder.getstate()[0])
            return _located(FileEncodingError, "the file ends inside a UTF-8 character", path, at)
    return FileEncodingError(f"the file is not valid UTF-8; {_RESAVE}", path=path)


def read_error(
    path: Path, exc: csv.Error | UnicodeDecodeError, records: int | None, line: int
) -> ContactFileError:
    """The error for a read that failed at `line`; `records`: the data rows read before the failing
    one, ``None`` while reading the header."""
    if isinstance(exc, UnicodeDecodeError):
        return decode_error(path)
    text = str(exc)
    where = "in the header" if records is None else f"in data row {records + 1}"
    error: type[ContactFileError] = MalformedCsvError
    if "field larger than field limit" in text:
        error = FieldTooLargeError
        problem = (
            f"a field {where} is longer than {csv.field_size_limit()} characters; usually a quote "
            '(") that is never closed, so the rest of the file became one field. Close the quote '
            "or remove it"
        )
    elif "unexpected end of data" in text:
        problem = (
            f"a quoted field {where} is never closed before the end of the file; close the quote "
            '(") or remove it'
        )
    else:
        problem = (
            f"malformed quoting {where} ({text}); a field that holds quotes must be quoted as a whole "
            'and its quotes doubled, e.g. "John ""JJ"" Doe"'
        )
    return error(problem, path=path, line=line)
