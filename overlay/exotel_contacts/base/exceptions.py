"""The exception hierarchy: everything the overlay raises is an :class:`ExotelError`.

Every text an error carries (often quoting the server) is cleaned of control characters here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .sanitize import clean, clean_opt

if TYPE_CHECKING:
    import httpx

    # Annotation only: the one upward import (ignore_imports in pyproject.toml's [tool.importlinter]).
    from exotel_contacts.workflows.bulk import BulkCreateResult

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BulkAbortedError",
    "BulkInputError",
    "ConfigurationError",
    "ConflictError",
    "ContactFileError",
    "DuplicateColumnError",
    "EmptyFileError",
    "ErrorFileExpiredError",
    "ExotelError",
    "FieldTooLargeError",
    "FileEncodingError",
    "InvalidInputError",
    "InvalidResponseError",
    "InvalidSettingError",
    "ItemCountMismatchError",
    "JournalInUseError",
    "JournalMismatchError",
    "ListCapExceededError",
    "MalformedCsvError",
    "MissingHeaderError",
    "MissingPhoneColumnError",
    "NotFoundError",
    "NulByteError",
    "OutcomeUnknownError",
    "PayloadTooLargeError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "RateLimitError",
    "ServerError",
    "StoreUnavailableError",
    "TooManyContactsError",
    "UploadFailedError",
    "UploadTimeoutError",
    "ValidationError",
]


class ExotelError(Exception):
    """Root of every error this package raises.

    Attributes (``None`` when they do not apply): ``status_code``, ``code`` (Exotel ``error_data.code``),
    ``request_id`` (quote it to Exotel support), ``message`` and ``how_to_fix`` (from the error dictionary).
    """

    status_code: int | None = None
    code: int | str | None = None
    request_id: str | None = None
    how_to_fix: str | None = None

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        code: int | str | None = None,
        request_id: str | None = None,
        how_to_fix: str | None = None,
    ) -> None:
        self.message = message = clean(message)
        self.status_code = status_code
        self.code = clean(code) if isinstance(code, str) else code
        self.request_id = clean_opt(request_id)
        self.how_to_fix = clean_opt(how_to_fix)
        super().__init__(message)

    def __str__(self) -> str:
        parts = [self.message]
        if self.how_to_fix:
            parts.append(f"How to fix: {self.how_to_fix}.")
        if self.request_id:
            parts.append(f"(request_id={self.request_id})")
        return " ".join(parts)


class ConfigurationError(ExotelError):
    """Missing or unusable configuration (credentials, region, timeout), raised before any request."""


class InvalidInputError(ExotelError, ValueError):
    """An argument cannot be sent as given; raised before any request."""


class JournalMismatchError(InvalidInputError):
    """A resume journal was written for another file, other options or another plan: it is not used."""


class JournalInUseError(InvalidInputError):
    """Another process holds the journal (its lock, or its lease in Redis), or this one lost its lease."""


class InvalidSettingError(ConfigurationError, InvalidInputError):
    """A numeric setting is not a number or outside its range; raised when the setting is given."""


class TooManyContactsError(InvalidInputError):
    """More contacts than one ``create_contacts`` request takes (5000)."""


class APIError(ExotelError):
    """An error talking to Exotel: a status answer, a connection failure, or an unreadable answer."""

    def __init__(self, message: str, *, response: httpx.Response | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.response = response


class APIStatusError(APIError):
    """Exotel answered with an error status (or an error inside a success envelope)."""

    description: str | None = None

    def __init__(self, message: str, *, description: str | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.description = clean_opt(description)


class BadRequestError(APIStatusError):
    """400 or 415: missing or invalid parameters, or a content type the operation does not take."""


ValidationError = BadRequestError
"""Alias of :class:`BadRequestError`."""


class AuthenticationError(APIStatusError):
    """401 (code 1010): the API key, token or access token is wrong."""


class PaymentRequiredError(APIStatusError):
    """402: plan limit exceeded or insufficient balance."""


class PermissionDeniedError(APIStatusError):
    """403: account suspended, or the credentials may not access this account."""


class NotFoundError(APIStatusError):
    """404: no such resource for this account."""


class ConflictError(APIStatusError):
    """409: the resource exists already or is in a conflicting state."""


class ErrorFileExpiredError(APIStatusError):
    """410: the upload's error file has expired."""


