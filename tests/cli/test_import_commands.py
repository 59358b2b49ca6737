"""validate, upload, csv-upload, create and demo against the mock: --json documents, exit codes,
row numbers of the original file, and no animation without a terminal."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from cli_support import Invoke, one_json

from exotel_contacts_mock.background import RunningMock

HEADER = "phone_number,first_name,last_name,email,company,tag\n"
GOOD = [f"+9198765{index:05d},Name{index},Last,n{index}@example.com,Acme,t\n" for index in range(8)]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def contact_file(tmp_path: Path) -> Path:
    # rows 1-8 good, 9 bad phone, 10 bad email, 11 duplicate of row 1, 12 a formula in a name
    rows = [
        *GOOD,
        "12345,Bad,Phone,,,\n",
        "+919811111111,Bad,Email,not-an-email,,\n",
        GOOD[0],
        "+919822222222,=HYPERLINK(1),Formula,,,\n",
    ]
    return write(tmp_path, "contacts.csv", HEADER + "".join(rows))


def test_validate_reports_rows_and_exit_1(invoke: Invoke, tmp_path: Path) -> None:
    path = contact_file(tmp_path)
    result = invoke("validate", str(path), "--json")
    assert result.exit_code == 1
    doc = one_json(result.stdout)["validation"]
    assert doc["total"] == 12
    assert {f["row_number"]: f["error_code"] for f in doc["failures"]} == {
        9: "INVALID_PHONE",
        10: "INVALID_EMAIL",
        11: "DUPLICATE_ENTRY",
    }


def test_validate_clean_file_exit_0_and_bad_encoding_exit_2(invoke: Invoke, tmp_path: Path) -> None:
    clean = write(tmp_path, "clean.csv", HEADER + "".join(GOOD))
    assert invoke("validate", str(clean)).exit_code == 0
    latin = tmp_path / "latin.csv"
    latin.write_bytes((HEADER + "+919876543210,Jos\xe9,,,,\n").encode("latin-1"))
    result = invoke("validate", str(latin))
    assert result.exit_code == 2
    assert "UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_upload_imports_and_reports_original_rows(
    exotel_mock: RunningMock, invoke: Invoke, tmp_path: Path
) -> None:
    path = contact_file(tmp_path)
    errors = tmp_path / "errors.csv"
    result = invoke("upload", str(path), "--errors-out", str(errors), "--json")
    assert result.exit_code == 1, result.stderr
    doc = one_json(result.stdout)["import"]
    assert (doc["total"], doc["accepted"], doc["failed"], doc["duplicates"]) == (12, 9, 2, 1)
    assert [f["row_number"] for f in doc["failures"]] == [9, 10, 11]
    with errors.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["row_number", "phone_number", "first_name", "last_name", "error_code", "error_message"]
    assert [r[0] for r in rows[1:]] == ["9", "10", "11"]
    stored = {c["phone_number"] for c in exotel_mock.store.ccm.contacts(exotel_mock.account_sid)}
    assert "+919822222222" in stored
    assert "12345" not in stored
    # The second time every accepted row is a duplicate on the server: reported, not lost.
    again = one_json(invoke("upload", str(path), "--json").stdout)["import"]
    assert again["accepted"] == 0
    assert again["duplicates"] == 10


def test_upload_no_wait_leaves_rows_pending(invoke: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path, "clean.csv", HEADER + "".join(GOOD))
    doc = one_json(invoke("upload", str(path), "--no-wait", "--json").stdout)["import"]
    assert doc["pending"] == 8
    assert doc["parts"][0]["upload_id"]


def test_csv_upload_into_a_list(exotel_mock: RunningMock, invoke: Invoke, tmp_path: Path) -> None:
    path = write(
        tmp_path, "campaign.csv", "number,first_name,company_name\n+919876500001,A,X\n+919876500002,B,Y\n"
    )
    result = invoke("csv-upload", str(path), "--list-name", "vip", "--json")
    assert result.exit_code == 0, result.stderr
    doc = one_json(result.stdout)["import"]
    assert (doc["total"], doc["accepted"]) == (2, 2)


def test_create_from_jsonl_and_csv(exotel_mock: RunningMock, invoke: Invoke, tmp_path: Path) -> None:
    lines = [json.dumps({"number": f"+9170000000{i:02d}", "first_name": "J"}) for i in range(5)]
    lines += ["not json", json.dumps({"number": "+917000000000"})]  # line 6 broken, line 7 duplicate
    jsonl = write(tmp_path, "contacts.jsonl", "\n".join(lines) + "\n")
    result = invoke("create", str(jsonl), "--json")
    assert result.exit_code == 1
    doc = one_json(result.stdout)["create"]
    assert doc["counts"]["created"] == 5
    outcomes = {item["row"]: item["outcome"] for item in doc["failures"]}
    assert outcomes == {6: "failed_locally", 7: "already_existed"}
    clean = write(tmp_path, "c.csv", "number,first_name\n+917100000001,A\n+917100000002,B\n")
    assert invoke("create", str(clean)).exit_code == 0


def test_no_animation_without_a_terminal(invoke: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path, "clean.csv", HEADER + "".join(GOOD))
    result = invoke("upload", str(path))
    assert result.exit_code == 0
    text = result.stdout + result.stderr
    assert "\r" not in text
    assert "\x1b[?25l" not in text
    assert "checked 8 rows" in result.stderr


def test_demo_runs_end_to_end(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = invoke("demo", "--rows", "3000", "--output-dir", str(out), "--json")
    assert result.exit_code == 0, result.stderr
    doc = one_json(result.stdout)
    assert doc["import"]["total"] == 3000
    assert doc["import"]["failed"] > 0
    assert doc["bulk_create"]["created"] == 12000
    assert (out / "errors.csv").read_text().startswith("row_number,phone_number")


def test_help_documents_exit_codes(invoke: Invoke) -> None:
    result = invoke("--help")
    assert "Exit codes" in result.stdout
    assert "EXOTEL_API_TOKEN" in result.stdout


def test_upload_and_create_with_a_journal_resume_and_refuse_another_file(
    exotel_mock: RunningMock, invoke: Invoke, tmp_path: Path
) -> None:
    path = contact_file(tmp_path)
    journal = tmp_path / "upload.journal"
    first = one_json(invoke("upload", str(path), "--journal", str(journal), "--json").stdout)["import"]
    stored = len(exotel_mock.store.ccm.contacts(exotel_mock.account_sid))
    # Run again with the same journal: nothing is sent, the report is the same (not all duplicates).
    again = one_json(invoke("upload", str(path), "--journal", str(journal), "--json").stdout)["import"]
    assert len(exotel_mock.store.ccm.contacts(exotel_mock.account_sid)) == stored
    assert (again["accepted"], again["failures"]) == (first["accepted"], first["failures"])
    other = write(tmp_path, "other.csv", HEADER + "".join(GOOD[:3]))
    refused = invoke("upload", str(other), "--journal", str(journal))
    assert refused.exit_code == 2
    assert "another job" in refused.stderr
    assert "Traceback" not in refused.stderr
    contacts = write(
        tmp_path, "contacts.jsonl", "".join(json.dumps({"number": f"+91977{i:07d}"}) + "\n" for i in range(5))
    )
    create_journal = tmp_path / "create.journal"
    made = one_json(invoke("create", str(contacts), "--journal", str(create_journal), "--json").stdout)[
        "create"
    ]
    assert made["counts"]["created"] == 5
    remade = one_json(invoke("create", str(contacts), "--journal", str(create_journal), "--json").stdout)[
        "create"
    ]
    assert remade["counts"]["created"] == 5  # from the journal: not sent again, not "already existed"
    assert invoke("create", str(other), "--journal", str(create_journal)).exit_code == 2
