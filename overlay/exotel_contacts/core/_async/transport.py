"""httpx transports that rate-limit and retry every request of every generated endpoint (what is
replayed: :mod:`exotel_contacts.core.retry`). The limiter is consulted before every attempt, replays
included, and every answer's ``X-RateLimit-*`` headers go back to it."""

from __future__ import annotations

import math
import time
from collections.abc import AsyncIterator

import httpx
import stamina

from exotel_contacts.base._async._primitives import time_limit
from exotel_contacts.base.deadline import Deadline
from exotel_contacts.base.exceptions import InvalidResponseError
from exotel_contacts.base.families import Family
from exotel_contacts.base.rates import RATE_CLASS, RateClass, rate_class_of
from exotel_contacts.quota._async.limiter import AsyncRateLimiter
from exotel_contacts.quota.windows import Permit

from ..bodies import STREAMED, BoundedDecoder, Bounds, limit_timeouts, rebuilt
from ..logs import AttemptWatch
from ..otel import observe_attempt
from ..response import server_url
from ..retry import ATTEMPTS, RetryableResponse, RetryPolicy, RetryState

__all__ = ["AsyncRetryTransport", "aiter_decoded", "aread_bounded"]


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """Wraps an httpx transport: rate limit before each attempt, replay what is safe to replay.

    Every attempt, the whole answer included, ends by its deadline (``bounds.attempt_timeout``, or what
    is left of ``bounds.call_timeout``) as ``AttemptTimedOut`` (a ``ReadTimeout``: "sent, answer lost").
    The body is read here, decoded, within ``bounds.max_response_bytes`` (``AnswerTooLarge``, never
    replayed). Requests marked ``STREAMED`` (downloads) get one attempt and an unread body.
    """

    def __init__(
        self,
        wrapped: httpx.AsyncBaseTransport | None = None,
        *,
        policy: RetryPolicy | None = None,
        limiter: AsyncRateLimiter | None = None,
        bounds: Bounds | None = None,
        api: Family = "ccm",
    ) -> None:
        self.wrapped = wrapped if wrapped is not None else httpx.AsyncHTTPTransport()
        self.policy = policy if policy is not None else RetryPolicy()
        self.limiter = limiter
        self.bounds = bounds if bounds is not None else Bounds()
        self.api: Family = api

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request``, replaying it per the policy; the last answer (attempts in
        ``response.extensions[ATTEMPTS]``) is returned as is."""
        if request.extensions.get(STREAMED):
            with observe_attempt(request, self.api, 1) as watch:
                permit = await self._turn(request, math.inf, watch)
                try:
                    response = await self.wrapped.handle_async_request(request)
                finally:
                    await self._settle(permit)
                watch.response = response
            await self._observe(request, response)
            await self._check_location(request, response)
            return response
        # Waits come from RetryState.decide (it returns the seconds to wait), so stamina's own back-off
        # settings never apply; the attempt cap is passed so stamina's test switch can honour it.
        state = RetryState(self.policy, request, call_timeout=self.bounds.call_timeout)
        timeouts = dict(request.extensions.get("timeout") or {})
        try:
            async for attempt in stamina.retry_context(
                on=state.decide, attempts=self.policy.max_attempts, timeout=None
            ):
                with attempt, observe_attempt(request, self.api, state.attempt + 1) as watch:
                    state.begin_attempt()
                    permit = await self._turn(request, state.remaining(), watch)
                    try:
                        deadline = self.bounds.attempt_deadline(state, request)
                        limit_timeouts(request, deadline, timeouts)
                        async with time_limit(deadline, request):
                            response = await self.wrapped.handle_async_request(request)
                            # Read the body inside the attempt: a connection dropped mid-answer raises
                            # here, where the policy can replay it when that is safe, not in the caller.
                            response = await aread_bounded(
                                response, request, limit=self.bounds.max_response_bytes, deadline=deadline
                            )
                    finally:
                        await self._settle(permit)
                    watch.response = response
                    await self._observe(request, response)
                    if state.should_replay(response):
                        raise RetryableResponse(response)
                    response.extensions[ATTEMPTS] = state.attempt
                    return response
        except RetryableResponse as exc:
            return exc.response
        raise AssertionError("unreachable: stamina yields until an attempt returns or raises")

    async def _turn(self, request: httpx.Request, deadline: float, watch: AttemptWatch) -> Permit | None:
        # A turn of the request's family before each attempt; settled when the attempt is over.
        if self.limiter is None:
            return None
        started = time.monotonic()
        permit = await self.limiter.acquire(self._family(request), deadline=deadline)
        watch.quota_wait = time.monotonic() - started
        return permit

    def _family(self, request: httpx.Request) -> RateClass:
        # The operation's declared rate class (x-exotel-rate-family), else the default for its method.
        return rate_class_of(self.api, request.method, request.extensions.get(RATE_CLASS))

    async def _observe(self, request: httpx.Request, response: httpx.Response) -> None:
        # What the answer says of the account's limits (X-RateLimit-*), for the request's family.
        if self.limiter is not None:
            await self.limiter.observe(self._family(request), response.headers, response.status_code)

    async def _settle(self, permit: Permit | None) -> None:
        if self.limiter is not None:
            await self.limiter.settle(permit)

    @staticmethod
    async def _check_location(request: httpx.Request, response: httpx.Response) -> None:
        # httpx parses a redirect's Location before anyone can look at it, and fails with a
        # RemoteProtocolError that would be replayed; an unusable one is an unreadable answer instead.
        location = response.headers.get("location")
        if location is None or not 300 <= response.status_code < 400:
            return
        try:
            server_url(location, base=str(request.url), what="redirect")
        except InvalidResponseError as exc:
            await response.aclose()
            raise httpx.DecodingError(exc.message, request=request) from None

    async def aclose(self) -> None:
        """Close the wrapped transport."""
        await self.wrapped.aclose()


async def aiter_decoded(
    response: httpx.Response, request: httpx.Request, decoder: BoundedDecoder, deadline: Deadline
) -> AsyncIterator[list[bytes]]:
    """The body's decoded chunks (a list per chunk read), within the decoder's limit and before
    ``deadline``: else ``AnswerTooLarge`` (nothing more is read), ``AttemptTimedOut``, ``DecodingError``."""
    try:
        loaded = response.content
    except httpx.ResponseNotRead:
        pass
    else:
        # Already in memory and decoded (an in-process test transport built it from bytes).
        decoder.count(loaded)
        yield [loaded]
        return
    async for raw in response.aiter_raw():
        deadline.check(request)
        yield decoder.feed(raw)


async def aread_bounded(
    response: httpx.Response, request: httpx.Request, *, limit: int, deadline: Deadline
) -> httpx.Response:
    """``response`` with its body read, decoded within ``limit`` bytes and before ``deadline``; closed."""
    try:
        decoder = BoundedDecoder(request, response.headers.get("content-encoding"), limit)
        parts: list[bytes] = []
        async for chunks in aiter_decoded(response, request, decoder, deadline):
            parts.extend(chunks)
    finally:
        await response.aclose()
    return rebuilt(response, request, b"".join(parts))