class PayloadTooLargeError(APIStatusError):
    """413: the file is over the size limit (10 MB CCM, 60 MB Campaign)."""


class RateLimitError(APIStatusError):
    """429 after the retries ran out; ``retry_after`` is the server's hint in seconds, if any."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(APIStatusError):
    """5xx after the retries ran out (or at once, when a replay could duplicate contacts)."""


class OutcomeUnknownError(APIError):
    """A request that changes data may or may not have taken effect, and replaying it could duplicate.

    Raised instead of replaying a non-idempotent request (a CCM upload with ``duplicate_action="create_new"``)
    that timed out after sending, broke mid-answer, or got a 500/502/504. Check the account before resending.
    """


class APIConnectionError(APIError):
    """The request could not reach Exotel, or the connection broke (after retries where safe)."""


class APITimeoutError(APIConnectionError):
    """The request timed out (after retries where safe)."""


class StoreUnavailableError(APIConnectionError):
    """Redis (the shared quota or journal) stayed unreachable longer than ``redis_outage`` seconds."""


class InvalidResponseError(APIError):
    """Exotel (or a proxy in between) sent an answer this client cannot read: not JSON, wrong shape."""


class ItemCountMismatchError(InvalidResponseError):
    """A multi-status (207) answer with a different number of items than the inputs sent: no item can be
    matched to its input, so every input's outcome is ``unknown`` (the request may have acted).

    ``expected``: inputs sent; ``received``: items; ``answer``: the parsed answer (for inspection only).
    """

    def __init__(self, message: str, *, expected: int, received: int, answer: Any, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.expected = expected
        self.received = received
        self.answer = answer


class UploadFailedError(ExotelError):
    """An upload finished with status ``failed``; ``status`` is the last status object, ``errors`` the CCM
    error report (``UploadErrors``) when it could be fetched, else ``None``."""

    def __init__(self, message: str, *, upload_id: str, status: Any, errors: Any = None) -> None:
        super().__init__(message, how_to_fix="Read the upload's errors, fix the rows and upload them again")
        self.upload_id = upload_id
        self.status = status
        self.errors = errors


class UploadTimeoutError(ExotelError, TimeoutError):
    """An upload was still not finished when the wait's deadline passed; ``status`` is the last one seen."""

    def __init__(self, message: str, *, upload_id: str, status: Any, waited: float) -> None:
        super().__init__(message, how_to_fix="Wait longer, or follow the upload later with its upload_id")
        self.upload_id = upload_id
        self.status = status
        self.waited = waited


class BulkAbortedError(ExotelError):
    """Bulk create stopped: a chunk got an error every other chunk would get too (401, 402, 403, 404; the
    journal could not record a step; Redis away longer than ``redis_outage``).

    ``result`` accounts for every contact read before the stop (the rest was neither read nor sent);
    ``error`` is the chunk's error.
    """

    def __init__(self, error: ExotelError, result: BulkCreateResult) -> None:
        super().__init__(
            f"Bulk create stopped after {result.total} contacts: {error.message}",
            status_code=error.status_code,
            code=error.code,
            request_id=error.request_id,
            how_to_fix=error.how_to_fix,
        )
        self.error = error
        self.result = result


class BulkInputError(BulkAbortedError, InvalidInputError):
    """The contacts iterable raised part-way (a bad byte in a file, a bug in a generator).

    The contacts read before it were sent (``result`` has each outcome); nothing after it was read.
    ``error`` says what the input raised (the original exception is the ``__cause__``).
    """


class ContactFileError(InvalidInputError):
    """A contact file that cannot be imported as it is (raised before anything is sent); the message says
    where and what to fix."""

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
        spots = ((self.path, ""), (line, "line "), (byte_offset, "byte "))
        where = ", ".join(f"{label}{spot}" for spot, label in spots if spot is not None)
        super().__init__(f"{where}: {message}" if where else message)


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
