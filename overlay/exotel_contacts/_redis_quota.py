"""One account's quota shared by every process on every machine: a moving window and upload slots in Redis.

Both live in small Lua scripts run through redis-py, so each decision is one atomic step on the Redis
server, timed by the server's own clock (``TIME`` inside the script): clock skew between machines does
not matter, and no process can see a stale count.

- **Rate** (:class:`RedisWindow`): a sorted set of send times per account and family. A caller
  *reserves* the earliest time at which one more request fits the window and sleeps until then, so
  callers are served in the order they asked (first come, first served: no worker starves) and nobody
  polls. Right before sending it *confirms* (its time becomes the real one, and it waits more if others
  went meanwhile), and when the answer is back it *settles* (its time becomes the answer's, if later):
  the server counts a request when it arrives, which a slow connect or a busy process delays.
  :class:`exotel_contacts._limits.LocalWindow` applies the same rules inside one process.
- **Upload slots** (:class:`RedisSlots`): a fair semaphore. Holders have a lease that their process
  renews while the upload runs; a dead process's slot comes back when its lease expires. Waiters queue
  by ticket, so slots go to the longest waiter.

Why not the ``limits`` library's Redis moving window: its script is atomic but takes the *client's*
``time.time()`` as the timestamp, and it has no way to wait other than polling; the design notes in the
README give the measured figures.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import attrs

from ._exceptions import APIConnectionError, APITimeoutError, ConfigurationError, RateLimitError
from ._rates import Rate

if TYPE_CHECKING:
    import redis
    import redis.asyncio as aredis

__all__ = [
    "AsyncRedisSlots",
    "AsyncRedisWindow",
    "RedisQuotaKeys",
    "RedisSlots",
    "RedisWindow",
    "connect",
    "connect_async",
    "redact_url",
]

#: Seconds for each Redis operation; an unanswered Redis ends in APIConnectionError, never a hang.
REDIS_TIMEOUT: Final = 5.0

# KEYS[1]: sorted set of send times (microseconds, server clock), booked or confirmed, per request.
# Booking: the earliest time at which one more request fits, by the times known now.
# ARGV: limit, window (us), max wait (us), ticket. Returns {granted 0/1, wait (us), booked time (us)}.
_RESERVE: Final = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
local slot = now
if count >= limit then
  local edge = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
  slot = math.max(now, tonumber(edge[2]) + window)
end
if slot - now > tonumber(ARGV[3]) then
  return {0, slot - now, slot}
end
redis.call('ZADD', KEYS[1], slot, ARGV[4])
redis.call('PEXPIRE', KEYS[1], math.ceil((slot - now + window) / 1000) + 1000)
return {1, slot - now, slot}
"""

# Confirming, right before the request leaves: the ticket is moved to the actual time (a caller that
# woke late counts from when it really sends), and is let go only if fewer than `limit` others were
# sent in the window before it; else it is booked again for when one of them leaves the window.
# ARGV: limit, window (us), ticket. Returns {sent 0/1, extra wait (us), time (us)}.
_CONFIRM: Final = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREM', KEYS[1], ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
-- (a number joined to a string keeps only 14 digits: format it whole)
local after = string.format('(%d', now - window)
local before = redis.call('ZRANGEBYSCORE', KEYS[1], after, now, 'WITHSCORES')
local count = #before / 2
if count >= limit then
  local leaves = tonumber(before[2 * (count - limit) + 2]) + window
  redis.call('ZADD', KEYS[1], leaves, ARGV[3])
  return {0, leaves - now, leaves}
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000) + 1000)
return {1, 0, now}
"""

# Settling, when the answer is back: the server counted the request at some moment before now, so the
# ticket moves to now if that is later (a slow connect or a busy process sent it late).
# ARGV: window (us), ticket.
_SETTLE: Final = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local at = redis.call('ZSCORE', KEYS[1], ARGV[2])
if at and tonumber(at) < now then
  redis.call('ZADD', KEYS[1], now, ARGV[2])
  redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[1]) / 1000) + 1000)
end
return 1
"""

# KEYS: holders (token -> lease end), queue (token -> ticket), alive (token -> waiter deadline), ticket.
# ARGV: capacity, lease (us), waiter ttl (us), token. Returns 1 when the token holds a slot, else 0.
_ACQUIRE: Final = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local capacity = tonumber(ARGV[1])
local keep = math.ceil((tonumber(ARGV[2]) + tonumber(ARGV[3])) / 1000) * 4
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local gone = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
for _, token in ipairs(gone) do
  redis.call('ZREM', KEYS[2], token)
