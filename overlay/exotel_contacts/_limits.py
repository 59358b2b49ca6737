"""Client-side rate limits (one moving window per API family) and the CCM upload slots.

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

import asyncio
import bisect
import contextlib
import inspect
import os
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, Protocol

from ._exceptions import ConfigurationError, RateLimitError
from ._rates import FAMILIES, QuotaFamily, Rate, RateSettings
from ._redis_quota import (
    AsyncRedisSlots,
    AsyncRedisWindow,
    RedisQuotaKeys,
    RedisSlots,
    RedisWindow,
    connect,
    connect_async,
)

if TYPE_CHECKING:
    from pyrate_limiter import AbstractBucket

__all__ = [
    "DEFAULT_MAX_CONCURRENT_UPLOADS",
    "DEFAULT_RATE_PER_MINUTE",
    "AsyncQuota",
    "AsyncRateLimiter",
    "AsyncUploadSlots",
    "LocalWindow",
    "Quota",
    "RateLimiter",
    "UploadSlots",
    "redis_url_setting",
    "slack_for",
]

#: Exotel's documented CCM limit: 200 requests per minute per account.
DEFAULT_RATE_PER_MINUTE = 200
#: Exotel's documented CCM limit: 5 uploads in progress per account.
DEFAULT_MAX_CONCURRENT_UPLOADS = 5

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


class _SyncWindow(Protocol):
    def reserve(self) -> tuple[float, Any]: ...
    def confirm(self, ticket: Any) -> float: ...
    def settle(self, ticket: Any) -> None: ...


class _AsyncWindow(Protocol):
    async def reserve(self) -> tuple[float, Any]: ...
    async def confirm(self, ticket: Any) -> float: ...
    async def settle(self, ticket: Any) -> None: ...


Permit = tuple[Any, Any]
"""What :meth:`RateLimiter.acquire` hands back for :meth:`RateLimiter.settle`: (window, ticket)."""


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


class _LimiterBase:
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


class RateLimiter(_LimiterBase):
    """Blocks the calling thread until one more request of a family fits its limit."""

    def __init__(
        self,
        account_sid: str,
        *,
        rates: RateSettings | None = None,
        bucket: object | None = None,
        redis_url: str | None = None,
        redis_client: Any = None,
    ) -> None:
        super().__init__(account_sid, rates=rates, bucket=bucket, redis_url=redis_url, asynchronous=False)
        self._windows: dict[QuotaFamily, _SyncWindow] = {}
        self._redis: Any = None
        if self.bucket is not None:
            return
        if redis_url is not None:
            self._owns_redis = redis_client is None
            self._redis = connect(redis_url) if redis_client is None else redis_client
            keys = RedisQuotaKeys(account_sid)
        for family in FAMILIES:
            rate = self.rates.of(family)
            if rate is None:
                continue
            if redis_url is None:
                self._windows[family] = LocalWindow(rate, family)
            else:
                self._windows[family] = RedisWindow(
                    redis_url,
                    keys.rate(family),
                    rate,
                    family,
                    slack_for(rate.window),
                    max_wait_for(rate),
                    client=self._redis,
                )

    def acquire(self, family: QuotaFamily = "ccm") -> Permit | None:
        """Wait until one more request of ``family`` may be sent; pass the result to :meth:`settle`."""
        if self._limiter is not None:
            if self._limiter.try_acquire(self.account_sid, blocking=True) is not True:
                raise self._refused()
            return None
        window = self._windows.get(family)
        if window is None:
            return None
        wait, ticket = window.reserve()
        while wait > 0:
            time.sleep(wait)
            wait = window.confirm(ticket)
        return window, ticket

    def settle(self, permit: Permit | None) -> None:
        """The attempt's answer is back (or it failed): count it from now if that is later."""
        if permit is not None:
            permit[0].settle(permit[1])

    def close(self) -> None:
        """Close the Redis connections this limiter opened; a caller's bucket is left open."""
        self._release_bucket()
        if self._redis is not None and self._owns_redis:
            self._redis.close()
        self._redis = None


