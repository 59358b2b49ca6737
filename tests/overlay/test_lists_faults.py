"""Under the mock's injected faults (429, 500, 502, 503, latency, dropped connections, lost answers),
the list workflows still end in the right state, or name what they could not do."""

from __future__ import annotations

from typing import Any

import pytest
from either_side import collect, run

import exotel_contacts as ec
from exotel_contacts_mock import MockConfig
from exotel_contacts_mock.background import running_mock


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_sync_list_under_faults(mode: str) -> None:
    config = MockConfig(processing_rate=0, rate_limit=0, seed=7, fault_latency_seconds=0.01).with_fault_rate(
        0.3
    )
    with running_mock(config) as mock:
        options = {
            "account_sid": mock.account_sid,
            "api_key": mock.api_key,
            "api_token": mock.api_token,
            "ccm_base_url": mock.base_url,
            "campaign_base_url": mock.base_url,
            "environ": {},
            "rate_limit_per_minute": None,
            "timeout": 5,
        }
        client: Any = ec.AsyncClient(**options) if mode == "async" else ec.Client(**options)
        try:
            target = await run(client.create_list("faulty", exist_ok=True))
            first = [f"+9198765{i:05d}" for i in range(30)]
            await run(client.sync_list(target.sid, first))
            wanted = first[10:] + [f"+9198766{i:05d}" for i in range(10)]
            result = await run(client.sync_list(target.sid, wanted))
            held = {c.number for c in await collect(client.iter_list_contacts(target.sid))}
        finally:
            await run(client.close())
        assert mock.app.faults.injected, "no fault was injected"
    unknown = {f.number for f in result.failures if f.unknown}
    # Every number either is where it should be, or is named as a failure (never silently wrong).
    assert {n for n in wanted if n not in held} <= {f.number for f in result.failures}
    assert {n for n in held if n not in wanted} <= {f.number for f in result.failures} | unknown
    assert all(f.stage in {"create", "lookup", "add", "remove"} for f in result.failures)
    if not result.failures:
        assert held == set(wanted)
        assert (len(result.created), len(result.added), len(result.removed), result.unchanged) == (
            10,
            10,
            10,
            20,
        )
