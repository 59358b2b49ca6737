"""The account's quota as a client spends it: one rate window per rate class, and the upload slots.

In the process by default; in Redis with ``redis_url=`` (shared by every process using that Redis and
account). A window books the earliest send time that fits, the caller sleeps until then and confirms
right before sending (docs/decisions/0026): in Redis by the scripts of :mod:`..redis_quota`.
"""

from __future__ import annotations

import bisect
import contextlib
import math
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any, ClassVar

import attrs

from exotel_contacts.base._async._primitives import Semaphore, repeat, sleep
from exotel_contacts.base.exceptions import APIConnectionError, APITimeoutError, RateLimitError
from exotel_contacts.base.rates import RATE_CLASSES, Rate, RateClass, RateSettings

from ..redis_faults import DEFAULT_REDIS_OUTAGE
from ..redis_quota import (
    ACQUIRE,
    CONFIRM,
    LEARNED_TTL,
    RELEASE,
    RENEW,
    RESERVE,
    SETTLE,
    RedisQuotaKeys,
    connect_async,
    us,
)
from ..server_rates import ServerView, effective_rate, read_server_limits
from ..windows import Permit, max_wait_for, slack_for
from .redis_calls import ride_out

__all__ = [
    "AsyncLocalWindow",
    "AsyncQuota",
    "AsyncRateLimiter",
    "AsyncRedisSlots",
    "AsyncRedisWindow",
    "AsyncUploadSlots",
]


