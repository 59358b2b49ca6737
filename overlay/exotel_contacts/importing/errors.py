"""Typed errors for contact files that cannot be read or sent as a whole.

Problems with single rows are not exceptions: they become `RowFailure` records with an Exotel
upload error code. Everything here is about the file itself (encoding, header, structure, caps).
"""

from __future__ import annotations

from pathlib import Path

from exotel_contacts.base.exceptions import InvalidInputError

__all__ = [
    "ContactFileError",
    "DuplicateColumnError",
    "EmptyFileError",
    "FieldTooLargeError",
    "FileEncodingError",
    "ListCapExceededError",
    "MalformedCsvError",
    "MissingHeaderError",
    "MissingPhoneColumnError",
    "NulByteError",
]


class ContactFileError(InvalidInputError):
    """A contact file that cannot be imported as it is; the message says where and what to fix.

    An :class:`~exotel_contacts.InvalidInputError` (so an ``ExotelError`` and a ``ValueError``):
    raised before anything is sent.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        byte_offset: int | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.line = line
        self.byte_offset = byte_offset
        where = []
        if self.path is not None:
            where.append(str(self.path))
        if line is not None:
            where.append(f"line {line}")
        if byte_offset is not None:
            where.append(f"byte {byte_offset}")
        # ExotelError keeps the full text (where, then what) in .message and str().
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


class FileEncodingError(ContactFileError):
    """The file is not UTF-8 (with or without a BOM): re-save it as UTF-8."""


class NulByteError(ContactFileError):
    """The file holds NUL bytes: it is binary, or UTF-16/32 without a BOM."""


class MalformedCsvError(ContactFileError):
    """The CSV structure is broken (for example a quote that is never closed)."""


class FieldTooLargeError(MalformedCsvError):
    """One field is longer than the CSV reader's field size limit (usually an unclosed quote)."""


class EmptyFileError(ContactFileError):
    """The file has no bytes, or only whitespace."""


class MissingHeaderError(ContactFileError):
    """The first line is empty: the first line must be the header."""


class MissingPhoneColumnError(ContactFileError):
    """The header has no phone column (`phone_number` or `number`)."""


class DuplicateColumnError(ContactFileError):
    """The header names one column twice (`phone_number`/`number`, `company`/`company_name` count as one)."""


class ListCapExceededError(ContactFileError):
    """More contacts than the Campaign list may hold; the parts would all go into that one list."""

    def __init__(self, message: str, *, path: str | Path | None = None, cap: int, count: int) -> None:
        self.cap = cap
        self.count = count
        super().__init__(message, path=path)
