"""What the server says about the account's limits: the ``X-RateLimit-*`` headers, read defensively.

What each header changes per rate class, and which values are ignored (with one debug line while the
answer's other headers still count): docs/guides/rate-limits.md.
"""

from __future__ import annotations

import email.utils
import logging
import re
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC
from typing import Final

import attrs

from exotel_contacts.base.rates import Rate
from exotel_contacts.base.sanitize import clean

__all__ = [
    "LIMIT_HEADER",
    "MAX_LIMIT",
    "MAX_RESET_AHEAD",
    "REMAINING_HEADER",
    "RESET_HEADER",
    "ServerLimits",
    "ServerView",
    "effective_rate",
    "http_date",
    "read_server_limits",
    "reset_wait",
]

logger = logging.getLogger("exotel_contacts")

LIMIT_HEADER: Final = "X-RateLimit-Limit"
REMAINING_HEADER: Final = "X-RateLimit-Remaining"
RESET_HEADER: Final = "X-RateLimit-Reset"
#: Requests per window a header may state; more is taken for nonsense.
MAX_LIMIT: Final = 1_000_000
#: Seconds ahead a reset may be (Exotel's windows are a minute); further is taken for nonsense.
MAX_RESET_AHEAD: Final = 3600.0
#: A reset up to this many seconds in the past is "now" (whole epoch seconds round; clocks drift a little).
RESET_TOLERANCE: Final = 1.0
#: The server's ``Date`` is trusted over the local clock only when they differ by more than this.
CLOCK_SKEW: Final = 2.0

_WHOLE = re.compile(r"\d{1,15}")
_EPOCH = re.compile(r"\d{1,15}(?:\.\d{1,9})?")


@attrs.frozen
class ServerLimits:
    """The usable part of one answer's rate-limit headers (``None``: absent or ignored)."""

    limit: int | None
    remaining: int | None
    reset_in: float | None
    """Seconds from now until the window resets."""


def _ignored(name: str, raw: str, why: str) -> None:
    logger.debug("Ignoring %s %r: %s", name, clean(raw[:40]), why)


def _whole(headers: Mapping[str, str], name: str, maximum: int) -> int | None:
    raw = headers.get(name)
    if raw is None:
        return None
    text = raw.strip()
    if not _WHOLE.fullmatch(text):
        _ignored(name, raw, "not a whole number")
        return None
    value = int(text)
    if value > maximum:
        _ignored(name, raw, f"more than {maximum}")
        return None
    return value


def http_date(value: str) -> float | None:
    """Epoch seconds of an HTTP date (``Date``, ``Retry-After``; one without a zone is UTC), or None."""
    try:
        when = email.utils.parsedate_to_datetime(value.strip())
        return when.replace(tzinfo=when.tzinfo or UTC).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _reset_in(headers: Mapping[str, str], now: float | None) -> float | None:
    raw = headers.get(RESET_HEADER)
    if raw is None:
        return None
    text = raw.strip()
    if not _EPOCH.fullmatch(text):
        _ignored(RESET_HEADER, raw, "not epoch seconds")
        return None
    # Reset is on the server's clock: its Date says how far ours is off (to the second).
    local = time.time() if now is None else now
    stated = http_date(headers.get("date", ""))
    ahead = float(text) - (stated if stated is not None and abs(stated - local) > CLOCK_SKEW else local)
    if ahead < -RESET_TOLERANCE:
        _ignored(RESET_HEADER, raw, "in the past")
        return None
    if ahead > MAX_RESET_AHEAD:
        _ignored(RESET_HEADER, raw, f"more than {MAX_RESET_AHEAD:g} s away")
        return None
    return max(0.0, ahead)


def read_server_limits(headers: Mapping[str, str], *, now: float | None = None) -> ServerLimits | None:
    """The rate-limit headers of an answer (``now``: epoch seconds, for tests); None when it has none."""
    if not any(name in headers for name in (LIMIT_HEADER, REMAINING_HEADER, RESET_HEADER)):
        return None
    limit = _whole(headers, LIMIT_HEADER, MAX_LIMIT)
    if limit == 0:
        _ignored(LIMIT_HEADER, "0", "a limit must allow one request")
        limit = None
    remaining = _whole(headers, REMAINING_HEADER, limit if limit is not None else MAX_LIMIT)
    return ServerLimits(limit, remaining, _reset_in(headers, now))


def reset_wait(headers: Mapping[str, str]) -> float | None:
    """Seconds until ``X-RateLimit-Reset`` (what a 429 without ``Retry-After`` waits), if usable."""
    seen = read_server_limits(headers)
    return seen.reset_in if seen is not None else None


def effective_rate(rate: Rate, learned: int | None) -> Rate:
    """``rate`` with the server's limit: taken as is when it follows the server, else as a ceiling."""
    if learned is None:
        return rate
    limit = learned if rate.follow_server else min(rate.limit, learned)
    return rate if limit == rate.limit else attrs.evolve(rate, limit=limit)


class ServerView:
    """What one family's answers said: the account's limit, and until when its window is spent.

    Thread-safe; times are on ``clock`` (monotonic).
    """

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit: int | None = None
        self.spent_until = 0.0
        self._clock = clock
        self._lock = threading.Lock()

    def observe(self, seen: ServerLimits, *, refused: bool) -> bool:
        """Take in one answer's headers (``refused``: it was a 429); True when the limit changed."""
        now = self._clock()
        with self._lock:
            changed = seen.limit is not None and seen.limit != self.limit
            if seen.limit is not None:
                self.limit = seen.limit
            if seen.reset_in is not None and (refused or seen.remaining == 0):
                self.spent_until = max(self.spent_until, now + seen.reset_in)
        return changed

    def wait(self) -> float:
        """Seconds until the window the server called spent resets (0: send now)."""
        return max(0.0, self.spent_until - self._clock())
