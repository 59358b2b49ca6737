"""The Campaign per-row report: reconciliation rules, without a server."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from exotel_contacts.importing import ImportReport, RowFailure, RowResult
from exotel_contacts.workflows.campaign_report import (
    ListNumbers,
    Member,
    parse_timestamp,
    reconcile,
)

BEFORE = datetime(2021, 6, 3, 10, 0, tzinfo=UTC)
STARTED = datetime(2021, 6, 3, 11, 0, tzinfo=UTC)
AFTER = datetime(2021, 6, 3, 12, 0, tzinfo=UTC)


def row(number: int, phone: str | None, failure: RowFailure | None = None) -> RowResult:
    return RowResult(number, {"phone_number": phone or "x", "first_name": f"F{number}"}, phone, failure)


def test_parse_timestamp_takes_exotels_nanoseconds_and_offsets() -> None:
    parsed = parse_timestamp("2021-06-03T16:42:26.522002459+05:30")
    assert parsed == datetime(2021, 6, 3, 11, 12, 26, 522002, tzinfo=UTC)
    assert parse_timestamp("2021-06-03T11:12:27Z") == datetime(2021, 6, 3, 11, 12, 27, tzinfo=UTC)
    assert parse_timestamp("yesterday") is None
    assert parse_timestamp(None) is None


def test_rows_are_named_and_counts_stay_the_servers() -> None:
    report = ImportReport(total_rows=4, sent_rows=4)
    report.add_server_counts(failed=1, duplicates=1)
    members = {"+911": Member("a", AFTER), "+913": Member("c", BEFORE)}
    rows = [
        row(1, "+911"),
        row(2, "+912"),
        row(3, "+913"),
        row(4, None, RowFailure(4, "bad", "", "", "INVALID_PHONE", "m", "local")),
    ]
    found = reconcile(report, rows, members, started=STARTED)
    assert (found.not_in_list, found.already_existed, found.in_list) == (1, 1, 2)
    named = {f.row_number: (f.error_code, f.source) for f in report.failures}
    assert named == {2: ("NOT_IN_LIST", "reconciliation"), 3: ("DUPLICATE_ENTRY", "reconciliation")}
    assert (report.failed, report.duplicates, report.accepted) == (1, 1, 2)
    assert report.warnings == []


def test_a_disagreement_is_a_warning_and_unknown_start_names_no_duplicates() -> None:
    report = ImportReport(total_rows=2, sent_rows=2)
    report.add_server_counts(failed=0, duplicates=1)
    found = reconcile(report, [row(1, "+911"), row(2, "+912")], {"+911": Member("a", BEFORE)}, started=None)
    assert (found.not_in_list, found.already_existed) == (1, 0)
    assert len(report.warnings) == 2  # one more failed row than counted; one counted duplicate not named
    assert report.duplicates == 1  # the server's count stands


def test_rows_sent_despite_local_failures_are_judged_by_the_list() -> None:
    report = ImportReport(total_rows=2, sent_rows=2)
    local = RowFailure(2, "+911", "", "", "DUPLICATE_ENTRY", "repeats row 1", "local")
    bad = RowFailure(1, "0", "", "", "INVALID_PHONE", "not E.164", "local")
    rows = [row(1, None, bad), row(2, "+911", local)]
    reconcile(report, rows, {"+911": Member("a", AFTER)}, started=STARTED, sent={1, 2})
    assert {f.row_number: f.error_code for f in report.failures} == {1: "INVALID_PHONE", 2: "DUPLICATE_ENTRY"}


def test_the_compact_list_gives_the_verdicts_of_a_dict_of_members() -> None:
    # 5000 members (more than the table was sized for: it grows), created before or after the
    # start or at an unknown time, a repeated member, two numbers that are not E.164.
    rng = random.Random(11)
    members: dict[str, Member] = {}
    compact = ListNumbers(STARTED, expected=100)
    for i in range(5000):
        number = f"+9198{rng.randrange(10**8):08d}" if i % 1000 else f"oddity-{i}"
        created = rng.choice([BEFORE, AFTER, None, STARTED - timedelta(microseconds=1), STARTED])
        members.setdefault(number, Member(f"sid{i}", created))
        compact.add(number, created)
    assert len(compact) == len(members)
    phones = list(members)[:3000] + [f"+9197{i:08d}" for i in range(500)]
    rows = [row(i, phone) for i, phone in enumerate(phones, 1)]

    def verdicts(lookup: object) -> list[tuple[int, str]]:
        report = ImportReport(total_rows=len(rows), sent_rows=len(rows))
        reconcile(report, rows, lookup, started=STARTED)  # type: ignore[arg-type]
        return sorted((f.row_number, f.error_code) for f in report.failures)

    expected = verdicts(members)
    assert expected == verdicts(compact)
    assert {code for _, code in expected} == {"DUPLICATE_ENTRY", "NOT_IN_LIST"}
