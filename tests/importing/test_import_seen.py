"""Memory that must not grow with the file: the duplicate check's compact table and the parts' row maps."""

from __future__ import annotations

import random
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exotel_contacts.importing import (
    Limits,
    file_checks,
    read_contacts,
    reader,
    seen,
    split_file,
    validate_file,
)
from exotel_contacts.importing.rowmap import RowMap
from exotel_contacts.importing.seen import SeenNumbers, next_prime

HEADER = "phone_number,first_name,last_name,email,company,tag\n"


def write_rows(path: Path, phones: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        for i, phone in enumerate(phones, 1):
            handle.write(f"{phone},First{i},Last{i},,,\n")
    return path


def expected_duplicates(phones: list[str]) -> list[tuple[int, int]]:
    """(row, first row) for every repeat, the way a dict would find them (phones compared trimmed)."""
    first: dict[str, int] = {}
    found = []
    for row, phone in enumerate(phones, 1):
        if first.setdefault(phone.strip(), row) != row:
            found.append((row, first[phone.strip()]))
    return found


def duplicates_of(report_failures: object) -> list[tuple[int, int]]:
    out = []
    for failure in report_failures:  # type: ignore[attr-defined]
        if failure.error_code == "DUPLICATE_ENTRY":
            first = int(failure.error_message.split(" in row ")[1].split(" ")[0])
            out.append((failure.row_number, first))
    return out


def test_duplicates_name_the_row_they_repeat(tmp_path: Path) -> None:
    rng = random.Random(5)
    phones = [f"+9198{rng.randrange(10**8):08d}" for _ in range(30_000)]
    for i in range(0, 30_000, 37):
        phones[i] = phones[rng.randrange(30_000)]
    path = write_rows(tmp_path / "many.csv", phones)
    report = validate_file(path)
    assert duplicates_of(report.failures) == expected_duplicates(phones)
    assert report.duplicate_rows == len(expected_duplicates(phones)) > 500
    dup = next(f for f in report.failures if f.error_code == "DUPLICATE_ENTRY")
    assert dup.first_name == f"First{dup.row_number}"  # the duplicate row's own names


@pytest.fixture
def known_prime(monkeypatch: pytest.MonkeyPatch) -> None:
    """The table's size without its random offset: the smallest prime above rows / LOAD."""
    monkeypatch.setattr(seen.random, "randrange", lambda _n: 0)


@pytest.mark.usefixtures("known_prime")
def test_numbers_in_one_residue_class_still_resolve(tmp_path: Path) -> None:
    # Numbers that differ by a multiple of the table size share a home slot; probing keeps them apart.
    rows = 3001
    size = SeenNumbers(rows + 2).size  # what validate_file builds for this file (records + header + 1)
    phones = [f"+{919800000000 + k * size}" for k in range(3000)] + ["+919800000000"]
    path = write_rows(tmp_path / "class.csv", phones)
    assert file_checks.prescan(path)[0] == rows + 2
    report = validate_file(path)
    assert duplicates_of(report.failures) == [(3001, 1)]


def test_a_probe_past_the_limit_rebuilds_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # With a limit of one step, most collisions rebuild (larger, both in the batch and on the
    # slow path); the verdicts must not change.
    monkeypatch.setattr(seen, "PROBE_LIMIT", 1)
    rng = random.Random(9)
    phones = [f"+9198{rng.randrange(4000):08d}" for _ in range(3000)]
    phones = [f" {p} " if i % 5 == 0 else p for i, p in enumerate(phones)]  # every fifth: the slow path
    report = validate_file(write_rows(tmp_path / "limit.csv", phones))
    assert duplicates_of(report.failures) == expected_duplicates(phones)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=40), st.booleans()), min_size=1, max_size=1200))
def test_the_table_agrees_with_a_dict(tmp_path_factory: object, picks: list[tuple[int, bool]]) -> None:
    # Plain numbers take the batch path and the inline probe; padded ones the per-row path and
    # SeenNumbers.first_row: the two must agree on which row came first. Up to 1200 rows: three batches.
    tmp = tmp_path_factory.mktemp("seen")  # type: ignore[attr-defined]
    phones = [f" +91987654{p:04d} " if padded else f"+91987654{p:04d}" for p, padded in picks]
    report = validate_file(write_rows(tmp / "p.csv", phones))
    assert duplicates_of(report.failures) == expected_duplicates(phones)


