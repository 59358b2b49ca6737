"""A real redis-server stopped for two seconds in the middle of a job, then started again: the job
rides it out and finishes, on both clients (bulk create, import with its journal in Redis, sync_list).
Stopped for longer than ``redis_outage``, the job ends with everything it did reported."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from redis_server import RedisProcess

import exotel_contacts as ec
from exotel_contacts.importing import Limits
from exotel_contacts_mock import running_mock
from exotel_contacts_mock.config import MockConfig

DOWN_SECONDS = 2.0
RATE = "10 per 1 second"  # scaled: every request waits its turn in Redis, so Redis is in use throughout


class Outage:
    """Stops Redis once the job has made progress, and starts it again ``down`` seconds later
    (``down=None``: only after the job has ended)."""

    def __init__(self, server: RedisProcess, down: float | None) -> None:
        self.server, self.down = server, down
        self.begun = threading.Event()
        self.over = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def progress(self, *_: object) -> None:
        self.begun.set()

    def _run(self) -> None:
        if not self.begun.wait(60):
            return
        self.server.stop()
        if self.down is not None:
            time.sleep(self.down)
            self.server.start()
        self.over.set()

    def end(self) -> None:
        """After the job: Redis is running again (for the test's own checks)."""
        self.begun.set()
        self._thread.join(timeout=30)
        if self.server.process is None:
            self.server.start()


def make(side: str, base_url: str, redis_url: str, **options: Any) -> Any:
    kind = ec.Client if side == "sync" else ec.AsyncClient
    settings: dict[str, Any] = {
        "account_sid": "demo",
        "api_key": "demo-key",
        "api_token": "demo-token",
        "ccm_base_url": base_url,
        "campaign_base_url": base_url,
        "environ": {},
        "redis_url": redis_url,
        "rate_limit": RATE,
    }
    return kind(**(settings | options))


def run(side: str, client: Any, job: Callable[[Any], Any]) -> Any:
    """``job(client)`` on the sync client, or awaited on the async one (inside its context)."""
    if side == "sync":
        with client:
            return job(client)

    async def main() -> Any:
        async with client:
            return await job(client)

    return asyncio.run(main())


def admin(base_url: str, what: str) -> Any:
    return httpx.get(f"{base_url}/_mock/accounts/demo/{what}", timeout=10).json()


SIDES = pytest.mark.parametrize("side", ["sync", "async"])


@SIDES
def test_a_bulk_create_rides_out_a_redis_restart(redis_process: RedisProcess, side: str) -> None:
    numbers = [f"+9197{i:08d}" for i in range(300)]
    with running_mock(MockConfig(processing_rate=0, rate_limit=0)) as mock:
        outage = Outage(redis_process, DOWN_SECONDS)
        client = make(side, mock.base_url, redis_process.url)
        started = time.monotonic()
        result = run(
            side,
            client,
            lambda c: c.create_contacts_bulk(
                [{"number": n} for n in numbers], chunk_size=10, concurrency=2, on_progress=outage.progress
            ),
        )
        took = time.monotonic() - started
        outage.end()
        seen = Counter(c["number"] for c in admin(mock.base_url, "contacts"))
    assert outage.over.is_set(), "Redis was not stopped while the job ran"
    assert took > DOWN_SECONDS
    assert result.ok, result.summary()
    assert result.summary()["created"] == len(numbers)
    assert all(seen[n] == 1 for n in numbers)


def write_ccm_file(path: Path, rows: int) -> list[str]:
    phones = [f"+9198{row:08d}" for row in range(1, rows + 1)]
    path.write_text("phone_number,first_name\n" + "".join(f"{p},Row{i}\n" for i, p in enumerate(phones)))
    return phones


@SIDES
def test_an_import_with_its_journal_in_redis_rides_out_a_redis_restart(
    redis_process: RedisProcess, side: str, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.csv"
    phones = write_ccm_file(path, 60)
    journal = ec.RedisJournal(f"restart-{side}")
    with running_mock(MockConfig(processing_rate=0, rate_limit=0)) as mock:
        outage = Outage(redis_process, DOWN_SECONDS)
        client = make(side, mock.base_url, redis_process.url)
        result = run(
            side,
            client,
            lambda c: c.import_contacts(
                path, journal=journal, limits=Limits(ccm_max_rows=10), on_progress=outage.progress
            ),
        )
        outage.end()
        seen = Counter(c["phone_number"] for c in admin(mock.base_url, "ccm-contacts"))
    assert outage.over.is_set(), "Redis was not stopped while the job ran"
    assert result.aborted is None, result.aborted
    assert (result.accepted, result.failed, result.pending) == (60, 0, 0)
    assert all(seen[p] == 1 for p in phones)


@SIDES
def test_a_list_sync_rides_out_a_redis_restart(redis_process: RedisProcess, side: str) -> None:
    before = [f"+9196{i:08d}" for i in range(30)]
    after = [f"+9195{i:08d}" for i in range(5)]
    with running_mock(MockConfig(processing_rate=0, rate_limit=0)) as mock:
        with make("sync", mock.base_url, redis_process.url, rate_limit="off") as setup:
            list_sid = setup.create_list(f"restart-{side}").sid
            assert setup.sync_list(list_sid, before).ok
        outage = Outage(redis_process, DOWN_SECONDS)
        client = make(side, mock.base_url, redis_process.url)

        def removing(progress: ec.SyncProgress) -> None:
            if progress.stage == "removing":
                outage.progress()

        result = run(side, client, lambda c: c.sync_list(list_sid, after, on_progress=removing))
        outage.end()
        members = {entry["sid"]: entry["numbers"] for entry in admin(mock.base_url, "lists")}[list_sid]
    assert outage.over.is_set(), "Redis was not stopped while the job ran"
    assert result.ok, (result.aborted, result.failures[:3])
    assert (len(result.created), len(result.added), len(result.removed)) == (5, 5, 30)
    assert sorted(members) == sorted(after)


# ---- Redis away longer than redis_outage: a typed error, and nothing done goes unreported ----------


@SIDES
def test_a_bulk_create_past_the_outage_bound_stops_with_its_result(
    redis_process: RedisProcess, side: str
) -> None:
    numbers = [f"+9194{i:08d}" for i in range(200)]
    with running_mock(MockConfig(processing_rate=0, rate_limit=0)) as mock:
        outage = Outage(redis_process, None)
        client = make(side, mock.base_url, redis_process.url, redis_outage=1.0)
        with pytest.raises(ec.BulkAbortedError) as stopped:
            run(
                side,
                client,
                lambda c: c.create_contacts_bulk(
                    [{"number": n} for n in numbers],
                    chunk_size=10,
                    concurrency=2,
                    on_progress=outage.progress,
                ),
            )
        outage.end()
        in_mock = {c["number"] for c in admin(mock.base_url, "contacts")}
    assert isinstance(stopped.value.error, ec.StoreUnavailableError)
    result = stopped.value.result
    created = {o.number for o in result.created}
    assert created, "the job made progress before Redis went away"
    assert created == in_mock  # every contact the mock has is reported created, and only those
    assert result.total < len(numbers)
    assert all(o.outcome in ("created", "failed") for o in result)


def test_an_import_past_the_outage_bound_reports_every_row(
    redis_process: RedisProcess, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.csv"
    phones = write_ccm_file(path, 60)
    with running_mock(MockConfig(processing_rate=0, rate_limit=0)) as mock:
        outage = Outage(redis_process, None)
        client = make("sync", mock.base_url, redis_process.url, redis_outage=1.0, max_concurrent_uploads=1)
        result = run(
            "sync",
            client,
            lambda c: c.import_contacts(
                path,
                journal=ec.RedisJournal("past-the-bound"),
                limits=Limits(ccm_max_rows=10),
                on_progress=lambda p: p.stage == "uploaded" and outage.progress(),
            ),
        )
        outage.end()
        seen = {c["phone_number"] for c in admin(mock.base_url, "ccm-contacts")}
    assert isinstance(result.aborted, ec.StoreUnavailableError)
    failed = {f.row_number for f in result.failures()}
    assert result.accepted + len(failed) + result.pending == len(phones)  # every row accounted for
    for row, phone in enumerate(phones, 1):
        if row not in failed:
            assert phone in seen, f"row {row} reported imported but not in the account"


def test_a_list_sync_past_the_outage_bound_says_what_it_did(redis_process: RedisProcess) -> None:
    before = [f"+9193{i:08d}" for i in range(30)]
    with running_mock(MockConfig(processing_rate=0, rate_limit=0)) as mock:
        with make("sync", mock.base_url, redis_process.url, rate_limit="off") as setup:
            list_sid = setup.create_list("past-the-bound").sid
            assert setup.sync_list(list_sid, before).ok
        outage = Outage(redis_process, None)
        client = make("sync", mock.base_url, redis_process.url, redis_outage=1.0)
        result = run(
            "sync",
            client,
            lambda c: c.sync_list(
                list_sid, [], on_progress=lambda p: p.stage == "removing" and outage.progress()
            ),
        )
        outage.end()
        members = {entry["sid"]: entry["numbers"] for entry in admin(mock.base_url, "lists")}[list_sid]
    assert isinstance(result.aborted, ec.StoreUnavailableError)
    assert not result.ok
    removed = {change.number for change in result.removed}
    not_removed = {failure.number for failure in result.failures}
    assert removed | not_removed == set(before)  # every member: removed, or reported not removed
    assert set(members) == set(before) - removed