end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
local granted = 0
if redis.call('ZSCORE', KEYS[1], ARGV[4]) then
  granted = 1
else
  if not redis.call('ZSCORE', KEYS[2], ARGV[4]) then
    redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[4]), ARGV[4])
  end
  local free = capacity - redis.call('ZCARD', KEYS[1])
  if free > 0 and redis.call('ZRANK', KEYS[2], ARGV[4]) < free then
    redis.call('ZREM', KEYS[2], ARGV[4])
    redis.call('ZREM', KEYS[3], ARGV[4])
    granted = 1
  end
end
if granted == 1 then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[4])
else
  redis.call('ZADD', KEYS[3], now + tonumber(ARGV[3]), ARGV[4])
end
for i = 1, 4 do
  redis.call('PEXPIRE', KEYS[i], keep)
end
return granted
"""

# KEYS[1] holders. ARGV: lease (us), token. Returns 1 when the lease was extended, 0 when it was lost.
_RENEW: Final = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
if redis.call('ZSCORE', KEYS[1], ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[2])
  return 1
end
return 0
"""

# KEYS: holders, queue, alive. ARGV: token.
_RELEASE: Final = """
for i = 1, 3 do
  redis.call('ZREM', KEYS[i], ARGV[1])
end
return 1
"""


def redact_url(url: str) -> str:
    """``url`` with its password (in the user part or a ``password=`` query) shown as ``***``."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, host = netloc.rsplit("@", 1)
            user = userinfo.split(":", 1)[0]
            netloc = f"{user}:***@{host}" if ":" in userinfo else f"***@{host}" if user else netloc
        query = urlencode(
            [(k, "***" if k.lower() == "password" else v) for k, v in parse_qsl(parts.query, True)],
            safe="*",
        )
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return "<unparseable Redis URL>"


def _redis_module() -> Any:
    try:
        import redis  # noqa: PLC0415 - optional extra, imported only when a Redis URL is configured
    except ImportError:
        raise ConfigurationError(
            "A Redis URL is configured but the redis package is not installed",
            how_to_fix="pip install 'exotel-contacts[redis]'",
        ) from None
    return redis


def _check_url(url: str) -> None:
    if urlsplit(url).scheme not in ("redis", "rediss", "unix"):
        raise ConfigurationError(
            f"EXOTEL_REDIS_URL must be a redis://, rediss:// or unix:// URL, got {redact_url(url)!r}"
        )


def connect(url: str) -> redis.Redis:
    """A redis-py client for ``url`` (nothing is sent yet) with finite timeouts."""
    _check_url(url)
    module = _redis_module()
    try:
        client: redis.Redis = module.Redis.from_url(
            url, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT
        )
    except ValueError as exc:
        raise ConfigurationError(f"Cannot use the Redis URL {redact_url(url)!r}: {exc}") from None
    return client


def connect_async(url: str) -> aredis.Redis:
    """A redis-py asyncio client for ``url`` (nothing is sent yet) with finite timeouts."""
    _check_url(url)
    module = _redis_module()
    try:
        client: aredis.Redis = module.asyncio.Redis.from_url(
            url, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT
        )
    except ValueError as exc:
        raise ConfigurationError(f"Cannot use the Redis URL {redact_url(url)!r}: {exc}") from None
    return client


@contextlib.contextmanager
def redis_errors(url: str) -> Iterator[None]:
    """Turn any redis-py error into :class:`APIConnectionError` naming the URL without its password."""
    module = _redis_module()
    try:
        yield
    except module.RedisError as exc:
        safe = redact_url(url)
        detail = str(exc)
        password = urlsplit(url).password
        if password:
            detail = detail.replace(password, "***")
        raise APIConnectionError(
            f"Redis at {safe} (the shared rate limit) failed: {type(exc).__name__}: {detail}",
            how_to_fix="Check that Redis is running and EXOTEL_REDIS_URL (or redis_url=) points at it",
        ) from None


@attrs.frozen
class RedisQuotaKeys:
    """The keys of one account's shared quota; one hash tag, so they sit in one Redis Cluster slot."""

    account_sid: str
    prefix: str = "exotel-contacts"

    def rate(self, family: str) -> str:
        """The sorted set of one family's reserved send times."""
        return f"{self.prefix}:{{{self.account_sid}}}:rate:{family}"

    @property
    def slots(self) -> list[str]:
        """Holders, queue, alive and ticket keys of the upload slots."""
        base = f"{self.prefix}:{{{self.account_sid}}}:uploads"
        return [f"{base}:holders", f"{base}:queue", f"{base}:alive", f"{base}:ticket"]


