"""Row-level results: the failures of an import and, for `read_contacts`, each row's outcome."""

from __future__ import annotations

from typing import Literal, NamedTuple

from exotel_contacts.spec.codes import RowErrorCode

__all__ = ["FailureSource", "RowErrorCode", "RowFailure", "RowResult"]

FailureSource = Literal["local", "server", "upload", "reconciliation"]


class RowFailure(NamedTuple):
    """One failed row, numbered as in the ORIGINAL file (1-based data rows, header not counted).

    A named tuple: files can have many failed rows, and a tuple is the cheapest record to build.
    """

    row_number: int
    phone_number: str
    first_name: str
    last_name: str
    error_code: str
    """A `RowErrorCode` value, or a code the server sent that this client does not know yet."""
    error_message: str
    source: FailureSource
    """"local" when this client found it before sending, "server" when Exotel reported it, "upload"
    when the row's part got no verdict (its upload failed, or its outcome is unknown), "reconciliation"
    when a Campaign import's list was read back and the row's number was missing from it (or came from
    the address book: a duplicate)."""


class RowResult(NamedTuple):
    """One data row as read by `read_contacts`."""

    row_number: int
    """1-based data row number in the file (header not counted; records, not lines)."""
    fields: dict[str, str]
    """Canonical column name -> value as written (unknown columns dropped)."""
    phone_number: str | None
    """The normalised E.164 number, or None when the row failed before it was known."""
    failure: RowFailure | None
    """Why the row would not be sent, or None when it passed the local checks."""

    @property
    def ok(self) -> bool:
        """True when the row passed every local check."""
        return self.failure is None
