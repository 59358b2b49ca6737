"""httpx transports that rate-limit and retry every request of every generated endpoint.

Which failures are replayed and why that is safe: see :mod:`exotel_contacts._retry` (the sets are in
:mod:`exotel_contacts._rules`). The rate limiter is consulted before every attempt, retries included,
so replays count against the account's quota.
"""

from __future__ import annotations

import httpx
import stamina

from .._limits import RateLimiter
from .._retry import ATTEMPTS, RetryableResponse, RetryPolicy, RetryState

__all__ = ["AsyncRetryTransport"]


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """Wraps an httpx transport: rate limit before each attempt, replay what is safe to replay."""

    def __init__(
        self,
        wrapped: httpx.AsyncBaseTransport | None = None,
        *,
        policy: RetryPolicy | None = None,
        limiter: RateLimiter | None = None,
    ) -> None:
        self.wrapped = wrapped if wrapped is not None else httpx.AsyncHTTPTransport()
        self.policy = policy if policy is not None else RetryPolicy()
        self.limiter = limiter

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request``, replaying it per the policy; the last answer is returned as is.

        The answer carries its attempt count in ``response.extensions[ATTEMPTS]``.
        """
        # Waits come from RetryState.decide (it returns the seconds to wait), so stamina's own back-off
        # settings never apply; the attempt cap is passed so stamina's test switch can honour it.
        state = RetryState(self.policy, request)
        try:
            async for attempt in stamina.retry_context(
                on=state.decide, attempts=self.policy.max_attempts, timeout=None
            ):
                with attempt:
                    state.begin_attempt()
                    if self.limiter is not None:
                        await self.limiter.acquire_async()
                    response = await self.wrapped.handle_async_request(request)
                    if state.should_replay(response):
                        # Read the body now: the last replayable answer is returned to the caller.
                        await response.aread()
                        await response.aclose()
                        raise RetryableResponse(response)
                    # Read the body inside the attempt: a connection dropped mid-answer raises here,
                    # where the policy can replay it when that is safe, not later in the caller.
                    await response.aread()
                    response.extensions[ATTEMPTS] = state.attempt
                    return response
        except RetryableResponse as exc:
            return exc.response
        raise AssertionError("unreachable: stamina yields until an attempt returns or raises")

    async def aclose(self) -> None:
        """Close the wrapped transport."""
        await self.wrapped.aclose()
