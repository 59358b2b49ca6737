"""The import report a person reads at a glance: failures summed by error code first (count, first original
rows, how to fix once), then the first rows with one-line messages, then the error CSV; the same counts in
--json and on ImportResult."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from cli_support import Invoke, one_json

from exotel_contacts import CodeSummary, explain
from exotel_contacts.workflows.failure_summary import (
    FIRST_ROWS,
    summarize_by_code,
)

HEADER = "phone_number,first_name,last_name,email,company,tag\n"


def _file(tmp_path: Path) -> Path:
    rows = [f"+9198765{i:05d},N{i},L,,,\n" for i in range(4)]
    rows += [f"12{i},Bad,Phone,,,\n" for i in range(7)]  # rows 5-11: INVALID_PHONE
    rows += ["+919811111111,Bad,Email,not-an-email,,\n"]  # row 12: INVALID_EMAIL
    path = tmp_path / "contacts.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def test_summaries_count_name_the_first_rows_and_explain_once() -> None:
    failures = [
        SimpleNamespace(row_number=n, error_code="INVALID_PHONE", error_message="m") for n in range(1, 9)
    ]
    failures.append(
        SimpleNamespace(row_number=3, error_code="NEW_SERVER_CODE", error_message="told by Exotel")
    )
    found = summarize_by_code(sorted(failures, key=lambda f: f.row_number))
    assert [(s.code, s.count) for s in found] == [("INVALID_PHONE", 8), ("NEW_SERVER_CODE", 1)]
    assert found[0].first_rows == tuple(range(1, FIRST_ROWS + 1))
    info = explain("INVALID_PHONE")
    assert info is not None
    assert found[0].how_to_fix == info.how_to_fix
    assert found[1].how_to_fix is None
    assert found[1].message == "told by Exotel"
    assert isinstance(found[0], CodeSummary)
    assert found[0].to_dict()["first_rows"] == [1, 2, 3, 4, 5]


def test_upload_report_by_code_on_the_terminal_and_in_json(invoke: Invoke, tmp_path: Path) -> None:
    path = _file(tmp_path)
    errors = tmp_path / "errors.csv"
    shown = invoke("upload", str(path), "--errors-out", str(errors))
    assert shown.exit_code == 1, shown.stderr
    out = shown.stdout
    assert "failures by error code (8 rows)" in out
    by_code_at, rows_at, csv_at = (
        out.index("failures by error code"),
        out.index("failed rows (8"),
        out.index("error CSV:"),
    )
    assert by_code_at < rows_at < csv_at
    assert "5, 6, 7, 8, 9, ..." in out
    info = explain("INVALID_PHONE")
    assert info is not None
    assert info.how_to_fix is not None
    # The how-to-fix is said once, in the summary, not again on each of the seven rows.
    assert out.count(info.how_to_fix.split()[0] + " " + info.how_to_fix.split()[1]) <= 1

    document = one_json(invoke("upload", str(path), "--json").stdout)["import"]
    by_code = {entry["code"]: entry for entry in document["by_code"]}
    assert by_code["INVALID_PHONE"]["count"] == 7
    assert by_code["INVALID_PHONE"]["first_rows"] == [5, 6, 7, 8, 9]
    assert by_code["INVALID_EMAIL"]["first_rows"] == [12]
    assert sum(entry["count"] for entry in document["by_code"]) == document["failed"] + document["duplicates"]