class AsyncRateLimiter(_LimiterBase):
    """Waits (without blocking the event loop) until one more request of a family fits its limit."""

    def __init__(
        self,
        account_sid: str,
        *,
        rates: RateSettings | None = None,
        bucket: object | None = None,
        redis_url: str | None = None,
        redis_client: Any = None,
    ) -> None:
        super().__init__(account_sid, rates=rates, bucket=bucket, redis_url=redis_url, asynchronous=True)
        self._local: dict[QuotaFamily, LocalWindow] = {}
        self._windows: dict[QuotaFamily, _AsyncWindow] = {}
        self._redis: Any = None
        if self.bucket is not None:
            return
        if redis_url is not None:
            self._owns_redis = redis_client is None
            self._redis = connect_async(redis_url) if redis_client is None else redis_client
            keys = RedisQuotaKeys(account_sid)
        for family in FAMILIES:
            rate = self.rates.of(family)
            if rate is None:
                continue
            if redis_url is None:
                self._local[family] = LocalWindow(rate, family)
            else:
                self._windows[family] = AsyncRedisWindow(
                    redis_url,
                    keys.rate(family),
                    rate,
                    family,
                    slack_for(rate.window),
                    max_wait_for(rate),
                    client=self._redis,
                )

    async def acquire(self, family: QuotaFamily = "ccm") -> Permit | None:
        """Wait until one more request of ``family`` may be sent; pass the result to :meth:`settle`."""
        if self._limiter is not None:
            if await self._limiter.try_acquire_async(self.account_sid, blocking=True) is not True:
                raise self._refused()
            return None
        local = self._local.get(family)
        if local is not None:
            wait, ticket = local.reserve()
            while wait > 0:
                await asyncio.sleep(wait)
                wait = local.confirm(ticket)
            return local, ticket
        window = self._windows.get(family)
        if window is None:
            return None
        wait, ticket = await window.reserve()
        while wait > 0:
            await asyncio.sleep(wait)
            wait = await window.confirm(ticket)
        return window, ticket

    async def settle(self, permit: Permit | None) -> None:
        """The attempt's answer is back (or it failed): count it from now if that is later."""
        if permit is None:
            return
        window, ticket = permit
        if isinstance(window, LocalWindow):
            window.settle(ticket)
        else:
            await window.settle(ticket)

    async def close(self) -> None:
        """Close the Redis connections this limiter opened; a caller's bucket is left open."""
        self._release_bucket()
        if self._redis is not None and self._owns_redis:
            await self._redis.aclose()
        self._redis = None


class UploadSlots:
    """At most ``capacity`` CCM uploads in flight: in this process, or across processes through Redis."""

    def __init__(self, capacity: int, *, shared: RedisSlots | None = None) -> None:
        self.capacity = capacity
        self.shared = shared
        self._local = threading.BoundedSemaphore(capacity)

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        """Hold one slot while the block runs."""
        with self._local:
            if self.shared is None:
                yield
            else:
                with self.shared.hold():
                    yield


class AsyncUploadSlots:
    """The async twin of :class:`UploadSlots`."""

    def __init__(self, capacity: int, *, shared: AsyncRedisSlots | None = None) -> None:
        self.capacity = capacity
        self.shared = shared
        self._local = asyncio.Semaphore(capacity)

    @contextlib.asynccontextmanager
    async def hold(self) -> AsyncIterator[None]:
        """Hold one slot while the block runs."""
        async with self._local:
            if self.shared is None:
                yield
            else:
                async with self.shared.hold():
                    yield


class Quota:
    """What a sync client spends: its rate limiter (None: unlimited) and its upload slots."""

    def __init__(
        self,
        account_sid: str,
        *,
        rates: RateSettings,
        bucket: object | None,
        redis_url: str | None,
        max_uploads: int,
    ) -> None:
        self._redis: Any = None
        shared: RedisSlots | None = None
        if redis_url is not None:
            self._redis = connect(redis_url)
            keys = RedisQuotaKeys(account_sid).slots
            shared = RedisSlots(redis_url, keys, max_uploads, client=self._redis)
        self.limiter: RateLimiter | None = None
        if bucket is not None or rates.any:
            self.limiter = RateLimiter(
                account_sid, rates=rates, bucket=bucket, redis_url=redis_url, redis_client=self._redis
            )
        self.uploads = UploadSlots(max_uploads, shared=shared)

    def close(self) -> None:
        """Close the Redis connections (a caller's bucket stays open)."""
        if self.limiter is not None:
            self.limiter.close()
        if self._redis is not None:
            self._redis.close()
            self._redis = None


class AsyncQuota:
    """What an async client spends: its rate limiter (None: unlimited) and its upload slots."""

    def __init__(
        self,
        account_sid: str,
        *,
        rates: RateSettings,
        bucket: object | None,
        redis_url: str | None,
        max_uploads: int,
    ) -> None:
        self._redis: Any = None
        shared: AsyncRedisSlots | None = None
        if redis_url is not None:
            self._redis = connect_async(redis_url)
            keys = RedisQuotaKeys(account_sid).slots
            shared = AsyncRedisSlots(redis_url, keys, max_uploads, client=self._redis)
        self.limiter: AsyncRateLimiter | None = None
        if bucket is not None or rates.any:
            self.limiter = AsyncRateLimiter(
                account_sid, rates=rates, bucket=bucket, redis_url=redis_url, redis_client=self._redis
            )
        self.uploads = AsyncUploadSlots(max_uploads, shared=shared)

    async def close(self) -> None:
        """Close the Redis connections (a caller's bucket stays open)."""
        if self.limiter is not None:
            await self.limiter.close()
        if self._redis is not None:
            await self._redis.aclose()
            self._redis = None
