"""End to end, both clients, one mock: create a list, import a Campaign CSV into it, read the per-row
report (rows named by reconciling the file against the list), sync the list, and page it."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from either_side import collect, run
from import_e2e_support import AsyncCountingTransport, CountingTransport, client_options

import exotel_contacts as ec
from exotel_contacts_mock.background import running_mock


def number(i: int) -> str:
    return f"+91970000{i:04d}"


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_list_import_report_sync_page(mode: str, tmp_path: Path) -> None:
    path = tmp_path / "spring.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["number", "first_name", "last_name"])
        writer.writerows(
            [
                [number(1), "Ann", "A"],  # 1: created, in the list
                [number(2), "Ben", "B"],  # 2: created, in the list
                [number(3), "Cat", "C"],  # 3: in the address book before: a duplicate, linked to the list
                ["bad", "Dan", "D"],  # 4: fails the local checks, not sent
                [number(5), "E" * 300, "E"],  # 5: passes locally, the server refuses it (field > 255)
                [number(1), "Ann", "Again"],  # 6: repeats row 1: a local duplicate
            ]
        )
    with running_mock() as mock:
        options = client_options(mock)
        client: Any = ec.AsyncClient(**options) if mode == "async" else ec.Client(**options)
        try:
            await run(client.create_contacts_bulk([{"number": number(3)}]))
            spring = await run(client.create_list("spring"))

            result = await run(client.import_contacts(path, family="campaign", list_name="spring"))
            failures = {f.row_number: (f.error_code, f.source) for f in result.failures()}
            assert failures == {
                3: ("DUPLICATE_ENTRY", "reconciliation"),
                4: ("INVALID_PHONE", "local"),
                5: ("NOT_IN_LIST", "reconciliation"),
                6: ("DUPLICATE_ENTRY", "local"),
            }
            # The counts are still the server's (success 2, failed 1, duplicate 1) plus the local rows.
            assert (result.total, result.accepted, result.failed, result.duplicates) == (6, 2, 2, 2)
            assert result.reconciled.not_in_list == 1
            assert result.reconciled.already_existed == 1
            assert result.report.warnings == []

            synced = await run(client.sync_list(spring.sid, [number(1), number(4)]))
            assert synced.ok
            assert [c.number for c in synced.created] == [number(4)]
            assert [c.number for c in synced.added] == [number(4)]
            assert sorted(c.number for c in synced.removed) == [number(2), number(3)]
            assert synced.unchanged == 1

            first = await run(client.list_list_contacts(spring.sid, limit=1))
            assert (len(first.items), first.total, first.has_more) == (1, 2, True)
            members = await collect(client.iter_list_contacts(spring.sid, page_size=1))
            assert [c.number for c in members] == [number(1), number(4)]
            assert (await run(client.get_list(spring.sid))).contact_count == 2
        finally:
            await run(client.close())


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_a_clean_import_reads_no_list_back(mode: str, tmp_path: Path) -> None:
    # Every row sent was taken (no failed or duplicate count): there is nothing to name, so the list
    # is not paged back; one row the server counts as a duplicate brings the read-back back.
    clean, mixed = tmp_path / "clean.csv", tmp_path / "mixed.csv"
    clean.write_text("number,first_name\n" + "".join(f"{number(i)},N{i}\n" for i in range(10, 40)), "utf-8")
    mixed.write_text("number,first_name\n" + "".join(f"{number(i)},N{i}\n" for i in range(40, 45)), "utf-8")
    seen: Counter[str] = Counter()
    with running_mock() as mock:
        transport = AsyncCountingTransport(seen) if mode == "async" else CountingTransport(seen)
        options = client_options(mock, transport=transport)
        client: Any = ec.AsyncClient(**options) if mode == "async" else ec.Client(**options)
        try:
            result = await run(client.import_contacts(clean, family="campaign", list_name="clean"))
            assert (result.total, result.accepted, result.failed, result.duplicates) == (30, 30, 0, 0)
            assert result.reconciled is None
            assert result.report.warnings == []
            assert seen["GET contacts"] == 0  # no page of the list's members

            await run(client.create_contacts_bulk([{"number": number(42)}]))
            result = await run(client.import_contacts(mixed, family="campaign", list_name="mixed"))
            assert {f.row_number: f.error_code for f in result.failures()} == {3: "DUPLICATE_ENTRY"}
            assert result.reconciled is not None
            assert (result.reconciled.already_existed, result.reconciled.in_list) == (1, 5)
            assert seen["GET contacts"] >= 1
        finally:
            await run(client.close())
