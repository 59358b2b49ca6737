"""OpenTelemetry (the ``otel`` extra): a span per attempt, a span per job, metrics; nothing without the extra.

The SDK's in-memory exporters are set as the global providers for each test and taken away after it, the
way OpenTelemetry's own test utilities reset them, so no other test records anything.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from opentelemetry import metrics, trace
from opentelemetry.metrics import _internal as metrics_internal
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.util._once import Once

from exotel_contacts.core import otel as _otel

from .conftest import ACCEPTED, Either, FakeExotel, ccm_status, created, error_body, json_response

ROUTE = "/v2/accounts/{account_sid}/contacts/upload/{upload_id}"


class Telemetry:
    def __init__(self) -> None:
        self.spans = InMemorySpanExporter()
        self.reader = InMemoryMetricReader()
        self.tracer_provider = TracerProvider()
        self.tracer_provider.add_span_processor(SimpleSpanProcessor(self.spans))
        self.meter_provider = MeterProvider(metric_readers=[self.reader])

    def finished(self) -> list[ReadableSpan]:
        return list(self.spans.get_finished_spans())

    def metric(self, name: str) -> dict[tuple[tuple[str, Any], ...], float]:
        """Each data point of metric ``name`` by its sorted attributes (sum, or count for histograms)."""
        found: dict[tuple[tuple[str, Any], ...], float] = {}
        data = self.reader.get_metrics_data()
        for resource in data.resource_metrics if data else ():
            for scope in resource.scope_metrics:
                for metric in scope.metrics:
                    if metric.name != name:
                        continue
                    for point in metric.data.data_points:
                        value = getattr(point, "value", None)
                        found[tuple(sorted(point.attributes.items()))] = (
                            value if value is not None else point.count
                        )
        return found


def _reset_globals() -> None:
    trace._TRACER_PROVIDER_SET_ONCE = Once()
    trace._TRACER_PROVIDER = None
    metrics_internal._METER_PROVIDER_SET_ONCE = Once()
    metrics_internal._METER_PROVIDER = None
    metrics_internal._PROXY_METER_PROVIDER = metrics_internal._ProxyMeterProvider()
    _otel._get.cache_clear()


@pytest.fixture
def telemetry() -> Iterator[Telemetry]:
    _reset_globals()
    found = Telemetry()
    trace.set_tracer_provider(found.tracer_provider)
    metrics.set_meter_provider(found.meter_provider)
    yield found
    found.tracer_provider.shutdown()
    found.meter_provider.shutdown()
    _reset_globals()


async def test_a_span_per_attempt_named_by_route(
    either: Either, fake: FakeExotel, telemetry: Telemetry
) -> None:
    fake.add(
        "GET", "/contacts/upload/up_1", json_response(429, error_body(429, 429, "slow down")), ccm_status()
    )
    await either.call("get_upload_status", "up_1")
    spans = telemetry.finished()
    assert [s.name for s in spans] == [f"GET {ROUTE}", f"GET {ROUTE}"]
    first, second = (dict(s.attributes or {}) for s in spans)
    assert first["url.template"] == ROUTE
    assert first["http.response.status_code"] == 429
    assert first["error.type"] == "429"
    assert (first["exotel.attempt"], second["exotel.attempt"]) == (1, 2)
    assert "http.request.resend_count" not in first
    assert second["http.request.resend_count"] == 1
    assert second["http.response.status_code"] == 200
    assert second["exotel.api"] == "ccm"
    assert second["exotel.rate_family"] == "ccm"
    assert second["exotel.quota_wait_s"] >= 0
    assert spans[0].kind == trace.SpanKind.CLIENT
    assert "up_1" not in spans[0].name  # never the raw path with its ids

    requests = telemetry.metric("exotel.requests")
    assert sum(requests.values()) == 2
    assert sum(telemetry.metric("exotel.retries").values()) == 1
    assert sum(telemetry.metric("exotel.rate_limited").values()) == 1
    assert sum(telemetry.metric("exotel.request.duration").values()) == 2


async def test_campaign_reads_count_against_the_reads_family(
    either: Either, fake: FakeExotel, telemetry: Telemetry
) -> None:
    fake.add(
        "GET",
        "/csv-status/csv_1",
        {"request_id": "r", "http_code": 200, "response": {"code": 200, "status": "success", "data": None}},
    )
    with pytest.raises(Exception):  # noqa: B017, PT011 - the answer's shape does not matter here
        await either.call("get_csv_status", "csv_1")
    attributes = dict(telemetry.finished()[0].attributes or {})
    assert (attributes["exotel.api"], attributes["exotel.rate_family"]) == ("campaign", "reads")
    assert attributes["url.template"].endswith("/{upload_id}")


async def test_a_failed_attempt_records_its_error(
    either: Either, fake: FakeExotel, telemetry: Telemetry
) -> None:
    fake.add("GET", "/contacts/upload/up_1", httpx.ConnectError("refused"), ccm_status())
    await either.call("get_upload_status", "up_1")
    first = telemetry.finished()[0]
    assert dict(first.attributes or {})["error.type"] == "ConnectError"
    assert first.status.status_code == trace.StatusCode.ERROR


async def test_bulk_create_job_span_is_the_parent_of_its_requests(
    either: Either, fake: FakeExotel, telemetry: Telemetry
) -> None:
    fake.add("POST", "/contacts", json_response(207, created(3)))
    contacts = [{"number": f"+9198765432{i:02d}"} for i in range(3)]
    result = await either.call("create_contacts_bulk", contacts)
    assert result.ok
    spans = {s.name: s for s in telemetry.finished()}
    job = spans["exotel.bulk_create"]
    request = spans["POST /v2/accounts/{account_sid}/contacts"]
    assert request.parent is not None
    assert request.parent.span_id == job.context.span_id
    attributes = dict(job.attributes or {})
    assert attributes["exotel.rows"] == 3
    assert attributes["exotel.rows.created"] == 3
    rows = telemetry.metric("exotel.rows")
    assert rows[(("exotel.job", "bulk_create"), ("exotel.outcome", "created"))] == 3


async def test_import_job_span(
    either: Either, fake: FakeExotel, telemetry: Telemetry, tmp_path: Path
) -> None:
    fake.add("POST", "/contacts/upload", json_response(202, ACCEPTED))
    fake.add("GET", "/contacts/upload/up_1", ccm_status(total_records=2, successful=2))
    source = tmp_path / "c.csv"
    source.write_text("phone_number\n+919876543210\n+919876543211\nnot-a-number\n")
    result = await either.call("import_contacts", source)
    assert (result.accepted, result.failed) == (2, 1)
    job = next(s for s in telemetry.finished() if s.name == "exotel.import")
    attributes = dict(job.attributes or {})
    assert attributes["exotel.family"] == "ccm"
    assert (attributes["exotel.rows"], attributes["exotel.parts"]) == (3, 1)
    assert (attributes["exotel.rows.accepted"], attributes["exotel.rows.failed"]) == (2, 1)
    children = [
        s for s in telemetry.finished() if s.parent is not None and s.parent.span_id == job.context.span_id
    ]
    assert {s.name for s in children} >= {"POST /v2/accounts/{account_sid}/contacts/upload"}


_WITHOUT_THE_EXTRA = textwrap.dedent(
    """
    import sys
    sys.modules["opentelemetry"] = None  # as if the extra were not installed
    import httpx, exotel_contacts
    from exotel_contacts.core import otel as _otel
    assert not _otel.ENABLED
    client = exotel_contacts.Client(
        account_sid="a", api_key="k", api_token="t", environ={}, rate_limit_per_minute=None,
        ccm_base_url="https://ccm.test", campaign_base_url="https://campaign.test",
        transport=httpx.MockTransport(lambda request: httpx.Response(200, json=%r)),
    )
    print(client.get_upload_status("up_1").status)
    with _otel.job_span("import") as span:
        span.set(rows=1)
        span.rows({"accepted": 1})
    client.close()
    assert "opentelemetry.trace" not in sys.modules
    """
)


def test_nothing_happens_without_the_extra() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_THE_EXTRA % (ccm_status(),)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "completed"
