"""`import_contacts` end to end against the mock, with a sync and an async client.

Every expectation is computed from the rows this module writes, never from the code under test:
which rows fail and why, which part each sent row lands in, which numbers the store must hold.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from import_e2e_support import Importer, Row, ccm_numbers, codes, phone, write_rows

import exotel_contacts as ec
from exotel_contacts.importing import Limits
from exotel_contacts_mock.background import running_mock
from exotel_contacts_mock.config import MockConfig

ROWS_PER_PART = 10


def mock_config(**overrides: object) -> MockConfig:
    base: dict[str, object] = {"processing_rate": 0, "rate_limit": 0, "ccm_max_records": ROWS_PER_PART}
    return MockConfig(**{**base, **overrides})  # type: ignore[arg-type]


def chunks(items: list[int], size: int) -> list[list[int]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def mixed_rows(existing: list[str]) -> list[Row]:
    """65 rows: local failures, in-file duplicates (within and across parts), numbers already in the
    account (server DUPLICATE_ENTRY), spread so that every part of 10 sent rows gets some."""
    rows: list[Row] = []
    taken = iter(existing)
    for i in range(1, 66):
        k = i % 10
        if k == 3:
            rows.append(Row(f"98-bad-{i}", f"P{i}", expect="INVALID_PHONE", local=True))
        elif k == 6:
            rows.append(Row(phone(i), f"E{i}", email=f"not-an-email-{i}", expect="INVALID_EMAIL", local=True))
        elif k == 8:
            rows.append(Row(rows[i - 2].phone, f"D{i}", expect="DUPLICATE_ENTRY", local=True))
        elif k in (0, 5):
            rows.append(Row(next(taken), f"X{i}", expect="DUPLICATE_ENTRY"))
        elif i == 41:
            rows.append(Row(rows[1].phone, f"D{i}", expect="DUPLICATE_ENTRY", local=True))  # row 2, part 1
        elif i == 22:
            rows.append(Row("", f"M{i}", expect="MISSING_REQUIRED", local=True))
        else:
            rows.append(Row(phone(i), f"N{i}", email=f"n{i}@example.com"))
    return rows


def test_split_file_with_failures_in_every_part(importer: Importer, tmp_path: Path) -> None:
    existing = [phone(5000 + n) for n in range(20)]
    with running_mock(mock_config()) as mock:
        seed = write_rows(tmp_path / "seed.csv", [Row(number, "Seed") for number in existing])
        first = importer(mock, seed.path, limits=Limits(ccm_max_rows=ROWS_PER_PART))
        assert first.accepted == 20
        assert first.failures() == []
        uploads_before = importer.uploads

        data = write_rows(tmp_path / "contacts.csv", mixed_rows(existing))
        result = importer(
            mock, data.path, limits=Limits(ccm_max_rows=ROWS_PER_PART), errors_out=tmp_path / "errors.csv"
        )
        store = ccm_numbers(mock)
        totals = [
            mock.store.ccm.upload(mock.account_sid, part.upload_id or "")["total"] for part in result.parts
        ]

    expected = data.expected()
    sent = [n for n, row in enumerate(data.rows, 1) if not row.local]
    parts = chunks(sent, ROWS_PER_PART)
    # The file is built so that every part has a server failure and a local failure in its range.
    server_rows = {n for n, code in expected.items() if not data.rows[n - 1].local}
    local_rows = {n for n in expected if data.rows[n - 1].local}
    assert len(parts) == 5
    for part in parts:
        assert server_rows & set(part)
        assert local_rows & set(range(part[0], part[-1] + 1)) or part is parts[0]

    assert codes(result) == expected
    sources = {f.row_number: f.source for f in result.failures()}
    assert {n for n, s in sources.items() if s == "local"} == local_rows
    assert {n for n, s in sources.items() if s == "server"} == server_rows
    assert [(p.first_row, p.last_row, p.rows) for p in result.parts] == [
        (part[0], part[-1], len(part)) for part in parts
    ]
    assert all(p.status == "completed" and p.error is None for p in result.parts)
    # Only the rows that passed the local checks were sent; one upload a part.
    assert totals == [len(part) for part in parts]
    assert importer.uploads - uploads_before == len(parts)

    assert result.total == 65
    assert result.accepted == len(data.accepted_numbers())
    assert result.duplicates == sum(1 for code in expected.values() if code == "DUPLICATE_ENTRY")
    assert result.failed == len(expected) - result.duplicates
    assert result.pending == 0
    assert not result.ok
    # The store holds every accepted contact and every earlier one exactly once, and nothing else.
    assert store == dict.fromkeys([*existing, *data.accepted_numbers()], 1)
    # A duplicate across parts names the row it repeats.
    across = next(f for f in result.failures() if f.row_number == 41)
    assert across.source == "local"
    assert "2" in across.error_message


def test_local_failures_are_never_sent(importer: Importer, tmp_path: Path) -> None:
    rows = [
        Row(phone(1), "Ok"),
        Row("12345", "ShortPhone", expect="INVALID_PHONE", local=True),
        Row("+91 98x", "Letters", expect="INVALID_PHONE", local=True),
        Row(phone(2), "BadMail", email="a@@b", expect="INVALID_EMAIL", local=True),
        Row(phone(3), "Ok3", email="ok@example.com"),
        Row(phone(1), "Again", expect="DUPLICATE_ENTRY", local=True),
        Row("", "NoPhone", expect="MISSING_REQUIRED", local=True),
    ]
    data = write_rows(tmp_path / "local.csv", rows)
    with running_mock(mock_config()) as mock:
        result = importer(mock, data.path)
        store = ccm_numbers(mock)
        totals = [mock.store.ccm.upload(mock.account_sid, p.upload_id or "")["total"] for p in result.parts]
    assert codes(result) == data.expected()
    assert all(f.source == "local" for f in result.failures())
    assert store == {phone(1): 1, phone(3): 1}
    assert phone(2) not in store  # valid number, bad email: not sent
    assert totals == [2]
    assert result.accepted == 2


def test_only_local_failures_sends_nothing(importer: Importer, tmp_path: Path) -> None:
    data = write_rows(tmp_path / "bad.csv", [Row("nope", "A", expect="INVALID_PHONE", local=True)])
    with running_mock(mock_config()) as mock:
        result = importer(mock, data.path)
        assert not mock.store.ccm.contacts(mock.account_sid)
    assert importer.uploads == 0
    assert result.parts == []
    assert codes(result) == {1: "INVALID_PHONE"}
    assert result.accepted == 0


def test_send_invalid_lets_the_server_judge(importer: Importer, tmp_path: Path) -> None:
    rows = [
        Row(phone(1), "Ok"),
        Row("98-bad", "Bad", expect="INVALID_PHONE"),
        Row(phone(2), "Mail", email="not-an-email", expect="INVALID_EMAIL"),
        Row(phone(3), "Ok3"),
        Row(phone(1), "Again", expect="DUPLICATE_ENTRY"),  # same part as row 1: the server sees it second
        Row("", "Empty", expect="MISSING_REQUIRED"),
    ]
    data = write_rows(tmp_path / "send.csv", rows)
    with running_mock(mock_config()) as mock:
        result = importer(mock, data.path, send_invalid=True)
        store = ccm_numbers(mock)
        totals = [mock.store.ccm.upload(mock.account_sid, p.upload_id or "")["total"] for p in result.parts]
    assert totals == [6]  # every row went to the server
    assert codes(result) == data.expected()
    assert all(f.source == "server" for f in result.failures())
    assert store == {phone(1): 1, phone(3): 1}
    assert result.accepted == 2


def test_quota_exceeded_across_parts(importer: Importer, tmp_path: Path) -> None:
    data = write_rows(tmp_path / "quota.csv", [Row(phone(i), f"Q{i}") for i in range(1, 26)])
    with running_mock(mock_config(contact_quota=13)) as mock:
        result = importer(mock, data.path, limits=Limits(ccm_max_rows=ROWS_PER_PART))
        store = ccm_numbers(mock)
    failed = codes(result)
    assert len(result.parts) == 3
    assert set(failed.values()) == {"QUOTA_EXCEEDED"}
    assert len(failed) == 12
    assert len(store) == 13
    assert all(count == 1 for count in store.values())
    # Every row is either in the store or reported over quota, never both (parts may finish in any order).
    numbers = {n: row.phone for n, row in enumerate(data.rows, 1)}
    assert {numbers[n] for n in failed}.isdisjoint(store)
    assert {numbers[n] for n in failed} | set(store) == set(numbers.values())
    assert {f.phone_number for f in result.failures()} == {numbers[n] for n in failed}
    assert result.accepted == 13


def test_error_csv_is_in_the_seed_format_and_neutralised(importer: Importer, tmp_path: Path) -> None:
    rows = [
        Row(phone(1), '=HYPERLINK("http://x")', "@SUM(A1)", expect=None),
        Row("=1+1", "-2+3", "+cmd", expect="INVALID_PHONE", local=True),
        Row(phone(2), "=evil()", "ok", email="bad", expect="INVALID_EMAIL", local=True),
        Row(phone(1), "@dup", "\tTab", expect="DUPLICATE_ENTRY", local=True),
        Row(phone(9), "Exists", "=1", expect="DUPLICATE_ENTRY"),
    ]
    data = write_rows(tmp_path / "formula.csv", rows)
    with running_mock(mock_config()) as mock:
        importer(mock, write_rows(tmp_path / "seed.csv", [Row(phone(9), "Seed")]).path)
        result = importer(mock, data.path, errors_out=tmp_path / "errors.csv")
    assert result.error_file == tmp_path / "errors.csv"
    with (tmp_path / "errors.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == [
        "row_number",
        "phone_number",
        "first_name",
        "last_name",
        "error_code",
        "error_message",
    ]
    body = table[1:]
    assert [int(r[0]) for r in body] == [2, 3, 4, 5]
    assert [r[4] for r in body] == ["INVALID_PHONE", "INVALID_EMAIL", "DUPLICATE_ENTRY", "DUPLICATE_ENTRY"]
    assert body[0][1:4] == ["'=1+1", "'-2+3", "'+cmd"]
    assert body[1][1:3] == [phone(2), "'=evil()"]  # +91... stays a number
    assert body[2][1:4] == [phone(1), "'@dup", "'\tTab"]
    assert body[3][1:4] == [phone(9), "Exists", "'=1"]  # a server failure, names read back from the part
    cells = [cell for row in body for cell in row]
    assert not [
        c for c in cells if c[:1] in ("=", "@", "-", "\t", "\r") or (c[:1] == "+" and not c[1:].isdigit())
    ]


def campaign_rows(n: int) -> list[Row]:
    return [Row(phone(i, "+9197"), f"C{i}", f"Surname{i}", company=f"Co{i}") for i in range(1, n + 1)]


def test_campaign_split_by_bytes_into_one_list(importer: Importer, tmp_path: Path) -> None:
    rows = campaign_rows(40)
    rows[4] = Row("bad", "Bad", expect="INVALID_PHONE", local=True)
    rows[30] = Row(rows[2].phone, "Dup", expect="DUPLICATE_ENTRY", local=True)
    data = write_rows(
        tmp_path / "campaign.csv", rows, ("number", "first_name", "last_name", "email", "company_name", "tag")
    )
    limit = 400  # bytes a part, header included: a few rows each
    with running_mock(mock_config(campaign_max_file_bytes=limit)) as mock:
        result = importer(
            mock, data.path, family="campaign", list_name="spring", limits=Limits(campaign_max_bytes=limit)
        )
        lists = mock.store.directory.lists_with_numbers(mock.account_sid)
    assert len(result.parts) >= 4
    assert all(p.status == "completed" and p.error is None and p.upload_id for p in result.parts)
    assert importer.uploads == len(result.parts)
    assert codes(result) == data.expected()
    assert [entry["name"] for entry in lists] == ["spring"]
    assert sorted(lists[0]["numbers"]) == sorted(data.accepted_numbers())
    assert result.accepted == 38
    assert sum(p.rows for p in result.parts) == 38


def test_campaign_needs_a_list_name(importer: Importer, tmp_path: Path) -> None:
    data = write_rows(tmp_path / "c.csv", campaign_rows(2))
    with running_mock(mock_config()) as mock, pytest.raises(ec.InvalidInputError):
        importer(mock, data.path, family="campaign")
    assert importer.uploads == 0


def test_wait_false_leaves_rows_pending(importer: Importer, tmp_path: Path) -> None:
    rows = [Row(phone(i), f"W{i}") for i in range(1, 24)]
    rows[6] = Row("bad", "Bad", expect="INVALID_PHONE", local=True)
    data = write_rows(tmp_path / "nowait.csv", rows)
    with running_mock(mock_config(processing_rate=0.5)) as mock:
        result = importer(mock, data.path, wait=False, limits=Limits(ccm_max_rows=ROWS_PER_PART))
        uploads = [mock.store.ccm.upload(mock.account_sid, p.upload_id or "") for p in result.parts]
    assert len(result.parts) == 3
    assert all(p.upload_id and p.status is None and p.error is None for p in result.parts)
    assert result.pending == 22
    assert result.accepted == 0
    assert codes(result) == {7: "INVALID_PHONE"}
    assert [u["total"] for u in uploads] == [10, 10, 2]
    assert importer.seen["GET errors"] == 0


def test_national_numbers_with_default_region(importer: Importer, tmp_path: Path) -> None:
    rows = [
        Row("09876543210", "Zero"),
        Row("9876543211", "Ten"),
        Row("+919876543212", "Intl"),
        Row("98765", "Short", expect="INVALID_PHONE", local=True),
        Row("0 98765 43210", "Spaced", expect="DUPLICATE_ENTRY", local=True),
    ]
    data = write_rows(tmp_path / "national.csv", rows)
    with running_mock(mock_config()) as mock:
        result = importer(mock, data.path, default_region="IN")
        store = ccm_numbers(mock)
    assert store == {"+919876543210": 1, "+919876543211": 1, "+919876543212": 1}
    assert codes(result) == data.expected()
    assert result.accepted == 3


def test_part_rejected_with_413_reports_every_row(importer: Importer, tmp_path: Path) -> None:
    long = "L" * 200
    rows = [Row(phone(i), f"S{i}") for i in range(1, 16)]
    for i in range(5, 10):  # the second part of five: too big for the server
        rows[i] = Row(phone(i + 1), f"S{i + 1}", long)
    rows[7] = Row("bad", "Bad", long, expect="INVALID_PHONE", local=True)
    data = write_rows(tmp_path / "big.csv", rows)
    with running_mock(mock_config(ccm_max_file_bytes=700)) as mock:
        result = importer(mock, data.path, limits=Limits(ccm_max_rows=5))
        store = ccm_numbers(mock)
    sent = [n for n, row in enumerate(data.rows, 1) if not row.local]
    parts = chunks(sent, 5)
    big = [n for n in sent if len(data.rows[n - 1].last) > 100]
    assert [p.rows for p in result.parts] == [len(p) for p in parts]
    failed_parts = [p for p in result.parts if p.error]
    assert len(failed_parts) == 1
    assert failed_parts[0].error_type == "PayloadTooLargeError"
    expected = {**data.expected(), **dict.fromkeys(parts[1], "UPLOAD_FAILED")}
    assert set(parts[1]) >= set(big)
    assert codes(result) == expected
    upload_failed = [f for f in result.failures() if f.error_code == "UPLOAD_FAILED"]
    assert all(
        f.source == "upload" and f.phone_number == data.rows[f.row_number - 1].phone for f in upload_failed
    )
    assert set(store) == {data.rows[n - 1].phone for n in sent if n not in parts[1]}
    assert result.accepted == len(sent) - len(parts[1])


def test_lost_answer_reports_outcome_unknown_for_create_new(importer: Importer, tmp_path: Path) -> None:
    """create_new is not replay-safe: a lost answer is OUTCOME_UNKNOWN for each row of the part."""
    data = write_rows(tmp_path / "lost.csv", [Row(phone(i), f"U{i}") for i in range(1, 13)])
    config = mock_config(fault_rates=(("lost_response", 1.0),))
    with running_mock(config) as mock:
        result = importer(mock, data.path, duplicate_action="create_new", limits=Limits(ccm_max_rows=5))
        store = ccm_numbers(mock)
    assert [p.error_type for p in result.parts] == ["OutcomeUnknownError"] * 3
    assert codes(result) == dict.fromkeys(range(1, 13), "OUTCOME_UNKNOWN")
    assert all("check the account" in f.error_message for f in result.failures())
    # The work was done (the answer was lost): the store has them, which the report admits it cannot know.
    assert set(store) <= {row.phone for row in data.rows}
    assert result.accepted == 0


def test_authentication_error_stops_after_the_first_part(importer: Importer, tmp_path: Path) -> None:
    data = write_rows(tmp_path / "auth.csv", [Row(phone(i), f"A{i}") for i in range(1, 31)])
    with running_mock(mock_config()) as mock:
        result = importer(mock, data.path, client={"api_token": "wrong"}, limits=Limits(ccm_max_rows=3))
        assert not mock.store.ccm.contacts(mock.account_sid)
    assert isinstance(result.aborted, ec.AuthenticationError)
    assert len(result.parts) == 10
    assert importer.uploads == 1
    assert codes(result) == dict.fromkeys(range(1, 31), "UPLOAD_FAILED")
    assert result.parts[0].error_type == "AuthenticationError"
