"""Seeded fault injection: every kind, repeatable, never on the admin routes."""

from __future__ import annotations

import contextlib
import time

import httpx
import pytest
from mock_helpers_exotel import assert_envelope

from exotel_contacts_mock import MockConfig
from exotel_contacts_mock.background import running_mock

BULK = {"contacts": [{"number": "+919876543210"}]}


def _only(kind: str, **extra: float) -> MockConfig:
    return MockConfig(processing_rate=0, fault_rates=((kind, 1.0),), seed=7, **extra)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "status", "code"),
    [("429", 429, 429), ("500", 500, 1100), ("502", 502, 1100), ("503", 503, 1100)],
)
def test_error_faults(kind: str, status: int, code: int) -> None:
    with running_mock(_only(kind)) as mock:
        response = httpx.post(
            f"{mock.base_url}/v2/accounts/demo/contacts", json=BULK, auth=(mock.api_key, mock.api_token)
        )
        assert_envelope(response, status, code)
        if kind in ("429", "503"):
            assert response.headers["Retry-After"] == "1"
        assert mock.store.directory.contacts("demo") == []  # nothing done
        assert httpx.get(f"{mock.base_url}/_mock/health").status_code == 200


def test_latency() -> None:
    with running_mock(_only("latency", fault_latency_seconds=0.3)) as mock:
        start = time.monotonic()
        response = httpx.post(
            f"{mock.base_url}/v2/accounts/demo/contacts", json=BULK, auth=(mock.api_key, mock.api_token)
        )
        assert response.status_code == 207
        assert time.monotonic() - start >= 0.3


def test_dropped_connection_does_nothing() -> None:
    with running_mock(_only("drop")) as mock:
        with pytest.raises(httpx.TransportError):
            httpx.post(
                f"{mock.base_url}/v2/accounts/demo/contacts", json=BULK, auth=(mock.api_key, mock.api_token)
            )
        assert mock.store.directory.contacts("demo") == []


def test_lost_response_does_the_work() -> None:
    with running_mock(_only("lost_response")) as mock:
        with pytest.raises(httpx.TransportError):
            httpx.post(
                f"{mock.base_url}/v2/accounts/demo/contacts", json=BULK, auth=(mock.api_key, mock.api_token)
            )
        assert [c["number"] for c in mock.store.directory.contacts("demo")] == ["+919876543210"]


def test_mixed_faults_repeat_with_the_seed() -> None:
    def run() -> list[str]:
        config = MockConfig(processing_rate=0, seed=42).with_fault_rate(0.5)
        config = MockConfig(**{**config.__dict__, "fault_latency_seconds": 0.0})
        with running_mock(config) as mock:
            for _ in range(30):
                with contextlib.suppress(httpx.TransportError):
                    httpx.get(
                        f"{mock.base_url}/v2/accounts/demo/csv-status/x", auth=(mock.api_key, mock.api_token)
                    )
            return list(mock.app.faults.injected)

    first = run()
    assert first == run()
    assert len(set(first)) >= 4
