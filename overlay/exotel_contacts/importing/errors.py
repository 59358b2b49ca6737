"""Typed errors for contact files that cannot be read or sent as a whole (defined with every public
error in :mod:`exotel_contacts.base.exceptions`; importable from here and from ``exotel_contacts``).

Problems with single rows are not exceptions: they become `RowFailure` records with an Exotel
upload error code. Everything here is about the file itself (encoding, header, structure, caps).
"""

from __future__ import annotations

from exotel_contacts.base.exceptions import (
    ContactFileError,
    DuplicateColumnError,
    EmptyFileError,
    FieldTooLargeError,
    FileEncodingError,
    ListCapExceededError,
    MalformedCsvError,
    MissingHeaderError,
    MissingPhoneColumnError,
    NulByteError,
)

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