class AsyncLocalWindow:
    """One family's moving window inside this process: the rule of the Redis scripts, on this clock.

    Thread-safe, and never blocks while holding its lock: :meth:`book` books a send time, the caller
    sleeps, :meth:`confirm_at` checks again right before sending (the steps of the module docstring).
    """

    def __init__(self, rate: Rate, family: str, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.family = family
        self._clock = clock
        self._window = rate.window + slack_for(rate.window)
        self._max_wait = max_wait_for(rate)
        self._times: list[float] = []
        self._tickets: dict[str, float] = {}
        self._lock = threading.Lock()

    def _put(self, ticket: str, at: float) -> None:
        bisect.insort(self._times, at)
        self._tickets[ticket] = at

    def _drop(self, ticket: str) -> None:
        at = self._tickets.pop(ticket, None)
        index = bisect.bisect_left(self._times, at) if at is not None else len(self._times)
        if index < len(self._times) and self._times[index] == at:
            del self._times[index]

    def _expire(self, now: float) -> None:
        gone = bisect.bisect_right(self._times, now - self._window)
        if gone:
            del self._times[:gone]
            self._tickets = {k: v for k, v in self._tickets.items() if v > now - self._window}

    async def book(self, ticket: str) -> tuple[float, float]:
        """Book a send time for ``ticket``; return the seconds to wait and that time (on ``clock``)."""
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
            self._put(ticket, slot)
        return slot - now, slot

    async def confirm_at(self, ticket: str) -> tuple[float, float]:
        """Right before sending: 0 to send now, else the seconds to wait before confirming again; and
        the send time."""
        with self._lock:
            now = self._clock()
            self._drop(ticket)
            self._expire(now)
            low = bisect.bisect_right(self._times, now - self._window)
            count = bisect.bisect_right(self._times, now) - low
            limit = self.rate.limit
            if count >= limit:
                leaves = self._times[low + count - limit] + self._window
                self._put(ticket, leaves)
                return leaves - now, leaves
            self._put(ticket, now)
        return 0.0, now

    async def settle(self, ticket: str) -> None:
        """When the answer is back (or the attempt failed): count the request from now if that is later."""
        with self._lock:
            now = self._clock()
            booked = self._tickets.get(ticket)
            if booked is not None and booked < now:
                self._drop(ticket)
                self._put(ticket, now)


@attrs.define
class _RedisUser:
    """What both Redis halves of the quota share: the client, the outage bound and the Lua scripts."""

    url: str
    client: Any = attrs.field(kw_only=True)
    outage: float = attrs.field(default=DEFAULT_REDIS_OUTAGE, kw_only=True)
    """Seconds a call rides out a Redis that is away (see :mod:`exotel_contacts.quota.redis_faults`)."""
    _scripts: dict[str, Any] = attrs.field(init=False, factory=dict)
    what: ClassVar[str]

    async def _script(self, source: str, keys: list[str], args: list[Any], limit: float | None = None) -> Any:
        """Run one of the Lua scripts (registered once), riding out a Redis briefly away."""
        if source not in self._scripts:
            self._scripts[source] = self.client.register_script(source)
        script = self._scripts[source]
        limit = self.outage if limit is None else limit
        return await ride_out(lambda: script(keys=keys, args=args), url=self.url, what=self.what, limit=limit)


@attrs.define
class AsyncRedisWindow(_RedisUser):
    """One family's moving window in Redis: :meth:`book`, sleep, :meth:`confirm_at`, send, :meth:`settle`."""

    key: str
    rate: Rate
    family: str
    slack: float
    max_wait: float
    learned_key: str = ""
    """Where the limit the server stated is shared (:meth:`RedisQuotaKeys.learned`)."""
    shared_limit: int | None = attrs.field(default=None, init=False)
    shared_at: float = attrs.field(default=-LEARNED_TTL, init=False)
    what = "the shared rate limit"

    @property
    def keys(self) -> list[str]:
        return [self.key, self.learned_key or f"{self.key}:limit"]

    @property
    def window_us(self) -> int:
        return us(self.rate.window + self.slack)

    async def _run(self, source: str, *args: Any) -> list[int]:
        # RESERVE and CONFIRM: limit and window, the script's own arguments, whether to follow the server.
        follow = int(self.rate.follow_server)
        reply = await self._script(source, self.keys, [self.rate.limit, self.window_us, *args, follow])
        return [int(value) for value in reply]

    async def book(self, ticket: str) -> tuple[float, float]:
        """Book a send time for ``ticket``; return the seconds to wait and that time (server clock).

        A booking more than ``max_wait`` ahead is a :class:`RateLimitError`.
        """
        granted, wait_us, slot_us = await self._run(RESERVE, us(self.max_wait), ticket)
        if not granted:
            raise RateLimitError(
                f"The shared {self.family} quota ({self.rate}) is booked {wait_us / 1e6:.0f} s ahead; "
                "not waiting that long",
                retry_after=wait_us / 1e6,
            )
        return wait_us / 1e6, slot_us / 1e6

    async def confirm_at(self, ticket: str) -> tuple[float, float]:
        """Right before sending: 0 to send now, else the seconds to wait before confirming again; and
        the send time (server clock) when it is 0."""
        sent, wait_us, at_us = await self._run(CONFIRM, ticket)
        return (0.0 if sent else max(wait_us / 1e6, 1e-6)), at_us / 1e6

    async def settle(self, ticket: str) -> None:
        """When the answer is back (or the attempt failed): count the request from now if that is later.

        Tried once: a Redis that is away now must not hold back an answer that has arrived (the
        booking already counts the request, a little early).
        """
        with contextlib.suppress(APIConnectionError):
            await self._script(SETTLE, self.keys, [self.window_us, ticket], limit=0.0)

    async def share(self, learned: int | None) -> None:
        """Write the limit the server stated where every worker's scripts read it (when due)."""
        now = time.monotonic()
        # Due when it changed, or half its time to live has passed.
        if learned is None or (learned == self.shared_limit and now - self.shared_at <= LEARNED_TTL / 2):
            return
        # Best effort: a Redis away now leaves the limit to be shared by a later answer.
        with contextlib.suppress(APIConnectionError):
            await ride_out(
                lambda: self.client.set(self.keys[1], str(learned), ex=LEARNED_TTL),
                url=self.url,
                what=self.what,
                limit=0.0,
            )
            self.shared_limit, self.shared_at = learned, now


@attrs.define
class AsyncRedisSlots(_RedisUser):
    """The account's upload slots shared through Redis: ``async with slots.hold(): ...``."""

    keys: list[str]
    capacity: int
    lease: float = 30.0
    """Seconds a slot stays held without renewal; the holder renews it every third of that."""
    poll: float = 0.1
    """Seconds between a waiter's looks."""
    max_wait: float = 3600.0
    """Seconds a caller waits for a slot before :class:`APITimeoutError`."""
    what = "the upload slots"

    @contextlib.asynccontextmanager
    async def hold(self) -> AsyncIterator[None]:
        """Wait for a slot (first come, first served), hold it while the block runs, then free it."""
        token, waited = uuid.uuid4().hex, 0.0
        # The third argument: a waiter that stops looking (its process died) leaves the queue after it.
        args = [self.capacity, us(self.lease), us(max(2.0, 10 * self.poll)), token]
        while not int(await self._script(ACQUIRE, self.keys, args)):
            if waited >= self.max_wait:
                await self._script(RELEASE, self.keys[:3], [token])
                raise APITimeoutError(
                    f"No upload slot of the {self.capacity} shared through Redis came free "
                    f"in {self.max_wait:g} s"
                )
            await sleep(self.poll)
            waited += self.poll

        async def renew() -> None:
            # A Redis that is away lets the lease lapse; the upload itself goes on.
            with contextlib.suppress(APIConnectionError):
                await self._script(RENEW, self.keys[:1], [us(self.lease), token])

        try:
            async with repeat(self.lease / 3, renew):
                yield
        finally:
            # A Redis away past the bound must not hide the upload's answer: the lease lapses by itself.
            with contextlib.suppress(APIConnectionError):
                await self._script(RELEASE, self.keys[:3], [token])


class AsyncUploadSlots:
    """At most ``capacity`` CCM uploads in flight: in this process, and across processes with Redis."""

    def __init__(self, capacity: int, *, shared: AsyncRedisSlots | None = None) -> None:
        self.capacity = capacity
        self.shared = shared
        self._local = Semaphore(capacity)

    @contextlib.asynccontextmanager
    async def hold(self) -> AsyncIterator[None]:
        """Hold one slot while the block runs (``async with slots.hold(): ...``): the process's own first
        (so only ``capacity`` of its callers queue in Redis at once), then (with Redis) the account's."""
        async with self._local:
            if self.shared is None:
                yield
            else:
                async with self.shared.hold():
                    yield


class AsyncRateLimiter:
    """Waits until one more request of a family fits its limit (see the module docstring)."""

    def __init__(
        self,
        account_sid: str,
        *,
        rates: RateSettings | None = None,
        redis_url: str | None = None,
        redis: Any = None,
        outage: float = DEFAULT_REDIS_OUTAGE,
    ) -> None:
        self.account_sid = account_sid
        self.rates = rates if rates is not None else RateSettings()
        self.redis_url = redis_url
        # What the server said per family (X-RateLimit-*).
        self.server = {family: ServerView() for family in RATE_CLASSES if self.rates.of(family) is not None}
        self._windows: dict[RateClass, AsyncLocalWindow | AsyncRedisWindow] = {}
        self._owns_redis = redis is None
        self._redis: Any = None
        if redis_url is not None:
            self._redis = connect_async(redis_url) if redis is None else redis
        keys = RedisQuotaKeys(account_sid)
        for family in RATE_CLASSES:
            rate = self.rates.of(family)
            if rate is not None and redis_url is None:
                self._windows[family] = AsyncLocalWindow(rate, family)
            elif rate is not None and redis_url is not None:
                self._windows[family] = AsyncRedisWindow(
                    redis_url,
                    keys.rate(family),
                    rate,
                    family,
                    slack_for(rate.window),
                    max_wait_for(rate),
                    keys.learned(family),
                    client=self._redis,
                    outage=outage,
                )

    def __repr__(self) -> str:
        where = "redis" if self.redis_url else "process"
        return f"{type(self).__name__}(account_sid={self.account_sid!r}, quota={where})"

    def _held_for(self, family: RateClass, deadline: float) -> float:
        # Seconds the family waits for the server's window to reset (Remaining: 0 or a 429); past
        # ``deadline`` (seconds left of the call) a RateLimitError instead.
        view = self.server.get(family)
        wait = view.wait() if view is not None else 0.0
        if wait > deadline:
            raise RateLimitError(
                f"The server said the {family} quota is spent for {wait:.1f} s more; "
                "that is past the call's deadline",
                retry_after=wait,
            )
        return wait

    async def acquire(self, family: RateClass = "ccm", *, deadline: float = math.inf) -> Permit | None:
        """Wait until one more request of ``family`` may be sent; pass the result to :meth:`settle`.

        ``deadline``: seconds left of the call; a wait for the server's window past it is a RateLimitError.
        """
        # A window the server called spent holds the turn booked in the queue (no place is lost).
        held = self._held_for(family, deadline)
        window = self._windows.get(family)
        if window is None:
            if held > 0:
                await sleep(held)
            return None
        ticket = uuid.uuid4().hex
        wait, _ = await window.book(ticket)
        wait = max(wait, held)
        while wait > 0:
            await sleep(wait)
            wait, _ = await window.confirm_at(ticket)
        return window, ticket

    async def observe(self, family: RateClass, headers: Mapping[str, str], status: int) -> None:
        """An answer of ``family`` is back: take in what its rate-limit headers say."""
        view, rate = self.server.get(family), self.rates.of(family)
        if view is None or rate is None:
            return  # not limited: no window either
        seen = read_server_limits(headers)
        if seen is not None and view.observe(seen, refused=status == 429):
            # The limit the server states changed: the family's windows count by it from now on.
            self._windows[family].rate = effective_rate(rate, view.limit)
        window = self._windows[family]
        if isinstance(window, AsyncRedisWindow):
            await window.share(view.limit)

    async def settle(self, permit: Permit | None) -> None:
        """The attempt's answer is back (or it failed): count it from now if that is later."""
        if permit is None:
            return
        window, ticket = permit
        await window.settle(ticket)

    async def close(self) -> None:
        """Close the Redis connections this limiter opened."""
        if self._redis is not None and self._owns_redis:
            await self._redis.aclose()
        self._redis = None


class AsyncQuota:
    """What a client spends: its rate limiter (None: unlimited) and its upload slots."""

    def __init__(
        self,
        account_sid: str,
        *,
        rates: RateSettings,
        redis_url: str | None,
        max_uploads: int,
        outage: float = DEFAULT_REDIS_OUTAGE,
    ) -> None:
        self._redis: Any = None
        shared: AsyncRedisSlots | None = None
        if redis_url is not None:
            self._redis = connect_async(redis_url)
            keys = RedisQuotaKeys(account_sid).slots
            shared = AsyncRedisSlots(redis_url, keys, max_uploads, client=self._redis, outage=outage)
        self.limiter: AsyncRateLimiter | None = None
        if rates.any:
            self.limiter = AsyncRateLimiter(
                account_sid, rates=rates, redis_url=redis_url, redis=self._redis, outage=outage
            )
        self.uploads = AsyncUploadSlots(max_uploads, shared=shared)

    async def close(self) -> None:
        """Close the Redis connections."""
        if self.limiter is not None:
            await self.limiter.close()
        if self._redis is not None:
            await self._redis.aclose()
            self._redis = None
