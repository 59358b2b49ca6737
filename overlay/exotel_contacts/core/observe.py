"""What the retry transports tell about each attempt: the ``EXOTEL_LOG`` line and the OpenTelemetry span.

The transports call :func:`observe_attempt` around every attempt; one place, so the log line and the
span always agree on what happened.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

import httpx

from exotel_contacts.base.rates import rate_class_of

from .logs import log_attempt
from .otel import attempt_span, record_attempt

__all__ = ["AttemptWatch", "observe_attempt"]


class AttemptWatch:
    """One attempt's facts, filled in as it goes: the rate-limit wait, then the answer."""

    def __init__(self) -> None:
        self.quota_wait = 0.0
        self.response: httpx.Response | None = None

    def waited(self, started: float) -> None:
        """The rate limiter held the attempt since ``started`` (``time.monotonic()``)."""
        self.quota_wait = time.monotonic() - started

    def answered(self, response: httpx.Response) -> None:
        """The attempt's answer (it may still be replayed)."""
        self.response = response


@contextlib.contextmanager
def observe_attempt(request: httpx.Request, api: str, attempt: int) -> Iterator[AttemptWatch]:
    """Log and trace one attempt; a failure raised inside is recorded as its outcome, then re-raised."""
    watch = AttemptWatch()
    started = time.monotonic()
    error: BaseException | None = None
    with attempt_span(request, api, attempt, rate_class_of(api, request.method)) as span:  # type: ignore[arg-type]
        try:
            yield watch
        except BaseException as exc:
            error = exc
            raise
        finally:
            elapsed = time.monotonic() - started
            # A replayed answer is raised as RetryableResponse after it was recorded: its status counts.
            failure = None if watch.response is not None else error
            record_attempt(
                span,
                request,
                api=api,
                attempt=attempt,
                elapsed=elapsed,
                quota_wait=watch.quota_wait,
                response=watch.response,
                error=failure,
            )
            log_attempt(
                request,
                attempt=attempt,
                elapsed=elapsed,
                quota_wait=watch.quota_wait,
                response=watch.response,
                error=failure,
            )
