"""One Redis call, tried again through a restart or a blip for a bounded time (see ``_redis_faults``)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from exotel_contacts.base._async._primitives import sleep

from ..redis_faults import OutageClock, is_blip, other_error, store_error

__all__ = ["ride_out"]

T = TypeVar("T")


async def ride_out(call: Callable[[], Awaitable[T]], *, url: str, what: str, limit: float) -> T:
    """``await call()``; through Redis blips for up to ``limit`` seconds, then StoreUnavailableError.

    ``what`` names the Redis user in the error (``"the shared rate limit"``, ``"the journal"``).
    """
    import redis  # noqa: PLC0415 - optional extra, present whenever a Redis URL is configured

    clock = OutageClock(limit)
    while True:
        try:
            return await call()
        except (redis.RedisError, ConnectionError) as exc:
            if not is_blip(exc):
                raise other_error(url, what, exc) from None
            wait = clock.next_wait(time.monotonic())
            if wait is None:
                raise store_error(url, what, exc, clock) from None
        await sleep(wait)
