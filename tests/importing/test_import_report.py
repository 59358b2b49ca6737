"""ImportReport (local + server failures in original row numbers) and the error CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from exotel_contacts.importing import (
    ERROR_CSV_COLUMNS,
    ImportReport,
    Limits,
    RowFailure,
    SplitResult,
    neutralise_cell,
    split_file,
    validate_file,
    write_error_csv,
)

HEADER = "phone_number,first_name,last_name,email,company,tag\n"


@pytest.fixture
def split(tmp_path: Path) -> SplitResult:
    path = tmp_path / "c.csv"
    rows = [f"+91987{n:07d},First{n},Last{n},,," for n in range(1, 13)]
    rows[4] = "bad,First5,Last5,,,"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return split_file(path, family="ccm", out_dir=tmp_path / "out", limits=Limits(ccm_max_rows=4))


def test_server_failures_map_back_to_original_rows(split: SplitResult) -> None:
    report = ImportReport.from_split(split)
    assert (report.total_rows, report.sent_rows, report.failed, report.accepted) == (12, 11, 1, 11)
    second = split.parts[1]  # original rows 6, 7, 8, 9
    report.add_server_failures(
        second,
        [
            {
                "row_number": 2,
                "phone_number": "+919870000007",
                "error_code": "DUPLICATE_ENTRY",
                "error_message": "exists",
            },
            {
                "row_number": 4,
                "phone_number": "+919870000009",
                "error_code": "QUOTA_EXCEEDED",
                "error_message": "full",
            },
        ],
    )
    failures = report.sorted_failures()
    assert [(f.row_number, f.error_code, f.source) for f in failures] == [
        (5, "INVALID_PHONE", "local"),
        (7, "DUPLICATE_ENTRY", "server"),
        (9, "QUOTA_EXCEEDED", "server"),
    ]
    # The errors API has no names; they are read back from the part file.
    assert (failures[1].first_name, failures[1].last_name) == ("First7", "Last7")
    assert (report.failed, report.duplicates, report.accepted) == (2, 1, 9)
    report.add_server_counts(failed=1, duplicates=2)
    assert (report.failed, report.duplicates, report.accepted) == (3, 3, 6)


def test_error_csv_format(split: SplitResult, tmp_path: Path) -> None:
    report = ImportReport.from_split(split)
    report.add_server_failures(split.parts[0], [{"row_number": 1, "error_code": "DUPLICATE_ENTRY"}])
    count = write_error_csv(report, tmp_path / "errors.csv")
    with (tmp_path / "errors.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert count == 2
    assert tuple(rows[0]) == ERROR_CSV_COLUMNS
    assert rows[1][:5] == ["1", "", "First1", "Last1", "DUPLICATE_ENTRY"]
    assert rows[2][:5] == ["5", "bad", "First5", "Last5", "INVALID_PHONE"]
    write_error_csv(report, tmp_path / "errors2.csv", include_source=True)
    with (tmp_path / "errors2.csv").open(encoding="utf-8", newline="") as handle:
        assert [row[-1] for row in csv.reader(handle)] == ["found_by", "server", "local"]


def test_send_invalid_leaves_the_verdict_to_the_server(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(HEADER + "bad,A,B,,,\n+919876543210,C,D,,,\nshort\n", encoding="utf-8")
    result = split_file(path, family="ccm", out_dir=tmp_path / "out", send_invalid=True)
    report = ImportReport.from_split(result)
    # Row 1 was sent (the server will judge it); row 3 could not be sent and stays a local failure.
    assert [(f.row_number, f.error_code) for f in report.failures] == [(3, "INVALID_FORMAT")]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+SUM(A1:A2)", "'+SUM(A1:A2)"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("+919876543210", "+919876543210"),
        ("+91 98765", "'+91 98765"),
        ("John", "John"),
        ("", ""),
    ],
)
def test_neutralise_cell(cell: str, expected: str) -> None:
    assert neutralise_cell(cell) == expected


def test_validation_report_writes_too(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(HEADER + "=1+1,@x,-y,,,\n", encoding="utf-8")
    write_error_csv(validate_file(path), tmp_path / "e.csv")
    with (tmp_path / "e.csv").open(encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle))[1][:4] == ["1", "'=1+1", "'@x", "'-y"]


def test_row_failure_is_a_plain_record() -> None:
    failure = RowFailure(3, "+91", "A", "B", "INVALID_PHONE", "why", "local")
    assert failure._replace(source="server").source == "server"
