"""Quiet by default, loud on request: the ``EXOTEL_LOG=info|debug`` switch (openai's ``OPENAI_LOG``);
see docs/guides/network-logging-tracing.md. Secrets are masked in every line (docs/decisions/0009).
"""

from __future__ import annotations

import base64
import logging
import os
import re
import sys
from collections.abc import Iterable, Mapping

import httpx

__all__ = [
    "LOG_VARIABLE",
    "REDACTED_HEADERS",
    "AttemptWatch",
    "http_logger",
    "log_attempt",
    "log_level",
    "request_secrets",
    "setup_logging",
]

#: The variable that turns the package's logging on.
LOG_VARIABLE = "EXOTEL_LOG"
#: Headers whose values never reach a log line.
REDACTED_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"})

logger = logging.getLogger("exotel_contacts")
#: One record per attempt, at INFO (headers at DEBUG).
http_logger = logging.getLogger("exotel_contacts.http")
_LEVELS = {"info": logging.INFO, "debug": logging.DEBUG}
_FORMAT = "[%(asctime)s %(name)s %(levelname)s] %(message)s"


def log_level(environ: Mapping[str, str] | None = None) -> int | None:
    """The level ``EXOTEL_LOG`` asks for, or ``None`` when it is unset or not ``info``/``debug``."""
    env = os.environ if environ is None else environ
    return _LEVELS.get(env.get(LOG_VARIABLE, "").strip().lower())


class _SwitchHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler ``EXOTEL_LOG`` adds (a class of its own, so it is added once)."""


def setup_logging(environ: Mapping[str, str] | None = None) -> None:
    """Silence stamina's event line on unconfigured applications; apply ``EXOTEL_LOG`` if set."""
    stamina_logger = logging.getLogger("stamina")
    if not any(isinstance(h, logging.NullHandler) for h in stamina_logger.handlers):
        stamina_logger.addHandler(logging.NullHandler())
    level = log_level(environ)
    if level is None:
        return
    if not any(isinstance(h, _SwitchHandler) for h in logger.handlers):
        handler = _SwitchHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(_FORMAT))
        logger.addHandler(handler)
    logger.setLevel(level)


def _shown_url(url: httpx.URL) -> str:
    return str(url.copy_with(username=None, password=None, query=None, fragment=None))


def request_secrets(request: httpx.Request) -> tuple[str, ...]:
    """The credentials ``request`` carries (its Authorization header's token, and a Basic pair's
    password), which a server or proxy may echo in any header of its answer."""
    kind, _, credential = request.headers.get("authorization", "").partition(" ")
    credential = credential.strip()
    if not credential:
        return ()
    found = [credential]
    if kind.lower() == "basic":
        try:
            password = base64.b64decode(credential, validate=True).decode("utf-8").partition(":")[2]
        except (ValueError, UnicodeDecodeError):
            password = ""
        if password:
            found.append(password)
    return tuple(found)


_SHORT = 8  # a secret shorter than this (a test token) is masked only where it stands alone


def _mask(value: str, secret: str) -> str:
    if len(secret) >= _SHORT:
        return value.replace(secret, "***")
    # Replacing every "t" of a one-letter token would garble the line and hide nothing.
    return re.sub(rf"(?<![A-Za-z0-9+/=]){re.escape(secret)}(?![A-Za-z0-9+/=])", "***", value)


def _headers(headers: Iterable[tuple[str, str]], secrets: tuple[str, ...]) -> str:
    shown = []
    for name, given in headers:
        value = "***" if name.lower() in REDACTED_HEADERS else given
        for secret in secrets:
            value = _mask(value, secret)
        shown.append(f"{name}: {value}")
    return ", ".join(shown)


class AttemptWatch:
    """One attempt's facts, filled in as it goes: the rate-limit wait, then the answer or the failure."""

    def __init__(self) -> None:
        self.quota_wait = 0.0
        self.elapsed = 0.0
        self.response: httpx.Response | None = None
        self.error: BaseException | None = None


def log_attempt(request: httpx.Request, attempt: int, watch: AttemptWatch) -> None:
    """The INFO line of one attempt (and its headers at DEBUG), when the logger would print it."""
    if not http_logger.isEnabledFor(logging.INFO):
        return
    response, error = watch.response, watch.error
    outcome = (
        f"{response.status_code} {response.reason_phrase}".strip()
        if response is not None
        else type(error).__name__
        if error is not None
        else "no answer"
    )
    http_logger.info(
        "%s %s -> %s (attempt %d, %.3f s, rate-limit wait %.3f s)",
        request.method,
        _shown_url(request.url),
        outcome,
        attempt,
        watch.elapsed,
        watch.quota_wait,
    )
    if http_logger.isEnabledFor(logging.DEBUG):
        secrets = request_secrets(request)
        http_logger.debug("request headers: %s", _headers(request.headers.multi_items(), secrets))
        if response is not None:
            http_logger.debug("answer headers: %s", _headers(response.headers.multi_items(), secrets))


setup_logging()
