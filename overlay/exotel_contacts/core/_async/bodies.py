"""Reading an answer's body within its bounds (size decoded, and the attempt's deadline).

The limits and the decoder are in :mod:`exotel_contacts.core.bodies`; these are the loops that apply them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx

from ..bodies import BoundedDecoder, Deadline, rebuilt

__all__ = ["aiter_decoded", "aread_bounded"]


async def aiter_decoded(
    response: httpx.Response, request: httpx.Request, decoder: BoundedDecoder, deadline: Deadline
) -> AsyncIterator[list[bytes]]:
    """The body's decoded chunks (a list per chunk read), within the decoder's limit and before ``deadline``.

    Raises ``AnswerTooLarge`` (nothing more is read), ``AttemptTimedOut``, or ``httpx.DecodingError``.
    """
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
