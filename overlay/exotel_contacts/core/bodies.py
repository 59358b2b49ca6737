"""Reading an answer's body within bounds: a byte limit on what it decodes to, and a deadline
(docs/decisions/0010-bounds-where-httpx-has-none.md).
"""

from __future__ import annotations

import zlib

import attrs
import httpx

from exotel_contacts.base.deadline import Deadline

from .config import (
    DEFAULT_ATTEMPT_TIMEOUT,
    DEFAULT_CALL_TIMEOUT,
    DEFAULT_MAX_DOWNLOAD_BYTES,
    DEFAULT_MAX_RESPONSE_BYTES,
    ClientConfig,
)
from .retry import RetryState

__all__ = [
    "ACCEPT_ENCODING",
    "STREAMED",
    "AnswerTooLarge",
    "BoundedDecoder",
    "Bounds",
    "limit_timeouts",
    "rebuilt",
]

#: Request extension: the caller reads (and replays) the body itself, streaming; the transport must not.
STREAMED = "exotel_contacts.streamed"
#: The encodings :class:`BoundedDecoder` can inflate within a limit.
ACCEPT_ENCODING = "gzip, deflate"
_WBITS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}
# Inflate at most this much per call: memory stays at what was decoded so far, plus one step.
_STEP = 256 * 1024


class AnswerTooLarge(httpx.DecodingError):
    """The answer decodes to more bytes than the client's limit; the rest was not read."""

    def __init__(self, limit: int, *, setting: str, request: httpx.Request) -> None:
        super().__init__(
            f"the answer is larger than {limit} bytes ({setting} / EXOTEL_{setting.upper()})", request=request
        )
        self.limit = limit
        self.setting = setting


@attrs.frozen
class Bounds:
    """The limits every exchange of a client keeps (see :class:`~exotel_contacts.ClientConfig`)."""

    attempt_timeout: float = DEFAULT_ATTEMPT_TIMEOUT
    call_timeout: float = DEFAULT_CALL_TIMEOUT
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    max_download_bytes: int = DEFAULT_MAX_DOWNLOAD_BYTES

    @classmethod
    def of(cls, config: ClientConfig) -> Bounds:
        """The bounds a configuration sets."""
        return cls(**{field.name: getattr(config, field.name) for field in attrs.fields(cls)})

    def attempt_deadline(self, state: RetryState, request: httpx.Request) -> Deadline:
        """The deadline of the attempt about to start: its own, or what is left of the call's."""
        seconds = min(self.attempt_timeout, state.remaining())
        if seconds <= 0:
            # Nothing was sent: a "never left" failure, so no replay rule treats it as maybe-acted.
            raise httpx.ConnectTimeout(
                f"the call's deadline of {self.call_timeout:g} s passed before this attempt could start "
                "(call_timeout / EXOTEL_CALL_TIMEOUT)",
                request=request,
            )
        return Deadline(seconds, state.policy.clock)


def limit_timeouts(request: httpx.Request, deadline: Deadline, original: dict[str, float | None]) -> None:
    """Cap the request's connect/read/write/pool timeouts at the time left before ``deadline`` (sync
    clients rely on this and on the check after each chunk)."""
    left = deadline.remaining()
    capped: dict[str, float] = {}
    for key in original.keys() or ("connect", "read", "write", "pool"):
        value = original.get(key)
        capped[key] = left if value is None else min(value, left)
    request.extensions["timeout"] = capped


class _Inflate:
    """One zlib stream (gzip or deflate), inflating at most ``room`` bytes per call."""

    def __init__(self, wbits: int) -> None:
        self.wbits = wbits
        self.zlib = zlib.decompressobj(wbits)
        self.started = False

    def feed(self, data: bytes, room: int, out: list[bytes]) -> int:
        """Inflate ``data`` into ``out``; the bytes produced (more than ``room``: stopped there)."""
        produced = 0
        while True:
            step = min(room - produced + 1, _STEP)
            try:
                chunk = self.zlib.decompress(data, step)
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
            if self.zlib.eof:
                if not self.zlib.unused_data:
                    return produced
                # A second gzip member (concatenated files) starts a fresh stream.
                data = self.zlib.unused_data
                self.zlib = zlib.decompressobj(self.wbits)
            elif not data and len(chunk) < step:
                return produced  # all input taken and no output held back


class BoundedDecoder:
    """Decodes a body's ``Content-Encoding`` chunk by chunk; refuses past ``limit`` decoded bytes."""

    def __init__(
        self,
        request: httpx.Request,
        content_encoding: str | None,
        limit: int,
        *,
        setting: str = "max_response_bytes",
    ) -> None:
        self.request = request
        self.limit = limit
        self.setting = setting
        self.size = 0
        self._stages: list[_Inflate] = []
        codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
        for coding in reversed(codings):  # the last one applied is undone first
            wbits = _WBITS.get(coding)
            if wbits is not None:
                self._stages.append(_Inflate(wbits))
            elif coding != "identity":
                raise httpx.DecodingError(
                    f"the answer uses Content-Encoding {coding!r}, which this client did not ask for",
                    request=request,
                )

    def count(self, decoded: bytes) -> None:
        """Count bytes decoded elsewhere; :class:`AnswerTooLarge` past the limit."""
        self.size += len(decoded)
        if self.size > self.limit:
            raise AnswerTooLarge(self.limit, setting=self.setting, request=self.request)

    def feed(self, raw: bytes) -> list[bytes]:
        """The decoded bytes of one raw chunk; :class:`AnswerTooLarge` past the limit."""
        chunks = [raw]
        try:
            for stage in self._stages:
                decoded: list[bytes] = []
                for chunk in chunks:
                    if stage.feed(chunk, self.limit - self.size, decoded) > self.limit - self.size:
                        raise AnswerTooLarge(self.limit, setting=self.setting, request=self.request)
                chunks = decoded
        except zlib.error as exc:
            message = f"the answer's compressed body is corrupt ({exc})"
            raise httpx.DecodingError(message, request=self.request) from None
        for chunk in chunks:
            self.count(chunk)
        return chunks


def rebuilt(response: httpx.Response, request: httpx.Request, content: bytes) -> httpx.Response:
    """``response`` with its decoded body, and headers that say so (no Content-Encoding, new length)."""
    dropped = {"content-encoding", "content-length"}
    headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in dropped]
    return httpx.Response(
        response.status_code,
        headers=headers,
        content=content,
        request=request,
        extensions=response.extensions,
    )
