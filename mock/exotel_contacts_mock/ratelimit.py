"""Exotel's rate limits as the mock enforces them.

Exotel's rate-limiting page: limits are per account and per API category (CCM 200 requests a minute,
Campaign writes 30, Campaign reads 300), "Rate limits shown are default values. Enterprise accounts
may have custom limits"; every answer carries ``X-RateLimit-Limit``, ``X-RateLimit-Remaining`` and
``X-RateLimit-Reset`` (epoch seconds when the window resets); a request over the limit gets 429 with
``Retry-After`` and, depending on the API's generation, the v2 envelope, a v1 ``RestException`` body
or the voice legs API's body.

Here each account and category has a fixed window of ``rate_window`` seconds that starts with the
first request after the previous one ended (so N+1 quick requests always meet the limit, whatever the
clock says). Refused requests are not counted. Limits and the 429 shape are set per account by
``MockConfig`` (the command line's ``--account-rate-limit``) or the admin API
(``PUT /_mock/accounts/{sid}/rate-limits``). Reset is whole epoch seconds; with a scaled window under
10 s it carries milliseconds, or the rounding would be most of the window.
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
from collections.abc import Mapping
from typing import Any, Final

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .config import MockConfig
from .envelope import error_body, new_request_id

__all__ = [
    "CATEGORIES",
    "MAX_LIMIT",
    "SHAPES",
    "RateLimit",
    "category_of",
    "parse_account_limit",
    "rate_body",
]

CATEGORIES: Final = ("ccm", "campaign", "reads")
"""What one limit counts: CCM requests, Campaign writes, Campaign reads (the client's quota families)."""
SHAPES: Final = ("envelope", "rest", "legs")
"""429 bodies: the v2 envelope, the v1 ``RestException``, the voice legs API's ``response.error``."""
MAX_LIMIT: Final = 1_000_000

_ACCOUNT = re.compile(r"^/v2/accounts/([^/]+)/")
_CCM = re.compile(r"^/v2/accounts/[^/]+/contacts/upload(?:/|$)")
_ACCOUNT_LIMIT = re.compile(r"(?P<sid>[^:=\s]+):(?P<category>[a-z]+)=(?P<limit>[0-9]{1,7})", re.ASCII)


def category_of(method: str, path: str) -> str | None:
    """The category a request counts against, or None (not an account's API path)."""
    if not _ACCOUNT.match(path):
        return None
    if _CCM.match(path):
        return "ccm"
    return "reads" if method.upper() in ("GET", "HEAD") else "campaign"


def parse_account_limit(text: str) -> tuple[str, str, int]:
    """``SID:CATEGORY=LIMIT`` (``--account-rate-limit``) as a tuple; ValueError naming what is wrong."""
    match = _ACCOUNT_LIMIT.fullmatch(text.strip(" \t"))
    if match is None or match["category"] not in CATEGORIES:
        raise ValueError(
            f"expected SID:CATEGORY=LIMIT with CATEGORY one of {', '.join(CATEGORIES)}, got {text!r}"
        )
    return match["sid"], match["category"], int(match["limit"])


def rate_body(shape: str, method: str, retry_after: int) -> dict[str, Any]:
    """The 429 body in ``shape`` (see :data:`SHAPES`)."""
    message = f"Rate limit exceeded. Try again in {retry_after} seconds."
    if shape == "rest":
        return {"RestException": {"Status": 429, "Message": message, "Code": "RATE_LIMIT_EXCEEDED"}}
    if shape == "legs":
        return {
            "request_id": new_request_id(),
            "http_code": 429,
            "response": {"error": {"code": "rate_limit_exceeded", "message": message}},
        }
    return error_body(method, 429, 429, message)


class RateLimit:
    """ASGI middleware: each account's windows per category, the headers, and the 429s."""

    def __init__(self, app: ASGIApp, config: MockConfig) -> None:
        self.app = app
        self.window = config.rate_window
        self.defaults = config.category_limits()
        self.shape = config.rate_limit_shape
        self._limits: dict[tuple[str, str], int] = {(s, c): n for s, c, n in config.account_rate_limits}
        self._shapes: dict[str, str] = {}
        self._windows: dict[tuple[str, str], list[float]] = {}
        self._lock = threading.Lock()

    def limit(self, account: str, category: str) -> int:
        """Requests per window for ``account`` in ``category`` (0: not limited)."""
        return self._limits.get((account, category), self.defaults[category])

    def describe(self, account: str) -> dict[str, Any]:
        """The account's limits, 429 shape and window (what the admin API answers)."""
        return {
            "limits": {c: self.limit(account, c) for c in CATEGORIES},
            "shape": self._shapes.get(account, self.shape),
            "window_seconds": self.window,
        }

    def configure(self, account: str, data: Mapping[str, Any]) -> None:
        """Apply ``{"limits": {category: n or null}, "shape": name}``; ValueError when it is wrong."""
        limits = data.get("limits", {})
        shape = data.get("shape")
        if not isinstance(limits, dict) or (shape is not None and shape not in SHAPES):
            raise ValueError(f"limits must be an object and shape one of {', '.join(SHAPES)}")
        for category, limit in limits.items():
            ok = limit is None or (isinstance(limit, int) and not isinstance(limit, bool) and limit >= 0)
            if category not in CATEGORIES or not ok or (limit or 0) > MAX_LIMIT:
                raise ValueError(f"limits takes {', '.join(CATEGORIES)}, each 0..{MAX_LIMIT} or null")
        with self._lock:
            for category, limit in limits.items():
                if limit is None:
                    self._limits.pop((account, category), None)
                else:
                    self._limits[(account, category)] = limit
                self._windows.pop((account, category), None)
            if shape is not None:
                self._shapes[account] = shape

    def count(self, account: str, category: str) -> tuple[bool, int, int, float]:
        """Count one request: (allowed, limit, remaining, seconds until the window resets)."""
        now = time.monotonic()
        with self._lock:
            limit = self.limit(account, category)
            window = self._windows.get((account, category))
            if window is None or now >= window[0] + self.window:
                window = self._windows[(account, category)] = [now, 0]
            allowed = window[1] < limit
            if allowed:
                window[1] += 1
            return allowed, limit, int(limit - window[1]), window[0] + self.window - now

    def _reset(self, left: float) -> str:
        at = time.time() + left
        return str(math.ceil(at)) if self.window >= 10 else f"{math.ceil(at * 1000) / 1000:.3f}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        match = _ACCOUNT.match(scope["path"]) if scope["type"] == "http" else None
        category = category_of(scope["method"], scope["path"]) if match is not None else None
        if match is None or category is None or self.limit(match.group(1), category) <= 0:
            await self.app(scope, receive, send)
            return
        account = match.group(1)
        allowed, limit, remaining, left = self.count(account, category)
        headers = [
            (b"x-ratelimit-limit", str(limit).encode()),
            (b"x-ratelimit-remaining", str(remaining).encode()),
            (b"x-ratelimit-reset", self._reset(left).encode()),
        ]
        if not allowed:
            retry_after = max(1, math.ceil(left))
            with self._lock:
                shape = self._shapes.get(account, self.shape)
            body = json.dumps(rate_body(shape, scope["method"], retry_after)).encode()
            headers += [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", str(retry_after).encode()),
            ]
            await send({"type": "http.response.start", "status": 429, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *headers]}
            await send(message)

        await self.app(scope, receive, with_headers)