def _us(seconds: float) -> int:
    return round(seconds * 1_000_000)


def _booked(reply: Any, rate: Rate, family: str) -> tuple[float, float]:
    granted, wait_us, slot_us = int(reply[0]), int(reply[1]), int(reply[2])
    if not granted:
        raise RateLimitError(
            f"The shared {family} quota ({rate}) is booked {wait_us / 1e6:.0f} s ahead; "
            "not waiting that long",
            retry_after=wait_us / 1e6,
        )
    return wait_us / 1e6, slot_us / 1e6


def _confirmed(reply: Any) -> tuple[float, float]:
    sent, wait_us, at_us = int(reply[0]), int(reply[1]), int(reply[2])
    return (0.0 if sent else max(wait_us / 1e6, 1e-6)), at_us / 1e6


@attrs.define
class _WindowBase:
    url: str
    key: str
    rate: Rate
    family: str
    slack: float
    max_wait: float

    @property
    def window_us(self) -> int:
        return _us(self.rate.window + self.slack)

    def book_args(self, ticket: str) -> list[Any]:
        return [self.rate.limit, self.window_us, _us(self.max_wait), ticket]

    def confirm_args(self, ticket: str) -> list[Any]:
        return [self.rate.limit, self.window_us, ticket]


@attrs.define
class RedisWindow(_WindowBase):
    """One family's moving window in Redis, for the sync client: :meth:`reserve`, sleep, :meth:`confirm`."""

    client: redis.Redis = attrs.field(kw_only=True)
    _scripts: dict[str, Any] = attrs.field(init=False, factory=dict)

    def _run(self, source: str, args: list[Any]) -> Any:
        with redis_errors(self.url):
            if source not in self._scripts:
                self._scripts[source] = self.client.register_script(source)
            return self._scripts[source](keys=[self.key], args=args)

    def book(self, ticket: str) -> tuple[float, float]:
        """Book a send time for ``ticket``; return the seconds to wait and that time (server clock)."""
        return _booked(self._run(_RESERVE, self.book_args(ticket)), self.rate, self.family)

    def reserve(self) -> tuple[float, str]:
        """Book the next send time; return the seconds to wait for it and the ticket to confirm."""
        ticket = uuid.uuid4().hex
        return self.book(ticket)[0], ticket

    def confirm_at(self, ticket: str) -> tuple[float, float]:
        """:meth:`confirm`, and the send time (server clock) when it is 0."""
        return _confirmed(self._run(_CONFIRM, self.confirm_args(ticket)))

    def confirm(self, ticket: str) -> float:
        """Right before sending: 0 to send now, else the seconds to wait before confirming again."""
        return self.confirm_at(ticket)[0]

    def settle(self, ticket: str) -> None:
        """When the answer is back (or the attempt failed): count the request from now if that is later."""
        self._run(_SETTLE, [self.window_us, ticket])


@attrs.define
class AsyncRedisWindow(_WindowBase):
    """One family's moving window in Redis, for the async client: :meth:`reserve`, sleep, :meth:`confirm`."""

    client: aredis.Redis = attrs.field(kw_only=True)
    _scripts: dict[str, Any] = attrs.field(init=False, factory=dict)

    async def _run(self, source: str, args: list[Any]) -> Any:
        with redis_errors(self.url):
            if source not in self._scripts:
                self._scripts[source] = self.client.register_script(source)
            return await self._scripts[source](keys=[self.key], args=args)

    async def reserve(self) -> tuple[float, str]:
        """Book the next send time; return the seconds to wait for it and the ticket to confirm."""
        ticket = uuid.uuid4().hex
        wait, _ = _booked(await self._run(_RESERVE, self.book_args(ticket)), self.rate, self.family)
        return wait, ticket

    async def confirm(self, ticket: str) -> float:
        """Right before sending: 0 to send now, else the seconds to wait before confirming again."""
        return _confirmed(await self._run(_CONFIRM, self.confirm_args(ticket)))[0]

    async def settle(self, ticket: str) -> None:
        """When the answer is back (or the attempt failed): count the request from now if that is later."""
        await self._run(_SETTLE, [self.window_us, ticket])


