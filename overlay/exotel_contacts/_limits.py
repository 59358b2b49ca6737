"""Client-side rate limits (one moving window per API family): the settings and the in-process window.

The waiting itself, and the upload slots, are in :mod:`exotel_contacts._async.quota` (and its
generated sync twin).

Where the quota lives:

- **In the process** (default): shared by every thread or task of one client.
- **In Redis** (``redis_url=`` / ``EXOTEL_REDIS_URL``): shared by every process on every machine that
  uses the same Redis and account; see :mod:`exotel_contacts._redis_quota`.
- **A pyrate-limiter bucket of the caller's** (``rate_limit_bucket=``, kept from earlier versions): one
  bucket for every request. The client never closes it; a bucket that cannot be used (or an async one
  given to the sync client) is a :class:`ConfigurationError`.

Every window books the earliest send time that fits and the caller sleeps until then, and confirms
right before sending: requests go out in the order they asked, and waiting costs no polling.
"""

from __future__ import annotations

import bisect
import inspect
import os
import threading
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final

from ._exceptions import ConfigurationError, RateLimitError
from ._rates import Rate, RateSettings
from ._spec_operations import OPERATIONS

if TYPE_CHECKING:
    from pyrate_limiter import AbstractBucket

__all__ = [
    "DEFAULT_MAX_CONCURRENT_UPLOADS",
    "DEFAULT_RATE_PER_MINUTE",
    "LimiterBase",
    "LocalWindow",
    "Permit",
    "max_wait_for",
    "redis_url_setting",
    "slack_for",
]

#: Exotel's documented CCM limit: 200 requests per minute per account.
DEFAULT_RATE_PER_MINUTE = 200
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
    sleeps, :meth:`confirm` checks again right before sending (see :mod:`exotel_contacts._redis_quota`).
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

    def _put(self, ticket: object, at: float) -> None:
        bisect.insort(self._times, at)
        self._tickets[ticket] = at

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
            booked = self._tickets.pop(ticket, None)
            if booked is not None:
                index = bisect.bisect_left(self._times, booked)
                if index < len(self._times) and self._times[index] == booked:
                    del self._times[index]
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
            if booked is None or booked >= now:
                return
            index = bisect.bisect_left(self._times, booked)
            if index < len(self._times) and self._times[index] == booked:
                del self._times[index]
            self._put(ticket, now)


Permit = tuple[Any, Any]
"""What a rate limiter's ``acquire`` hands back for its ``settle``: (window, ticket)."""


def _checked_bucket(bucket: object, *, asynchronous: bool) -> AbstractBucket:
    from pyrate_limiter import AbstractBucket  # noqa: PLC0415 - only for callers who pass a bucket

    if not isinstance(bucket, AbstractBucket):
        raise ConfigurationError(
            f"rate_limit_bucket must be a pyrate-limiter bucket, got {type(bucket).__name__}",
            how_to_fix="Pass redis_url= (or EXOTEL_REDIS_URL) to share the quota between processes",
        )
    if not bucket.rates:
        raise ConfigurationError("rate_limit_bucket has no rates, so it cannot limit anything")
    if not asynchronous:
        try:
            probe = bucket.count()
        except Exception as exc:
            raise ConfigurationError(
                f"rate_limit_bucket cannot be used: {type(exc).__name__}: {exc}"
            ) from None
        if inspect.isawaitable(probe):
            if inspect.iscoroutine(probe):
                probe.close()
            raise ConfigurationError(
                "rate_limit_bucket is an async bucket; the sync Client needs a sync one (or use AsyncClient)",
            )
    return bucket


class LimiterBase:
    """What both sides' rate limiters share: the settings, and a caller's bucket (checked, never closed)."""

    def __init__(
        self,
        account_sid: str,
        *,
        rates: RateSettings | None = None,
        bucket: object | None = None,
        redis_url: str | None = None,
        asynchronous: bool,
    ) -> None:
        from pyrate_limiter import Limiter  # noqa: PLC0415 - only for callers who pass a bucket

        self.account_sid = account_sid
        self.rates = rates if rates is not None else RateSettings()
        self.redis_url = redis_url
        self.bucket = None if bucket is None else _checked_bucket(bucket, asynchronous=asynchronous)
        self._owns_redis = False
        self._limiter = Limiter(self.bucket) if self.bucket is not None else None

    def __repr__(self) -> str:
        where = "bucket" if self.bucket is not None else "redis" if self.redis_url else "process"
        return f"{type(self).__name__}(account_sid={self.account_sid!r}, quota={where})"

    def _refused(self) -> ConfigurationError:
        return ConfigurationError(
            "rate_limit_bucket refused a request outright (its rate can never admit one request)"
        )

    def _release_bucket(self) -> None:
        # Stop the leak task this client started, and only that: the bucket is the caller's to close.
        if self._limiter is not None and self.bucket is not None:
            self._limiter.dispose(self.bucket)
            self._limiter = None
