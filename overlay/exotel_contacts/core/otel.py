"""What the retry transports tell about each attempt (the ``EXOTEL_LOG`` line, OpenTelemetry spans and
metrics with the ``otel`` extra), and the spans of whole jobs; no-ops without the extra or a provider.
Span names, attributes and metrics: docs/guides/network-logging-tracing.md.
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import httpx

from exotel_contacts._version import __version__
from exotel_contacts.base.rates import rate_class_of

from .logs import AttemptWatch, log_attempt

if TYPE_CHECKING:
    from opentelemetry.trace import Span

try:
    from opentelemetry import metrics as _metrics
    from opentelemetry import trace as _trace
except ImportError:  # the extra is not installed
    _metrics = None  # type: ignore[assignment]
    _trace = None  # type: ignore[assignment]

__all__ = [
    "ENABLED",
    "ROUTE",
    "JobSpan",
    "attempt_span",
    "job_span",
    "observe_attempt",
    "report_bulk",
    "report_import",
    "report_sync",
]

#: Whether ``opentelemetry-api`` could be imported.
ENABLED = _trace is not None
#: Request extension carrying the route template (``/v2/accounts/{account_sid}/...``) to the transport.
ROUTE = "exotel_contacts.route"
_SCOPE = "exotel_contacts"


class _Instruments:
    def __init__(self, metrics: Any) -> None:
        meter = metrics.get_meter(_SCOPE, __version__)
        self.requests = meter.create_counter("exotel.requests", unit="{request}", description="Attempts sent")
        self.retries = meter.create_counter(
            "exotel.retries", unit="{request}", description="Attempts after the first"
        )
        self.rate_limited = meter.create_counter(
            "exotel.rate_limited", unit="{request}", description="429 answers"
        )
        self.duration = meter.create_histogram(
            "exotel.request.duration", unit="s", description="Attempt duration"
        )
        self.rows = meter.create_counter("exotel.rows", unit="{row}", description="Rows by job and outcome")


@functools.cache
def _get() -> _Instruments:
    # Created on first use: the application may set its meter provider after this module is imported.
    return _Instruments(_metrics)


def attempt_span(
    request: httpx.Request, api: str, attempt: int
) -> contextlib.AbstractContextManager[Span | None]:
    """A client span around one attempt (yields ``None`` without the extra)."""
    if _trace is None or isinstance(_trace.get_tracer_provider(), _trace.ProxyTracerProvider):
        return contextlib.nullcontext()  # no extra, or no SDK set up: nothing would record the span
    route = request.extensions.get(ROUTE)
    attributes: dict[str, Any] = {
        "http.request.method": request.method,
        "server.address": request.url.host,
        "exotel.api": api,
        "exotel.rate_family": rate_class_of(api, request.method),  # type: ignore[arg-type]
        "exotel.attempt": attempt,
    }
    if request.url.port is not None:
        attributes["server.port"] = request.url.port
    if isinstance(route, str):
        attributes["url.template"] = route
    if attempt > 1:
        attributes["http.request.resend_count"] = attempt - 1
    tracer = _trace.get_tracer(_SCOPE, __version__)
    return tracer.start_as_current_span(
        f"{request.method} {route}" if isinstance(route, str) else request.method,
        kind=_trace.SpanKind.CLIENT,
        attributes=attributes,
        record_exception=False,
        set_status_on_exception=False,
    )


def _record(span: Span | None, request: httpx.Request, api: str, attempt: int, watch: AttemptWatch) -> None:
    # Finish an attempt's span (status, wait, error) and count it in the metrics.
    if _trace is None:
        return
    response, error = watch.response, watch.error
    outcome: dict[str, Any] = {}
    if response is not None:
        outcome["http.response.status_code"] = response.status_code
    elif error is not None:
        outcome["error.type"] = type(error).__name__
    labels = {"exotel.api": api, "http.request.method": request.method, **outcome}
    if span is not None:
        span.set_attributes({"exotel.quota_wait_s": watch.quota_wait, **outcome})
        if response is not None and response.status_code >= 400:
            span.set_attribute("error.type", str(response.status_code))
            span.set_status(_trace.Status(_trace.StatusCode.ERROR))
        elif response is None and error is not None:
            span.set_status(_trace.Status(_trace.StatusCode.ERROR, type(error).__name__))
    found = _get()
    found.requests.add(1, labels)
    found.duration.record(watch.elapsed, labels)
    if attempt > 1:
        found.retries.add(1, labels)
    if response is not None and response.status_code == 429:
        found.rate_limited.add(1, labels)


@contextlib.contextmanager
def observe_attempt(request: httpx.Request, api: str, attempt: int) -> Iterator[AttemptWatch]:
    """Log and trace one attempt (one place, so the log line and the span agree); a failure raised
    inside is recorded as its outcome, then re-raised."""
    watch = AttemptWatch()
    started = time.monotonic()
    with attempt_span(request, api, attempt) as span:
        try:
            yield watch
        except BaseException as exc:
            # A replayed answer is raised as RetryableResponse after it was recorded: its status counts.
            watch.error = None if watch.response is not None else exc
            raise
        finally:
            watch.elapsed = time.monotonic() - started
            _record(span, request, api, attempt, watch)
            log_attempt(request, attempt, watch)


class JobSpan:
    """What a job reports when it ends (a no-op without the extra)."""

    def __init__(self, span: Span | None, job: str) -> None:
        self._span = span
        self._job = job

    def set(self, **attributes: int | str | bool | float) -> None:
        """Attributes of the job (rows, parts, ...), each prefixed ``exotel.``."""
        if self._span is not None:
            self._span.set_attributes({f"exotel.{key}": value for key, value in attributes.items()})

    def rows(self, outcomes: Mapping[str, int]) -> None:
        """Rows by outcome: span attributes ``exotel.rows.<outcome>``, and the ``exotel.rows`` metric."""
        if _trace is None:
            return
        counter = _get().rows
        for outcome, count in outcomes.items():
            if self._span is not None:
                self._span.set_attribute(f"exotel.rows.{outcome}", count)
            if count:
                counter.add(count, {"exotel.job": self._job, "exotel.outcome": outcome})


@contextlib.contextmanager
def job_span(job: str, **attributes: int | str | bool | float) -> Iterator[JobSpan]:
    """A span around a whole job (``exotel.<job>``); the requests it sends are its children."""
    if _trace is None:
        yield JobSpan(None, job)
        return
    tracer = _trace.get_tracer(_SCOPE, __version__)
    with tracer.start_as_current_span(
        f"exotel.{job}", attributes={f"exotel.{key}": value for key, value in attributes.items()}
    ) as span:
        yield JobSpan(span, job)


def report_import(span: JobSpan, result: Any) -> None:
    """An ``ImportResult`` on its job span: rows, parts, rows by outcome."""
    span.set(rows=result.total, parts=len(result.parts), aborted=result.aborted is not None)
    span.rows(
        {
            "accepted": result.accepted,
            "failed": result.failed,
            "duplicate": result.duplicates,
            "pending": result.pending,
        }
    )


def report_bulk(span: JobSpan, result: Any) -> None:
    """A ``BulkCreateResult`` on its job span: contacts, requests, contacts by outcome."""
    span.set(rows=result.total, requests=result.requests, replays=result.replays)
    span.rows({str(outcome): count for outcome, count in result.counts.items()})


def report_sync(span: JobSpan, result: Any) -> None:
    """A ``SyncListResult`` on its job span: the changes by kind, failures."""
    span.set(dry_run=result.dry_run, failures=len(result.failures))
    span.rows(
        {
            "created": len(result.created),
            "added": len(result.added),
            "removed": len(result.removed),
            "unchanged": result.unchanged,
            "failed": len(result.failures),
        }
    )
