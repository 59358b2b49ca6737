"""One account's quota shared through Redis: the Lua scripts, their keys, and the connections.

Each decision is one script, atomic and timed by the Redis server's clock; the waiting is in
:mod:`.._async.limiter`. Why a script of our own: docs/decisions/0026-shared-quota-lua-script.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import attrs

from exotel_contacts.base.exceptions import ConfigurationError

if TYPE_CHECKING:
    import redis
    import redis.asyncio as aredis

__all__ = [
    "ACQUIRE",
    "CONFIRM",
    "LEARNED_TTL",
    "RELEASE",
    "RENEW",
    "RESERVE",
    "SETTLE",
    "RedisQuotaKeys",
    "connect",
    "connect_async",
    "redact_url",
    "us",
]

#: Seconds for each Redis operation; an unanswered Redis ends in APIConnectionError, never a hang.
REDIS_TIMEOUT: Final = 5.0
#: Seconds a learned limit lives in Redis unless an answer states it again (a worker rewrites it sooner).
LEARNED_TTL: Final = 3600

_NOW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
"""


def _limit(follow: int) -> str:
    """Lua reading ARGV[1] limit, ARGV[2] window, and KEYS[2], the limit a worker learned from the
    server's headers: it replaces ``limit`` when ARGV[follow] is 1 (a default), else may only lower it."""
    return f"""local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local learned = redis.call('GET', KEYS[2])
if learned then
  learned = tonumber(learned)
  if learned and learned >= 1 and (ARGV[{follow}] == '1' or learned < limit) then
    limit = learned
  end
end
"""


# KEYS[1]: sorted set of send times (microseconds, server clock), booked or confirmed, per request.
# Booking: the earliest time at which one more request fits, by the times known now.
# ARGV: limit, window (us), max wait (us), ticket, follow. Returns {granted 0/1, wait (us), booked time (us)}.
RESERVE: Final = (
    _NOW
    + _limit(5)
    + """redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
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
)

# Confirming, right before the request leaves (docs/decisions/0026): the ticket moves to now, and goes only
# if fewer than `limit` others were sent in the window before it; else it is booked when one leaves.
# ARGV: limit, window (us), ticket, follow. Returns {sent 0/1, extra wait (us), time (us)}.
CONFIRM: Final = (
    _NOW
    + _limit(4)
    + """redis.call('ZREM', KEYS[1], ARGV[3])
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
)

# Settling, when the answer is back: the ticket moves to now if that is later (the server counted it then).
# ARGV: window (us), ticket.
SETTLE: Final = (
    _NOW
    + """local at = redis.call('ZSCORE', KEYS[1], ARGV[2])
if at and tonumber(at) < now then
  redis.call('ZADD', KEYS[1], now, ARGV[2])
  redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[1]) / 1000) + 1000)
end
return 1
"""
)

# KEYS: holders (token -> lease end), queue (token -> ticket), alive (token -> waiter deadline), ticket.
# ARGV: capacity, lease (us), waiter ttl (us), token. Returns 1 when the token holds a slot, else 0.
ACQUIRE: Final = (
    _NOW
    + """local capacity = tonumber(ARGV[1])
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
)

# KEYS[1] holders. ARGV: lease (us), token. Returns 1 when the lease was extended, 0 when it was lost.
RENEW: Final = (
    _NOW
    + """if redis.call('ZSCORE', KEYS[1], ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[2])
  return 1
end
return 0
"""
)

# KEYS: holders, queue, alive. ARGV: token.
RELEASE: Final = """
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


def connect(url: str) -> redis.Redis:
    """A redis-py client for ``url`` (nothing is sent yet) with finite timeouts."""
    client: redis.Redis = _connect(url, asynchronous=False)
    return client


def connect_async(url: str) -> aredis.Redis:
    """A redis-py asyncio client for ``url`` (nothing is sent yet) with finite timeouts."""
    client: aredis.Redis = _connect(url, asynchronous=True)
    return client


def _connect(url: str, *, asynchronous: bool) -> Any:
    if urlsplit(url).scheme not in ("redis", "rediss", "unix"):
        raise ConfigurationError(
            f"EXOTEL_REDIS_URL must be a redis://, rediss:// or unix:// URL, got {redact_url(url)!r}"
        )
    try:
        import redis  # noqa: PLC0415 - optional extra, imported only when a Redis URL is configured
    except ImportError:
        raise ConfigurationError(
            "A Redis URL is configured but the redis package is not installed",
            how_to_fix="pip install 'exotel-contacts[redis]'",
        ) from None
    kind = redis.asyncio.Redis if asynchronous else redis.Redis
    try:
        return kind.from_url(url, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT)
    except ValueError as exc:
        raise ConfigurationError(f"Cannot use the Redis URL {redact_url(url)!r}: {exc}") from None


@attrs.frozen
class RedisQuotaKeys:
    """The keys of one account's shared quota; one hash tag, so they sit in one Redis Cluster slot."""

    account_sid: str
    prefix: str = "exotel-contacts"

    def rate(self, family: str) -> str:
        """The sorted set of one family's reserved send times."""
        return f"{self.prefix}:{{{self.account_sid}}}:rate:{family}"

    def learned(self, family: str) -> str:
        """The limit one family's answers stated (``X-RateLimit-Limit``), shared by every worker."""
        return f"{self.prefix}:{{{self.account_sid}}}:limit:{family}"

    @property
    def slots(self) -> list[str]:
        """Holders, queue, alive and ticket keys of the upload slots."""
        base = f"{self.prefix}:{{{self.account_sid}}}:uploads"
        return [f"{base}:holders", f"{base}:queue", f"{base}:alive", f"{base}:ticket"]


def us(seconds: float) -> int:
    """Seconds as whole microseconds (the scripts' unit)."""
    return round(seconds * 1_000_000)