def test_only_rows_that_pass_the_other_checks_count_as_first(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(
        HEADER
        + "+919876543210,A,,bad@,,\n"  # fails email: not a first occurrence
        + " +919876543210 ,B,,,,\n"  # trimmed on the slow path: the first
        + "+919876543210,C,,,,\n",
        encoding="utf-8",
    )
    report = validate_file(path)
    assert [(f.row_number, f.error_code) for f in report.failures] == [
        (1, "INVALID_EMAIL"),
        (3, "DUPLICATE_ENTRY"),
    ]
    assert "row 2 " in report.failures[1].error_message


def test_streaming_consumers_see_the_same_verdicts(tmp_path: Path) -> None:
    phones = ["+919876543210", "+919876543211", "+919876543210", "+919876543211", "+919876543212"]
    path = write_rows(tmp_path / "s.csv", phones)
    verdicts = [(r.row_number, r.failure.error_code if r.failure else None) for r in read_contacts(path)]
    assert verdicts == [(1, None), (2, None), (3, "DUPLICATE_ENTRY"), (4, "DUPLICATE_ENTRY"), (5, None)]
    split = split_file(path, family="ccm", out_dir=tmp_path / "parts")
    assert [list(p.row_map) for p in split.parts] == [[1, 2, 5]]
    unchecked = split_file(path, family="ccm", out_dir=tmp_path / "all", detect_duplicates=False)
    assert [list(p.row_map) for p in unchecked.parts] == [[1, 2, 3, 4, 5]]


def test_table_memory_is_a_small_constant_per_row(tmp_path: Path) -> None:
    def peak(rows: int) -> int:
        path = write_rows(tmp_path / f"{rows}.csv", [f"+9198{i:08d}" for i in range(rows)])
        tracemalloc.start()
        try:
            validate_file(path)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(20_000), peak(80_000)
    # One 8-byte slot per 0.85 rows, sized before the scan: ~9.4 bytes a row (a dict: ~140).
    assert (large - small) / 60_000 < 11


def test_the_table_is_sized_once_from_the_line_breaks(tmp_path: Path) -> None:
    for ending in ("\n", "\r\n", "\r"):
        path = tmp_path / "endings.csv"
        path.write_bytes(("phone_number" + "".join(f"{ending}+9198{i:08d}" for i in range(1000))).encode())
        assert file_checks.prescan(path)[0] == 1001  # 1000 breaks, one more line after the last
    quoted = tmp_path / "quoted.csv"
    quoted.write_text('phone_number,note\n+919800000001,"two\nlines"\n', encoding="utf-8")
    assert file_checks.prescan(quoted)[0] == 4  # an upper bound: 2 records


def test_entries_rebuild_every_number_and_its_first_row() -> None:
    rng = random.Random(3)
    table = SeenNumbers(5000)
    numbers = {rng.randrange(1, seen.MAX_NUMBER): row for row in range(1, 5001)}
    for number, row in numbers.items():
        assert table.record(number, row) == (table, row)
    assert dict(table.entries()) == numbers
    assert all(table.record(number, 1) == (table, row) for number, row in numbers.items())
    bigger = table.grown(7000)
    assert bigger.size > table.size
    assert dict(bigger.entries()) == numbers


def test_next_prime() -> None:
    assert [next_prime(n) for n in (0, 2, 14, 16_400, 7919)] == [2, 2, 17, 16_411, 7919]
    assert next_prime(2**61 - 2) == 2**61 - 1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=6), max_size=60))
def test_row_map_is_the_list_it_stands_for(gaps: list[int]) -> None:
    rows, row = [], 0
    for gap in gaps:
        row += gap
        rows.append(row)
    mapped = RowMap(rows)
    assert list(mapped) == rows
    assert len(mapped) == len(rows)
    assert [mapped[i] for i in range(-len(rows), len(rows))] == rows + rows
    assert mapped[1:-1:2] == rows[1:-1:2]
    assert mapped.runs == sum(1 for i, r in enumerate(rows) if i == 0 or r != rows[i - 1] + 1)
    assert [r for r in range(-1, row + 3) if r in mapped] == rows
    assert "1" not in mapped


def test_rows_sent_anyway_leave_the_local_list(tmp_path: Path) -> None:
    # send_invalid: rows that failed locally but were sent get the server's verdict; the report
    # keeps only the local failures of rows never sent (wrong field count), asked of the parts' runs.
    from exotel_contacts.importing import ImportReport  # noqa: PLC0415

    path = tmp_path / "anyway.csv"
    body = [f"+9198{i:08d},A,B,,," for i in range(12)]
    body[3] = "bad,A,B,,,"
    body[7] = "+9198,A"  # two fields: cannot be sent
    body[10] = body[0]  # duplicate, sent anyway
    path.write_text(HEADER + "\n".join(body) + "\n", encoding="utf-8")
    split = split_file(
        path, family="ccm", out_dir=tmp_path / "p", send_invalid=True, limits=Limits(ccm_max_rows=5)
    )
    assert len(split.parts) == 3
    assert [f.row_number for f in split.validation.failures] == [4, 8, 11]
    assert [f.row_number for f in ImportReport.from_split(split).failures] == [8]


def test_row_map_of_a_clean_file_is_one_run_per_part(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "clean.csv", [f"+9198{i:08d}" for i in range(20_000)])
    split = split_file(path, family="ccm", out_dir=tmp_path / "parts", limits=Limits(ccm_max_rows=5_000))
    assert [(p.row_map.runs, p.row_map[0], p.row_map[-1]) for p in split.parts] == [
        (1, 1 + 5_000 * i, 5_000 * (i + 1)) for i in range(4)
    ]


def test_blank_lines_do_not_size_the_table(tmp_path: Path) -> None:
    # 200,000 line breaks and three numbers: the table is sized by what could be a row with a phone.
    path = tmp_path / "blank.csv"
    path.write_text(HEADER + "\n" * 200_000 + "+919876543210,,,,,\n" * 3, encoding="utf-8")
    with reader.ContactSource(path) as source:
        source.check_all()
        # 22,235 possible rows by the bytes, row numbers up to 200,004 (18 bits): the quotient needs
        # 58,208 slots at least; a table sized by the line breaks would hold 235,300 (1.9 MB).
        assert 58_208 * 8 <= source.duplicate_table_bytes < 0.5 * 2**20
    report = validate_file(path)
    assert (report.blank_rows, report.duplicate_rows) == (200_000, 2)
