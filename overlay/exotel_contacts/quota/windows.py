"""The in-process rate window of each rate class, and the settings both kinds of window share.

A window books the earliest send time that fits, the caller sleeps until then and confirms right before
sending: the rule of the Redis scripts (docs/decisions/0026), on this process's clock. Where the quota
lives and how it is shared: docs/guides/pacing-and-quota.md.
"""

from __future__ import annotations

import bisect
import os
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, Final

from exotel_contacts.base.exceptions import RateLimitError
from exotel_contacts.base.rates import Rate
from exotel_contacts.spec.operations import OPERATIONS

__all__ = [
    "DEFAULT_MAX_CONCURRENT_UPLOADS",
    "LocalWindow",
    "Permit",
    "max_wait_for",
    "redis_url_setting",
    "slack_for",
]

#: Exotel's documented CCM limit: uploads in progress per account (openapi.yaml's x-limits, 5).
DEFAULT_MAX_CONCURRENT_UPLOADS: Final = OPERATIONS["uploadContacts"].limits["max_uploads_in_progress"]

#: The window is counted this much longer than the server's (a share of it, at most MAX_SLACK seconds):
#: a request booked exactly one window after another can still reach the server first when the network
#: delays the earlier one; measured on loopback, 2 % of a 1 s window keeps 429s under 1 %.
SLACK_SHARE: Final = 0.02
MAX_SLACK: Final = 1.0
#: A caller waits at most this many windows for its turn; a longer queue is a RateLimitError.
MAX_WAIT_WINDOWS: Final = 10


def redis_url_setting(value: str | None, environ: Mapping[str, str] | None = None) -> str | None:
    """The Redis URL: ``redis_url=``, else ``EXOTEL_REDIS_URL``, else None (the quota stays in-process)."""
    env = os.environ if environ is None else environ
    if value is None:
        value = env.get("EXOTEL_REDIS_URL")
    return value.strip() or None if value is not None else None


def slack_for(window: float) -> float:
    """Seconds added to a window of ``window`` seconds (see :data:`SLACK_SHARE`)."""
    return min(SLACK_SHARE * window, MAX_SLACK)


def max_wait_for(rate: Rate) -> float:
    """The longest a caller waits for its turn in ``rate``'s window."""
    return max(MAX_WAIT_WINDOWS * rate.window, 60.0)


class LocalWindow:
    """One family's moving window inside this process: the rule of the Redis scripts, on this clock.

    Thread-safe, and never blocks while holding its lock: :meth:`reserve` books a send time, the caller
    sleeps, :meth:`confirm` checks again right before sending (see :mod:`exotel_contacts.quota.redis_quota`).
    """

    def __init__(self, rate: Rate, family: str, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.family = family
        self._clock = clock
        self._window = rate.window + slack_for(rate.window)
        self._max_wait = max_wait_for(rate)
        self._times: list[float] = []
        self._tickets: dict[object, float] = {}
        self._lock = threading.Lock()

    def set_rate(self, rate: Rate) -> None:
        """Count by ``rate`` from now on (the server stated another limit)."""
        with self._lock:
            self.rate = rate

    def _put(self, ticket: object, at: float) -> None:
        bisect.insort(self._times, at)
        self._tickets[ticket] = at

    def _drop(self, ticket: object) -> None:
        at = self._tickets.pop(ticket, None)
        index = bisect.bisect_left(self._times, at) if at is not None else len(self._times)
        if index < len(self._times) and self._times[index] == at:
            del self._times[index]

    def _expire(self, now: float) -> None:
        gone = bisect.bisect_right(self._times, now - self._window)
        if gone:
            del self._times[:gone]
            self._tickets = {k: v for k, v in self._tickets.items() if v > now - self._window}

    def reserve(self) -> tuple[float, object]:
        """Book the next send time; return the seconds to wait for it and the ticket to confirm."""
        with self._lock:
            now = self._clock()
            self._expire(now)
            limit = self.rate.limit
            slot = now if len(self._times) < limit else max(now, self._times[-limit] + self._window)
            if slot - now > self._max_wait:
                raise RateLimitError(
                    f"The {self.family} quota ({self.rate}) is booked {slot - now:.0f} s ahead; "
                    "not waiting that long",
                    retry_after=slot - now,
                )
            ticket = object()
            self._put(ticket, slot)
        return slot - now, ticket

    def confirm(self, ticket: object) -> float:
        """Right before sending: 0 to send now, else the seconds to wait before confirming again."""
        with self._lock:
            now = self._clock()
            self._drop(ticket)
            self._expire(now)
            low = bisect.bisect_right(self._times, now - self._window)
            count = bisect.bisect_right(self._times, now) - low
            if count >= self.rate.limit:
                leaves = self._times[low + count - self.rate.limit] + self._window
                self._put(ticket, leaves)
                return leaves - now
            self._put(ticket, now)
        return 0.0

    def settle(self, ticket: object) -> None:
        """When the answer is back (or the attempt failed): count the request from now if that is later."""
        with self._lock:
            now = self._clock()
            booked = self._tickets.get(ticket)
            if booked is not None and booked < now:
                self._drop(ticket)
                self._put(ticket, now)


Permit = tuple[Any, Any]
"""What a rate limiter's ``acquire`` hands back for its ``settle``: (window, ticket)."""