@attrs.define
class _SlotsBase:
    url: str
    keys: list[str]
    capacity: int
    lease: float = 30.0
    """Seconds a slot stays held without renewal; the holder renews it every third of that."""
    poll: float = 0.1
    """Seconds between a waiter's looks."""
    max_wait: float = 3600.0
    """Seconds a caller waits for a slot before :class:`APITimeoutError`."""

    @property
    def waiter_ttl(self) -> float:
        # A waiter that stops looking (its process died) leaves the queue after this long.
        return max(2.0, 10 * self.poll)

    def acquire_args(self, token: str) -> list[Any]:
        return [self.capacity, _us(self.lease), _us(self.waiter_ttl), token]

    def timed_out(self) -> APITimeoutError:
        return APITimeoutError(
            f"No upload slot of the {self.capacity} shared through Redis came free in {self.max_wait:g} s"
        )


@attrs.define
class RedisSlots(_SlotsBase):
    """The account's upload slots shared through Redis, for the sync client (use :meth:`hold`)."""

    client: redis.Redis | None = attrs.field(default=None, kw_only=True)
    _scripts: dict[str, Any] = attrs.field(init=False, factory=dict)

    def _run(self, name: str, source: str, keys: list[str], args: list[Any]) -> Any:
        assert self.client is not None  # noqa: S101 - set by the constructor's caller
        with redis_errors(self.url):
            if name not in self._scripts:
                self._scripts[name] = self.client.register_script(source)
            return self._scripts[name](keys=keys, args=args)

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        """Wait for a slot (first come, first served), hold it while the block runs, then free it."""
        token = uuid.uuid4().hex
        waited = 0.0
        while not int(self._run("acquire", _ACQUIRE, self.keys, self.acquire_args(token))):
            if waited >= self.max_wait:
                self._run("release", _RELEASE, self.keys[:3], [token])
                raise self.timed_out()
            time.sleep(self.poll)
            waited += self.poll
        stop = threading.Event()
        renewer = threading.Thread(target=self._renew, args=(token, stop), daemon=True)
        renewer.start()
        try:
            yield
        finally:
            stop.set()
            renewer.join()
            self._run("release", _RELEASE, self.keys[:3], [token])

    def _renew(self, token: str, stop: threading.Event) -> None:
        while not stop.wait(self.lease / 3):
            try:
                self._run("renew", _RENEW, self.keys[:1], [_us(self.lease), token])
            except APIConnectionError:
                continue  # Redis is away: the lease may lapse; the upload itself goes on


@attrs.define
class AsyncRedisSlots(_SlotsBase):
    """The account's upload slots shared through Redis, for the async client (use :meth:`hold`)."""

    client: aredis.Redis | None = attrs.field(default=None, kw_only=True)
    _scripts: dict[str, Any] = attrs.field(init=False, factory=dict)

    async def _run(self, name: str, source: str, keys: list[str], args: list[Any]) -> Any:
        assert self.client is not None  # noqa: S101 - set by the constructor's caller
        with redis_errors(self.url):
            if name not in self._scripts:
                self._scripts[name] = self.client.register_script(source)
            return await self._scripts[name](keys=keys, args=args)

    @contextlib.asynccontextmanager
    async def hold(self) -> AsyncIterator[None]:
        """Wait for a slot (first come, first served), hold it while the block runs, then free it."""
        token = uuid.uuid4().hex
        waited = 0.0
        while not int(await self._run("acquire", _ACQUIRE, self.keys, self.acquire_args(token))):
            if waited >= self.max_wait:
                await self._run("release", _RELEASE, self.keys[:3], [token])
                raise self.timed_out()
            await asyncio.sleep(self.poll)
            waited += self.poll
        renewer = asyncio.create_task(self._renew(token))
        try:
            yield
        finally:
            renewer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewer
            await self._run("release", _RELEASE, self.keys[:3], [token])

    async def _renew(self, token: str) -> None:
        while True:
            await asyncio.sleep(self.lease / 3)
            with contextlib.suppress(APIConnectionError):
                await self._run("renew", _RENEW, self.keys[:1], [_us(self.lease), token])
