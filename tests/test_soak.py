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
from exotel_contacts.importing import Limits

mock_config = pytest.importorskip("exotel_contacts_mock.config", reason="the mock is not installed")
mock_testing = pytest.importorskip("exotel_contacts_mock.background", reason="the mock is not installed")

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
            before = {row["number"] for row in mock.store.directory.contacts(mock.account_sid)}
            started = time.perf_counter()
            result = client.create_contacts_bulk(iter(contacts), chunk_size=chunk_size)
            elapsed = time.perf_counter() - started
        rows = mock.store.directory.contacts(mock.account_sid)
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


# ---- CSV import half -------------------------------------------------------------------------------
# import_contacts of several files against the same faulted mock, duplicate_action=skip (replay-safe,
# so the transport replays uploads whose answer was lost). The store is the truth: every valid row's
# number must be there exactly once, or the row must be reported failed with a reason; a row reported
# failed while its number is in the store is only honest as DUPLICATE_ENTRY (a replay of an upload whose
# first attempt was processed) or OUTCOME_UNKNOWN (the client says it cannot know); UPLOAD_FAILED claims
# the part did nothing, so its numbers must be absent (unless an earlier file brought them).

CSV_FILES = 10
CSV_ROWS = 5000 if FULL else 1000


def soak_csv_rows(file_index: int, n: int) -> list[tuple[str, str, str]]:
    """(phone, first_name, email) rows: every 101st invalid phone, every 103rd bad email, every 107th
    a repeat within the file, every 211th a number of the previous file (already in the account)."""
    rows: list[tuple[str, str, str]] = []
    for i in range(n):
        number = f"+9196{file_index:02d}{i:06d}"
        email = f"u{file_index}-{i}@example.com"
        if i % 101 == 13:
            number = f"96-{file_index}-{i}"
        elif i % 103 == 17:
            email = "not-an-email"
        elif i % 107 == 19 and i > 50:
            number = rows[i - 40][0] if rows[i - 40][0].startswith("+") else number
        elif i % 211 == 23 and file_index > 0:
            number = f"+9196{file_index - 1:02d}{i:06d}"
        rows.append((number, f"F{file_index}-{i}", email))
    return rows


def expected_csv_verdicts(files: list[list[tuple[str, str, str]]]) -> list[dict[int, str | None]]:
    """Per file, row number -> local error code or None (sent), computed here from the rows."""
    verdicts = []
    for rows in files:
        seen: set[str] = set()
        verdict: dict[int, str | None] = {}
        for number_in_file, (number, _, email) in enumerate(rows, 1):
            if not number.startswith("+"):
                verdict[number_in_file] = "INVALID_PHONE"
            elif email == "not-an-email":
                verdict[number_in_file] = "INVALID_EMAIL"
            elif number in seen:
                verdict[number_in_file] = "DUPLICATE_ENTRY"
            else:
                seen.add(number)
                verdict[number_in_file] = None
        verdicts.append(verdict)
    return verdicts


