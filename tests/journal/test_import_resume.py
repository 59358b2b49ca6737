"""Resumable imports: a real import killed with SIGKILL at several steps, then run again to the end."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import httpx
import pytest

import exotel_contacts as ec
from benchmarks.quota_harness import mock_process
from exotel_contacts.workflows.journal import Journal
from exotel_contacts_mock.background import running_mock
from exotel_contacts_mock.config import MockConfig

CHILD = Path(__file__).with_name("resume_child.py")
ROWS = 54  # six parts of ten valid rows or fewer (every 7th row is invalid and checked locally)


def write_file(path: Path) -> tuple[dict[int, str], set[int]]:
    """A CCM file; returns {row: phone} of the valid rows and the invalid rows' numbers."""
    valid: dict[int, str] = {}
    invalid: set[int] = set()
    lines = ["phone_number,first_name,last_name"]
    for row in range(1, ROWS + 1):
        if row % 7 == 0:
            invalid.add(row)
            lines.append(f"not-a-number,Bad,Row{row}")
        else:
            valid[row] = f"+9198{row:08d}"
            lines.append(f"{valid[row]},Good,Row{row}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return valid, invalid


def run(  # noqa: PLR0917 - the child process command line, in order
    mode: str, base_url: str, path: Path, journal: Path, action: str, kill: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHILD), mode, base_url, str(path), str(journal), action, kill],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def in_mock(base_url: str) -> Counter[str]:
    contacts = httpx.get(f"{base_url}/_mock/accounts/demo/ccm-contacts", timeout=10).json()
    return Counter(c["phone_number"] for c in contacts)


@pytest.mark.parametrize(
    ("action", "kill"),
    [
        ("skip", "sending:2"),  # killed before part 2's request left
        ("skip", "answer:2"),  # killed after the server accepted a part, before the journal knew
        ("skip", "accepted:3"),  # killed with parts accepted but not finished
        ("create_new", "sending:3"),
        ("create_new", "answer:2"),
        ("create_new", "done:2"),
    ],
)
def test_a_killed_import_resumes_with_every_row_once_and_reported(
    tmp_path: Path, action: str, kill: str
) -> None:
    path, journal = tmp_path / "contacts.csv", tmp_path / "import.journal"
    valid, invalid = write_file(path)
    with mock_process(0, 60.0) as base_url:
        killed = run("import", base_url, path, journal, action, kill)
        assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
        resumed = run("import", base_url, path, journal, action, "none")
        assert resumed.returncode == 0, resumed.stderr[-2000:]
        result = json.loads(resumed.stdout)
        seen = in_mock(base_url)
    failures = {f["row_number"]: f["error_code"] for f in result["failures"]}
    assert result["total"] == ROWS
    assert result["pending"] == 0
    assert result["accepted"] == ROWS - len(failures)  # every row either accepted or reported
    assert max(seen.values()) == 1  # nothing imported twice, create_new included
    for row in invalid:
        assert failures[row] == "INVALID_PHONE"
    for row, phone in valid.items():
        if row not in failures:
            assert seen[phone] == 1, f"row {row} reported imported but not in the account once"
        elif action == "create_new":
            # Cut off while sending, and not safe to send again: reported, at most once in the account.
            assert failures[row] == "OUTCOME_UNKNOWN"
        else:
            # Sent again after its first sending was cut off: the account already had it.
            assert failures[row] == "DUPLICATE_ENTRY"
            assert seen[phone] == 1
    unknown = [row for row, code in failures.items() if code == "OUTCOME_UNKNOWN"]
    if action == "create_new" and kill.startswith(("sending", "answer")):
        assert unknown, "the part cut off while sending must be reported as OUTCOME_UNKNOWN"


def test_a_finished_import_run_again_sends_nothing_and_reports_the_same(tmp_path: Path) -> None:
    path, journal = tmp_path / "contacts.csv", tmp_path / "import.journal"
    write_file(path)
    with running_mock(MockConfig(processing_rate=0, rate_limit=0)) as mock:
        first = json.loads(run("import", mock.base_url, path, journal, "create_new", "none").stdout)
        requests_before = in_mock(mock.base_url)
        second = json.loads(run("import", mock.base_url, path, journal, "create_new", "none").stdout)
        assert in_mock(mock.base_url) == requests_before
    assert second["failures"] == first["failures"]
    assert (second["accepted"], second["failed"]) == (first["accepted"], first["failed"])
    # The journal is small: a header and a few lines per part, not one per row.
    assert len(journal.read_text(encoding="utf-8").splitlines()) <= 1 + 3 * 6


def test_a_journal_of_another_file_is_refused(tmp_path: Path) -> None:
    path, journal = tmp_path / "contacts.csv", tmp_path / "import.journal"
    write_file(path)
    with running_mock(MockConfig(processing_rate=0, rate_limit=0)) as mock:
        assert run("import", mock.base_url, path, journal, "skip", "none").returncode == 0
        path.write_text(path.read_text(encoding="utf-8") + "+919812345678,New,Row\n", encoding="utf-8")
        with (
            ec.Client(
                account_sid="demo",
                api_key="demo-key",
                api_token="demo-token",
                ccm_base_url=mock.base_url,
                environ={},
            ) as client,
            pytest.raises(ec.JournalMismatchError, match=r"another job \(file"),
        ):
            client.import_contacts(path, journal=journal)
        with (
            ec.Client(
                account_sid="demo",
                api_key="demo-key",
                api_token="demo-token",
                ccm_base_url=mock.base_url,
                environ={},
            ) as client,
            pytest.raises(ec.JournalMismatchError, match="another job"),
        ):
            client.import_contacts(tmp_path / "contacts.csv", journal=journal, duplicate_action="update")


def test_a_journal_in_use_by_another_process_is_refused(tmp_path: Path) -> None:
    journal = tmp_path / "j"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from exotel_contacts.workflows.journal import Journal; j = Journal(sys.argv[1], 'import', {}); print('held', flush=True); time.sleep(30)",
            str(journal),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(ec.InvalidInputError, match="in use by another process"):
            Journal(journal, "import", {})
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    # Once the other process is gone (even killed), the journal can be taken over.
    Journal(journal, "import", {}).close()


def test_a_torn_last_line_is_dropped_and_other_damage_refused(tmp_path: Path) -> None:
    path = tmp_path / "j"
    journal = Journal(path, "import", {"plan": 1})
    journal.append("sending", 1)
    journal.close()
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"step": "acc')  # a crash in the middle of a write
    again = Journal(path, "import", {"plan": 1})
    assert [s["step"] for s in again.steps] == ["sending"]
    again.append("accepted", 1, upload_id="up_1")
    again.close()
    third = Journal(path, "import", {"plan": 1})
    assert third.latest()[1]["accepted"]["upload_id"] == "up_1"
    third.close()
    path.write_text("not json\n", encoding="utf-8")
    with pytest.raises(ec.InvalidInputError, match="damaged at line 1"):
        Journal(path, "import", {})
