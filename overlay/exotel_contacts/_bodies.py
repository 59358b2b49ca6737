"""Reading an answer's body within bounds: a byte limit on what it decodes to, and a deadline.

httpx reads a body whole and inflates ``gzip``/``deflate`` without a limit, so a 2 GB answer, or 1 MB of
gzip that inflates to 1 GB, is held in memory before anyone can look at it; and its timeouts are per
read, so a server that sends one byte every few seconds is never cut off. Here the raw bytes are
inflated with zlib's ``max_length``, counted as they come, and refused the moment they pass
``limit`` (:class:`AnswerTooLarge`, nothing more is read), and the clock is checked after every chunk
(:class:`AttemptTimedOut`, a ``ReadTimeout``, so the replay rules treat it as "sent, answer lost").

Only what this client asks for is decoded: the clients send ``Accept-Encoding: gzip, deflate``, and any
other ``Content-Encoding`` is an answer it cannot read.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import AsyncIterator, Callable, Iterator

import httpx

__all__ = [
    "ACCEPT_ENCODING",
    "AnswerTooLarge",
    "AttemptTimedOut",
    "BoundedDecoder",
    "Deadline",
    "aread_bounded",
    "read_bounded",
]

#: The encodings :class:`BoundedDecoder` can inflate within a limit.
ACCEPT_ENCODING = "gzip, deflate"
_WBITS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}
_IDENTITY = "identity"


class AnswerTooLarge(httpx.DecodingError):
    """The answer decodes to more bytes than the client's limit; the rest was not read."""

    def __init__(self, limit: int, *, request: httpx.Request) -> None:
        super().__init__(
            f"the answer is larger than {limit} bytes (max_response_bytes / EXOTEL_MAX_RESPONSE_BYTES)",
            request=request,
        )
        self.limit = limit


class AttemptTimedOut(httpx.ReadTimeout):
    """The attempt's overall deadline passed while the answer was still arriving."""


class Deadline:
    """A point in time on ``clock``; ``remaining()`` seconds until it (never below 0)."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self.at = clock() + seconds

    def remaining(self) -> float:
        """Seconds left."""
        return max(0.0, self.at - self.clock())

    def check(self, request: httpx.Request, what: str = "attempt") -> None:
        """Raise :class:`AttemptTimedOut` once the deadline has passed."""
        if self.clock() >= self.at:
            raise AttemptTimedOut(
                f"the {what} took longer than its deadline of {self.seconds:g} s "
                "(attempt_timeout / EXOTEL_ATTEMPT_TIMEOUT, call_timeout / EXOTEL_CALL_TIMEOUT)",
                request=request,
            )


class _Inflate:
    """One zlib stream (gzip or deflate), inflating at most ``room`` bytes per call."""

    def __init__(self, wbits: int) -> None:
        self.wbits = wbits
        self.zlib = zlib.decompressobj(wbits)
        self.started = False

    def feed(self, data: bytes, room: int, out: list[bytes]) -> int:
        produced = 0
        while data:
            try:
                chunk = self.zlib.decompress(data, room - produced + 1)
            except zlib.error:
                if self.wbits == zlib.MAX_WBITS and not self.started:
                    # "deflate" is sent raw by some servers; retry the start without the zlib header.
                    self.wbits = -zlib.MAX_WBITS
                    self.zlib = zlib.decompressobj(self.wbits)
                    continue
                raise
            self.started = True
            produced += len(chunk)
            if produced > room:
                return produced
            if chunk:
                out.append(chunk)
            data = self.zlib.unconsumed_tail
            if self.zlib.eof and self.zlib.unused_data:
                # A second gzip member (concatenated files) starts a fresh stream.
                data = self.zlib.unused_data
                self.zlib = zlib.decompressobj(self.wbits)
        return produced


class BoundedDecoder:
    """Decodes a body's ``Content-Encoding`` chunk by chunk; refuses past ``limit`` decoded bytes."""

    def __init__(self, request: httpx.Request, content_encoding: str | None, limit: int) -> None:
        self.request = request
        self.limit = limit
        self.size = 0
        self._stages: list[_Inflate] = []
        codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
        for coding in reversed(codings):  # the last one applied is undone first
            wbits = _WBITS.get(coding)
            if wbits is not None:
                self._stages.append(_Inflate(wbits))
            elif coding != _IDENTITY:
                raise httpx.DecodingError(
                    f"the answer uses Content-Encoding {coding!r}, which this client did not ask for",
                    request=request,
                )

    def feed(self, raw: bytes) -> list[bytes]:
        """The decoded bytes of one raw chunk; :class:`AnswerTooLarge` past the limit."""
        chunks = [raw]
        try:
            for stage in self._stages:
                decoded: list[bytes] = []
                for chunk in chunks:
                    if stage.feed(chunk, self.limit - self.size, decoded) > self.limit - self.size:
                        raise AnswerTooLarge(self.limit, request=self.request)
                chunks = decoded
        except zlib.error as exc:
            message = f"the answer's compressed body is corrupt ({exc})"
            raise httpx.DecodingError(message, request=self.request) from None
        self.size += sum(len(chunk) for chunk in chunks)
        if self.size > self.limit:
            raise AnswerTooLarge(self.limit, request=self.request)
        return chunks


def _rebuilt(response: httpx.Response, content: bytes) -> httpx.Response:
    # The decoded body with headers that say so (no Content-Encoding; Content-Length recomputed).
    headers = [
        (k, v)
        for k, v in response.headers.multi_items()
        if k.lower() not in {"content-encoding", "content-length"}
    ]
    return httpx.Response(
        response.status_code,
        headers=headers,
        content=content,
        request=response.request,
        extensions=response.extensions,
    )


def read_bounded(response: httpx.Response, *, limit: int, deadline: Deadline) -> httpx.Response:
    """``response`` with its body read, decoded within ``limit`` and before ``deadline``; then closed."""
    request = response.request
    try:
        decoder = BoundedDecoder(request, response.headers.get("content-encoding"), limit)
        parts: list[bytes] = []
        raw_chunks: Iterator[bytes] = response.iter_raw()
        for raw in raw_chunks:
            deadline.check(request)
            parts.extend(decoder.feed(raw))
    finally:
        response.close()
    return _rebuilt(response, b"".join(parts))


async def aread_bounded(response: httpx.Response, *, limit: int, deadline: Deadline) -> httpx.Response:
    """Async twin of :func:`read_bounded`."""
    request = response.request
    try:
        decoder = BoundedDecoder(request, response.headers.get("content-encoding"), limit)
        parts: list[bytes] = []
        raw_chunks: AsyncIterator[bytes] = response.aiter_raw()
        async for raw in raw_chunks:
            deadline.check(request)
            parts.extend(decoder.feed(raw))
    finally:
        await response.aclose()
    return _rebuilt(response, b"".join(parts))
