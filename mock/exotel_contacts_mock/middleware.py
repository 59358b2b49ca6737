"""ASGI middleware in front of the public API: fault injection, last-resort envelope."""

from __future__ import annotations

import asyncio
import json
import logging
import random
import re
import threading
from urllib.parse import unquote

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .config import FAULT_KINDS, MockConfig
from .envelope import MockError, error_body

__all__ = ["ConnectionDropped", "EnvelopeGuard", "FaultInjection", "send_error"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
logger = logging.getLogger(__name__)


class ConnectionDropped(Exception):
    """Raised after a partial answer so that the server closes the connection mid-response."""


async def send_error(send: Send, method: str, error: MockError) -> None:
    """Send `error` as a complete envelope answer."""
    body = json.dumps(error_body(method, error.status, error.code, error.description)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in error.headers.items()]
    await send({"type": "http.response.start", "status": error.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _drop(send: Send) -> None:
    # Headers promising a body that never comes, then an exception: uvicorn closes the socket and
    # the client sees a protocol error (incomplete message), as after a dropped connection.
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"64")]})
    raise ConnectionDropped("fault injection: connection dropped")


def _path_keeping_slashes(scope: Scope) -> str:
    """The path as the server decoded it, but an encoded slash (`%2F`) left encoded.

    Decoded, `/v2/accounts/a%2Fb/lists` is `/v2/accounts/a/b/lists`, which routes nowhere: a 404 that
    the operation does not declare. Left encoded, the id `a%2Fb` reaches its operation and is answered
    like any other unknown id (403 for an account, 404 for a list).
    """
    raw = scope.get("raw_path")
    if not raw or b"%2f" not in raw.lower():
        return str(scope["path"])
    text = raw.decode("latin-1").split("?", 1)[0]
    return unquote(re.sub("%2[fF]", "%252F", text))


class EnvelopeGuard:
    """Outermost: any exception before the answer starts becomes a 500 envelope; oversized JSON is 413."""

    def __init__(self, app: ASGIApp, config: MockConfig) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        path = _path_keeping_slashes(scope)
        if _CONTROL.search(path):
            # The router's patterns stop at a line break, so an id holding one would miss its route
            # (404 on a POST, which the spec does not declare). Escaped, it reaches its operation and
            # is answered there like any other unknown id (403 for an account, 404 for an upload).
            path = _CONTROL.sub(lambda m: f"%{ord(m.group()):02X}", path)
        if path != scope["path"]:
            scope = {**scope, "path": path}
        headers = dict(scope["headers"])
        if b"json" in headers.get(b"content-type", b""):
            length = headers.get(b"content-length", b"0")
            if length.isdigit() and int(length) > self.config.max_json_bytes:
                await send_error(send, method, MockError(413, "The request body is too large"))
                return
        started = False

        async def send_(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, send_)
        except ConnectionDropped:
            raise
        except Exception:
            logger.exception("unhandled error")
            if started:
                raise
            await send_error(send, method, MockError(500, "Retry the request", code=1100))


class FaultInjection:
    """Seeded faults (see `config.FAULT_KINDS`) on the public API; never on `/_mock` routes."""

    def __init__(self, app: ASGIApp, config: MockConfig) -> None:
        self.app = app
        self.config = config
        self._random = random.Random(config.seed)  # noqa: S311 - repeatable faults, not security
        self._lock = threading.Lock()
        self._rates = [(kind, config.fault_rate(kind)) for kind in FAULT_KINDS]
        self.injected: list[str] = []
        """The kinds injected so far, in order (tests read it)."""

    def draw(self) -> str | None:
        """The fault for the next request, or None."""
        with self._lock:
            point = self._random.random()
        for kind, rate in self._rates:
            if point < rate:
                self.injected.append(kind)
                return kind
            point -= rate
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/_mock") or not self.config.fault_rates:
            await self.app(scope, receive, send)
            return
        kind = self.draw()
        method = scope["method"]
        retry = {"Retry-After": str(self.config.retry_after_seconds)}
        if kind == "429":
            await send_error(
                send, method, MockError(429, "Rate limit exceeded (injected)", code=429, headers=retry)
            )
        elif kind == "500":
            await send_error(send, method, MockError(500, "Retry the request (injected)", code=1100))
        elif kind == "502":
            await send_error(
                send, method, MockError(502, "Upstream service unavailable (injected)", code=1100)
            )
        elif kind == "503":
            await send_error(
                send, method, MockError(503, "Service temporarily down (injected)", code=1100, headers=retry)
            )
        elif kind == "drop":
            await _drop(send)
        elif kind == "lost_response":
            await self._lose_answer(scope, receive, send)
        else:
            if kind == "latency":
                await asyncio.sleep(self.config.fault_latency_seconds)
            await self.app(scope, receive, send)

    async def _lose_answer(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def discard(message: Message) -> None:
            return None

        await self.app(scope, receive, discard)
        await _drop(send)