def test_soak_csv_import(no_retry_waits: None, capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    part_rows = 1000 if FULL else 250
    config = mock_config.MockConfig(
        processing_rate=0, rate_limit=0, fault_latency_seconds=0.01, seed=11, ccm_max_records=part_rows
    ).with_fault_rate(FAULT_RATE)
    files = [soak_csv_rows(f, CSV_ROWS) for f in range(CSV_FILES)]
    paths = []
    for f, rows in enumerate(files):
        path = tmp_path / f"soak-{f}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write("phone_number,first_name,last_name,email,company,tag\n")
            handle.writelines(f"{n},{first},Soak,{email},Acme,soak\n" for n, first, email in rows)
        paths.append(path)
    verdicts = expected_csv_verdicts(files)
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
        started = time.perf_counter()
        results = []
        with ec.Client(**options) as client:
            for path in paths:
                results.append(
                    client.import_contacts(
                        path, duplicate_action="skip", limits=Limits(ccm_max_rows=part_rows), timeout=60
                    )
                )
        elapsed = time.perf_counter() - started
        stored = Counter(row["phone_number"] for row in mock.store.ccm.contacts(mock.account_sid))
        injected = Counter(mock.app.faults.injected)

    problems: list[str] = []
    counts: Counter[str] = Counter()
    valid_numbers: set[str] = set()
    for f, (rows, verdict, result) in enumerate(zip(files, verdicts, results, strict=True)):
        failures = {failure.row_number: failure for failure in result.failures()}
        if len(failures) != len(result.failures()):
            problems.append(f"file {f}: a row is reported twice")
        if result.total != len(rows) or result.pending:
            problems.append(f"file {f}: total {result.total}, pending {result.pending}")
        for number_in_file, local in verdict.items():
            number = rows[number_in_file - 1][0]
            failure = failures.get(number_in_file)
            if local is not None:
                counts["local_failed"] += 1
                if failure is None or failure.error_code != local or failure.source != "local":
                    problems.append(f"file {f} row {number_in_file}: expected local {local}, got {failure}")
                continue
            valid_numbers.add(number)
            present = stored[number] > 0
            if failure is None:
                counts["accepted"] += 1
                if not present:
                    problems.append(f"file {f} row {number_in_file}: accepted {number} is not in the store")
            elif not failure.error_message:
                problems.append(f"file {f} row {number_in_file}: failed without a reason")
            elif failure.error_code == "DUPLICATE_ENTRY":
                # Already in the account: from the previous file, or from the lost first attempt of
                # this very upload (replayed). Either way it must be there.
                counts["duplicate_present" if present else "duplicate_absent"] += 1
                noted = "sent twice" in failure.error_message
                part = next(p for p in result.parts if p.first_row <= number_in_file <= p.last_row)
                counts["duplicate_noted_replay"] += noted
                if noted != (part.replayed and failure.source == "server"):
                    problems.append(f"file {f} row {number_in_file}: replay note {noted}, part {part}")
                if not present:
                    problems.append(
                        f"file {f} row {number_in_file}: DUPLICATE_ENTRY but {number} is not stored"
                    )
            elif failure.error_code in ("OUTCOME_UNKNOWN", "UPLOAD_FAILED"):
                counts[f"{failure.error_code.lower()}_{'present' if present else 'absent'}"] += 1
                if failure.error_code == "UPLOAD_FAILED" and present and not _stored_before(number, f, files):
                    problems.append(f"file {f} row {number_in_file}: UPLOAD_FAILED yet {number} was imported")
            else:
                counts[f"server_{failure.error_code}"] += 1
                if present:
                    problems.append(
                        f"file {f} row {number_in_file}: {failure.error_code} yet {number} is stored"
                    )
        counts["accepted_by_result"] += result.accepted
    duplicated = [number for number, count in stored.items() if count > 1]
    strangers = set(stored) - valid_numbers
    lost = [
        number
        for f, (rows, verdict, result) in enumerate(zip(files, verdicts, results, strict=True))
        for number_in_file, local in verdict.items()
        if local is None
        and (number := rows[number_in_file - 1][0]) not in stored
        and number_in_file not in {failure.row_number for failure in result.failures()}
    ]
    report = {
        "files": CSV_FILES,
        "rows_per_file": CSV_ROWS,
        "rows_per_part": part_rows,
        "seconds": round(elapsed, 1),
        **dict(sorted(counts.items())),
        "parts": sum(len(r.parts) for r in results),
        "parts_failed": sum(1 for r in results for p in r.parts if p.error),
        "part_errors": Counter(
            f"{p.error_type}{' after upload' if p.upload_id else ''}"
            for r in results
            for p in r.parts
            if p.error
        ),
        "retries_seen": len(retries),
        "faults_injected": dict(injected),
        "store_rows": sum(stored.values()),
        "valid_numbers": len(valid_numbers),
        "duplicated_in_store": len(duplicated),
        "lost": len(lost),
        "strangers": len(strangers),
    }
    with capsys.disabled():
        print(f"\nsoak CSV import: {report}")
    assert sum(injected.values()) > 0
    assert "lost_response" in injected
    assert not duplicated
    assert not lost
    assert not strangers
    assert not problems, problems[:20]


def _stored_before(number: str, file_index: int, files: list[list[tuple[str, str, str]]]) -> bool:
    """Whether an earlier file had this number (so it may be in the store from that import)."""
    return any(number == row[0] for rows in files[:file_index] for row in rows)
