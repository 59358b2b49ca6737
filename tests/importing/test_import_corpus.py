"""Every file of tests/data/bad_csv through validate_file and split_file, against expected.json."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from exotel_contacts import importing
from exotel_contacts.importing import (
    ContactFileError,
    ImportReport,
    split_file,
    validate_file,
    write_error_csv,
)

CORPUS = Path(__file__).parents[1] / "data" / "bad_csv"
MANIFEST: dict[str, dict[str, Any]] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))


def test_corpus_is_complete() -> None:
    files = {path.name for path in CORPUS.glob("*.csv")}
    assert files == set(MANIFEST)
    assert len(files) >= 30


def _check_error(exc: ContactFileError, expected: dict[str, Any]) -> None:
    assert type(exc).__name__ == expected["error"]
    assert isinstance(exc, getattr(importing, expected["error"]))
    if expected.get("line") is not None:
        assert exc.line == expected["line"]
    # Every message says what to do, not only what is wrong.
    assert len(exc.message) > 20


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_validate_file(name: str) -> None:
    expected = MANIFEST[name]
    if expected["error"]:
        with pytest.raises(ContactFileError) as info:
            validate_file(CORPUS / name)
        _check_error(info.value, expected)
        return
    report = validate_file(CORPUS / name)
    assert report.total_rows == expected["total_rows"]
    assert report.valid_rows == expected["valid_rows"]
    assert report.blank_rows == expected["blank_rows"]
    assert {str(f.row_number): f.error_code for f in report.failures} == expected["rows"]
    assert all(f.source == "local" and f.error_message for f in report.failures)
    if "warnings" in expected:
        assert len(report.warnings) == expected["warnings"]


@pytest.mark.parametrize("family", ["ccm", "campaign"])
@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_split_file(name: str, family: str, tmp_path: Path) -> None:
    expected = MANIFEST[name]
    out = tmp_path / "parts"
    if expected["error"]:
        with pytest.raises(ContactFileError) as info:
            split_file(CORPUS / name, family=family, out_dir=out)  # type: ignore[arg-type]
        _check_error(info.value, expected)
        assert not list(out.glob("*.csv"))
        return
    result = split_file(CORPUS / name, family=family, out_dir=out)  # type: ignore[arg-type]
    assert result.sent_rows == expected["valid_rows"]
    assert {str(f.row_number): f.error_code for f in result.validation.failures} == expected["rows"]
    failed = {int(row) for row in expected["rows"]}
    for part in result.parts:
        with part.path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert tuple(rows[0]) == result.columns
        assert rows[0][0] == ("phone_number" if family == "ccm" else "number")
        assert len(rows) - 1 == part.rows == len(part.row_map)
        assert part.size_bytes == part.path.stat().st_size
        assert not failed & set(part.row_map)
    report = ImportReport.from_split(result)
    assert report.accepted == expected["valid_rows"]
    write_error_csv(report, tmp_path / "errors.csv")


def test_formulas_are_neutralised_in_error_csv(tmp_path: Path) -> None:
    report = validate_file(CORPUS / "formulas.csv")
    write_error_csv(report, tmp_path / "errors.csv")
    with (tmp_path / "errors.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "@", "-", "\t", "\r")]
    assert [row[1] for row in rows] == ["'=1+1", "'+SUM(A1:A2)", "'@SUM(1+1)", "'-1"]
