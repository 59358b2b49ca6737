"""Soak tests: large jobs against the mock with 20 % of requests faulted, every kind mixed.

Bulk create (this half): every input contact must be in the mock's address book exactly once, or be
reported failed with its reason; "outcome unknown" contacts are checked against the store and counted.
CI runs 20,000 contacts in chunks of 250 (about two seconds); ``EXOTEL_SOAK_FULL=1`` runs 100,000 in
chunks of 1000.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from typing import Any

import pytest
import stamina

import exotel_contacts as ec

mock_config = pytest.importorskip("exotel_contacts_mock.config", reason="the mock is not installed")
mock_testing = pytest.importorskip("exotel_contacts_mock.testing", reason="the mock is not installed")

FULL = os.environ.get("EXOTEL_SOAK_FULL") == "1"
FAULT_RATE = 0.2


@pytest.fixture
def no_retry_waits() -> Any:
    stamina.set_testing(True, attempts=100, cap=True)
    yield
    stamina.set_testing(False)


def soak_input(n: int) -> list[dict[str, Any]]:
    """Mostly new numbers; every 97th invalid, every 89th without a number, every 83rd a repeat."""
    contacts: list[dict[str, Any]] = []
    for i in range(n):
        if i % 97 == 5:
            contacts.append({"number": f"bad-{i}"})
        elif i % 89 == 7:
            contacts.append({"first_name": f"no number {i}"})
        elif i % 83 == 11 and i > 100:
            contacts.append({"number": contacts[i - 50].get("number", f"+9197{i:08d}")})
        else:
            contacts.append({"number": f"+9198{i:08d}", "first_name": f"c{i}"})
    return contacts


def test_soak_bulk_create(no_retry_waits: None, capsys: pytest.CaptureFixture[str]) -> None:
    n = 100_000 if FULL else 20_000
    chunk_size = 1000 if FULL else 250
    config = mock_config.MockConfig(
        processing_rate=0, rate_limit=0, fault_latency_seconds=0.01, seed=7
    ).with_fault_rate(FAULT_RATE)
    contacts = soak_input(n)
    seeded = [contacts[i]["number"] for i in range(0, n, 1009) if "number" in contacts[i]]
    retries: list[ec.RetryRecord] = []
    with mock_testing.running_mock(config) as mock:
        options = {
            "account_sid": mock.account_sid,
            "api_key": mock.api_key,
            "api_token": mock.api_token,
            "campaign_base_url": mock.base_url,
            "ccm_base_url": mock.base_url,
            "environ": {},
            "rate_limit_per_minute": None,
            "retry": ec.RetryPolicy(on_retry=retries.append),
        }
        with ec.Client(**options) as client:
            # Pre-existing contacts (retried until the faults let them through).
            for _ in range(20):
                if client.create_contacts_bulk([{"number": s} for s in seeded]).ok:
                    break
            before = {row["number"] for row in mock.store.contacts(mock.account_sid)}
            started = time.perf_counter()
            result = client.create_contacts_bulk(iter(contacts), chunk_size=chunk_size)
            elapsed = time.perf_counter() - started
        rows = mock.store.contacts(mock.account_sid)
        injected = Counter(mock.app.faults.injected)

    store = Counter(row["number"] for row in rows)
    sids = {row["number"]: row["sid"] for row in rows}
    problems: list[str] = []
    unknown_present = unknown_absent = 0
    seen_positions = [o.index for o in result]
    if seen_positions != list(range(n)):
        problems.append("positions are not exactly 0..n-1")
    occurrences = Counter(c["number"] for c in contacts if isinstance(c.get("number"), str))
    wanted = set(occurrences)
    for outcome in result:
        number = outcome.number
        if outcome.outcome is ec.Outcome.CREATED:
            if number not in sids or sids[number] != outcome.sid:
                problems.append(f"{outcome.index}: created {number} is not in the store with its sid")
        elif outcome.outcome is ec.Outcome.ALREADY_EXISTED:
            if number not in store:
                problems.append(f"{outcome.index}: 'already existed' {number} is not in the store")
        elif outcome.outcome is ec.Outcome.FAILED:
            if not outcome.reason:
                problems.append(f"{outcome.index}: failed without a reason")
            elif number in store and number not in before and occurrences[number] == 1:
                problems.append(f"{outcome.index}: failed {number} is in the store")
        elif number in store:
            unknown_present += 1
        else:
            unknown_absent += 1
    duplicated = [number for number, count in store.items() if count > 1]
    strangers = set(store) - wanted - before
    lost = (
        wanted
        - set(store)
        - {o.number for o in result if o.outcome in (ec.Outcome.FAILED, ec.Outcome.UNKNOWN)}
    )
    report = {
        "contacts": n,
        "chunk_size": chunk_size,
        "seconds": round(elapsed, 1),
        **result.summary(),
        "unknown_present": unknown_present,
        "unknown_absent": unknown_absent,
        "after_replay": sum(1 for o in result.already_existed if o.after_replay),
        "retries_seen": len(retries),
        "faults_injected": dict(injected),
        "store_rows": len(rows),
        "duplicated_in_store": len(duplicated),
        "lost": len(lost),
        "strangers": len(strangers),
    }
    with capsys.disabled():
        print(f"\nsoak bulk create: {report}")
    assert result.total == n
    assert not duplicated
    assert not lost
    assert not strangers
    assert sum(injected.values()) > 0
    assert not problems, problems[:20]
