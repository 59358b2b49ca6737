"""Client-side rate limit (per account, shared by every thread or task of a client) and upload slots."""

from __future__ import annotations

from pyrate_limiter import AbstractBucket, Duration, InMemoryBucket, Limiter, Rate

__all__ = ["DEFAULT_MAX_CONCURRENT_UPLOADS", "DEFAULT_RATE_PER_MINUTE", "RateLimiter"]

#: Exotel's documented limit: 200 requests per minute per account.
DEFAULT_RATE_PER_MINUTE = 200
#: Exotel's documented CCM limit: 5 uploads in progress per account.
DEFAULT_MAX_CONCURRENT_UPLOADS = 5


class RateLimiter:
    """Blocks until one more request fits the account's rate (pyrate-limiter underneath).

    The default bucket is in memory: it is shared by all threads and tasks using one client. To share
    one account's quota across processes, pass a pyrate-limiter bucket that lives outside the process,
    for example ``SQLiteBucket.init_from_file([Rate(200, Duration.MINUTE)], db_path=...)`` or a
    ``RedisBucket``. Items are keyed by account SID.
    """

    def __init__(
        self,
        account_sid: str,
        *,
        per_minute: int = DEFAULT_RATE_PER_MINUTE,
        bucket: AbstractBucket | None = None,
    ) -> None:
        self.account_sid = account_sid
        self.bucket = bucket if bucket is not None else InMemoryBucket([Rate(per_minute, Duration.MINUTE)])
        self.limiter = Limiter(self.bucket)

    def __repr__(self) -> str:
        return f"RateLimiter(account_sid={self.account_sid!r}, bucket={type(self.bucket).__name__})"

    def acquire(self) -> None:
        """Wait (blocking the thread) until a request may be sent."""
        self.limiter.try_acquire(self.account_sid, blocking=True)

    async def acquire_async(self) -> None:
        """Wait (without blocking the event loop) until a request may be sent."""
        await self.limiter.try_acquire_async(self.account_sid, blocking=True)

    def close(self) -> None:
        """Stop the limiter's background leak task."""
        self.limiter.close()
