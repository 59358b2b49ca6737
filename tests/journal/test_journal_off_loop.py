"""On the async side a journal step (a file's fsync, a Redis call that may ride out an outage) runs off the
event loop: other tasks go on while it writes, and callbacks still run on the loop."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import exotel_contacts as ec
from exotel_contacts.importing import Limits
from exotel_contacts.workflows.journal import Journal
from exotel_contacts_mock.background import RunningMock


class SlowJournal:
    """Makes every journal write take a while, and notes whether the event loop ran meanwhile."""

    def __init__(self) -> None:
        self.ticks = 0
        self.writes: list[bool] = []  # per write: did the loop tick while it was being written?

    async def tick(self) -> None:
        while True:
            self.ticks += 1
            await asyncio.sleep(0.002)


@pytest.fixture
def slow(monkeypatch: pytest.MonkeyPatch) -> SlowJournal:
    watch = SlowJournal()
    append = Journal.append

    def slow_append(self: Journal, *args: Any, **kwargs: Any) -> None:
        before = watch.ticks
        time.sleep(0.05)
        watch.writes.append(watch.ticks > before)
        append(self, *args, **kwargs)

    monkeypatch.setattr(Journal, "append", slow_append)
    return watch


def _client(mock: RunningMock) -> ec.AsyncClient:
    return ec.AsyncClient(
        account_sid=mock.account_sid,
        api_key=mock.api_key,
        api_token=mock.api_token,
        ccm_base_url=mock.base_url,
        campaign_base_url=mock.base_url,
    )


async def test_bulk_journal_writes_leave_the_loop_free(
    exotel_mock: RunningMock, slow: SlowJournal, tmp_path: Path
) -> None:
    contacts = [{"number": f"+9198765{i:05d}"} for i in range(30)]
    ticker = asyncio.create_task(slow.tick())
    try:
        async with _client(exotel_mock) as client:
            result = await client.create_contacts_bulk(
                contacts, chunk_size=10, journal=tmp_path / "bulk.journal"
            )
    finally:
        ticker.cancel()
    assert len(result.created) == 30
    assert len(slow.writes) >= 6  # "sending" and "done" of each of the three chunks
    assert all(slow.writes), slow.writes


async def test_import_journal_writes_leave_the_loop_free_and_progress_stays_on_the_loop(
    exotel_mock: RunningMock, slow: SlowJournal, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("phone_number\n" + "".join(f"+9198765{i:05d}\n" for i in range(30)), encoding="utf-8")
    threads: set[int] = set()
    stages: list[str] = []

    def progress(event: ec.ImportProgress) -> None:
        threads.add(threading.get_ident())
        stages.append(event.stage)

    ticker = asyncio.create_task(slow.tick())
    try:
        async with _client(exotel_mock) as client:
            result = await client.import_contacts(
                path,
                journal=tmp_path / "import.journal",
                limits=Limits(ccm_max_rows=10),
                on_progress=progress,
            )
    finally:
        ticker.cancel()
    assert result.accepted == 30
    assert len(slow.writes) >= 9  # "sending", "accepted" and "done" of each of the three parts
    assert all(slow.writes), slow.writes
    assert threads == {threading.get_ident()}  # the user's callback ran on the loop's thread only
    assert stages[-1] == "done"  # delivered before import_contacts returned
