"""The failure and status rules, each defined once and imported wherever it is applied
(docs/decisions/0015): what the retry transports replay, what the error mapping calls an unknown outcome,
when bulk create and import stop, and when an upload has ended.
"""

from __future__ import annotations

from typing import Literal

import httpx

from .exceptions import (
    AuthenticationError,
    ConfigurationError,
    ExotelError,
    InvalidResponseError,
    NotFoundError,
    OutcomeUnknownError,
    PaymentRequiredError,
    PermissionDeniedError,
)

__all__ = [
    "ALREADY_EXISTS_CODE",
    "BULK_FATAL",
    "IMPORT_FATAL",
    "MAY_HAVE_ACTED_ERRORS",
    "MAY_HAVE_ACTED_STATUSES",
    "NEVER_SENT_ERRORS",
    "NOT_SENT",
    "REFUSED_STATUSES",
    "SAFE_METHODS",
    "TERMINAL_STATUSES",
    "UploadOutcome",
    "is_failed",
    "is_terminal",
    "may_have_acted",
    "upload_outcome",
]

#: Methods that never change anything: always replayable.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Answers that say the server refused the request and did nothing: always replayable.
REFUSED_STATUSES = frozenset({429, 503})
#: Transport failures before the request left: it did nothing, always replayable.
NEVER_SENT_ERRORS: tuple[type[httpx.HTTPError], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
)
#: Answers after which the server may have acted (a gateway error says nothing about the origin).
MAY_HAVE_ACTED_STATUSES = frozenset({500, 502, 504})
#: Transport failures after the request was (partly) sent and before its answer was read.
MAY_HAVE_ACTED_ERRORS: tuple[type[httpx.HTTPError], ...] = (
    httpx.ReadTimeout,
    httpx.WriteTimeout,
    httpx.RemoteProtocolError,
    httpx.ReadError,
    httpx.WriteError,
)

_ACCOUNT_FATAL: tuple[type[ExotelError], ...] = (
    AuthenticationError,
    PaymentRequiredError,
    PermissionDeniedError,
    ConfigurationError,
)
#: Errors of one chunk that every further chunk would get too: bulk create stops.
#: NotFoundError is in it because every chunk goes to one URL, so its 404 is the account's or the URL's.
BULK_FATAL: tuple[type[ExotelError], ...] = (*_ACCOUNT_FATAL, NotFoundError)
#: Errors of one part that every further part would get too: import stops sending.
#: NotFoundError is not: a part's 404 may come from its own status or error report, not the account.
IMPORT_FATAL: tuple[type[ExotelError], ...] = _ACCOUNT_FATAL


def may_have_acted(error: ExotelError) -> bool:
    """Whether the request behind ``error`` may have taken effect (after the transport's replays).

    A replay-safe request that ran out of replays on a 500/502/504 raises a plain status error, not
    ``OutcomeUnknownError``: for the list workflows it is still unknown whether it acted.
    """
    if isinstance(error, OutcomeUnknownError | InvalidResponseError):
        return True
    if error.status_code in MAY_HAVE_ACTED_STATUSES:
        return True
    return isinstance(error.__cause__, MAY_HAVE_ACTED_ERRORS)


UploadOutcome = Literal["completed", "failed"]
#: Upload statuses after which nothing changes any more (compared case- and space-insensitively).
TERMINAL_STATUSES: frozenset[UploadOutcome] = frozenset({"completed", "failed"})


def upload_outcome(status: object) -> UploadOutcome | None:
    """``"completed"`` or ``"failed"`` for a final upload status (any case, surrounding spaces); else None.

    Unknown values, and anything not a string, mean "not yet".
    """
    value = status.strip().lower() if isinstance(status, str) else None
    return value if value in TERMINAL_STATUSES else None


def is_terminal(status: object) -> bool:
    """Whether an upload status string is final (unknown values are not)."""
    return upload_outcome(status) is not None


def is_failed(status: object) -> bool:
    """Whether an upload status is the terminal ``failed``."""
    return upload_outcome(status) == "failed"


#: Exotel's error code of a 409 that means "already there" (a contact's number in the address book, a
#: contact in the list): the bulk and list workflows count it as already existed, not failed.
ALREADY_EXISTS_CODE = 1008
#: How a reason starts when the item was never sent (failed locally, before any request).
NOT_SENT = "not sent: "
