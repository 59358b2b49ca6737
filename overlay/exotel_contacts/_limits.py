"""Client-side rate limits (one moving window per API family) and the CCM upload slots.

Where the quota lives:

- **In the process** (default): shared by every thread or task of one client.
- **In Redis** (``redis_url=`` / ``EXOTEL_REDIS_URL``): shared by every process on every machine that
  uses the same Redis and account; see :mod:`exotel_contacts._redis_quota`.
- **A pyrate-limiter bucket of the caller's** (``rate_limit_bucket=``, kept from earlier versions): one
  bucket for every request. The client never closes it; a bucket that cannot be used (or an async one
  given to the sync client) is a :class:`ConfigurationError`.

Every window books the earliest send time that fits (:func:`next_slot`) and the caller sleeps until
then: requests go out in the order they asked, and waiting costs no polling.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import os
import threading
import time
from collections import deque
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
    "next_slot",
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


def next_slot(booked: deque[float], now: float, limit: int, window: float) -> float:
    """The earliest send time at or after ``now`` that keeps at most ``limit`` in any ``window``.

    ``booked`` holds the send times already booked, ascending; those a window old are dropped. Booked
    times only ever grow, so the ``limit``-th latest one decides: one window after it, a place is free.
    The Redis script (``_redis_quota._RESERVE``) applies the same rule on the server.
    """
    while booked and booked[0] <= now - window:
        booked.popleft()
    if len(booked) < limit:
        return now
    return max(now, booked[-limit] + window)


class LocalWindow:
    """One family's moving window inside this process (thread-safe; never blocks while holding its lock)."""

    def __init__(self, rate: Rate, family: str, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.family = family
        self._clock = clock
        self._window = rate.window + slack_for(rate.window)
        self._max_wait = max_wait_for(rate)
        self._booked: deque[float] = deque()
        self._lock = threading.Lock()

    def reserve(self) -> float:
        """Book the next send time; return the seconds to wait for it."""
        with self._lock:
            now = self._clock()
            slot = next_slot(self._booked, now, self.rate.limit, self._window)
            if slot - now > self._max_wait:
                raise RateLimitError(
                    f"The {self.family} quota ({self.rate}) is booked {slot - now:.0f} s ahead; "
                    "not waiting that long",
                    retry_after=slot - now,
                )
            self._booked.append(slot)
        return slot - now


class _SyncWindow(Protocol):
    def reserve(self) -> float: ...


class _AsyncWindow(Protocol):
    async def reserve(self) -> float: ...


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

    def acquire(self, family: QuotaFamily = "ccm") -> None:
        """Wait until one more request of ``family`` may be sent."""
        if self._limiter is not None:
            if self._limiter.try_acquire(self.account_sid, blocking=True) is not True:
                raise self._refused()
            return
        window = self._windows.get(family)
        if window is not None:
            wait = window.reserve()
            if wait > 0:
                time.sleep(wait)

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

    async def acquire(self, family: QuotaFamily = "ccm") -> None:
        """Wait until one more request of ``family`` may be sent."""
        if self._limiter is not None:
            if await self._limiter.try_acquire_async(self.account_sid, blocking=True) is not True:
                raise self._refused()
            return
        if family in self._local:
            wait = self._local[family].reserve()
        elif family in self._windows:
            wait = await self._windows[family].reserve()
        else:
            return
        if wait > 0:
            await asyncio.sleep(wait)

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
