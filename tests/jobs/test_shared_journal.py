"""Journals that outlive their machine: the same bytes resume from another folder; a journal in Redis is
taken over by another worker once the dead one's lease lapses; a Campaign import killed with SIGKILL
resumes. The kills are real (SIGKILL of a child process, ``tests/journal/resume_child.py``)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest
from redis_server import RedisProcess

from benchmarks.quota_harness import mock_process
from tests.journal.test_import_resume import ROWS, in_mock, write_file

CHILD = Path(__file__).parents[1] / "journal" / "resume_child.py"


def child(  # noqa: PLR0917 - the child process command line, in order
    mode: str, base_url: str, path: Path, journal: str, action: str, kill: str, redis_url: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TEST_REDIS_URL": redis_url} if redis_url else dict(os.environ)
    return subprocess.run(
        [sys.executable, str(CHILD), mode, base_url, str(path), journal, action, kill],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )


def check_import(
    result: dict[str, Any], seen: Counter[str], valid: dict[int, str], invalid: set[int]
) -> None:
    """Every row accepted once or reported; nothing twice (as the single-machine resume tests check)."""
    failures = {f["row_number"]: f["error_code"] for f in result["failures"]}
    assert result["total"] == ROWS
    assert result["pending"] == 0
    assert result["accepted"] == ROWS - len(failures)
    assert max(seen.values()) == 1
    for row in invalid:
        assert failures[row] == "INVALID_PHONE"
    for row, phone in valid.items():
        if row not in failures:
            assert seen[phone] == 1, f"row {row} reported imported but not in the account once"
        else:
            assert failures[row] in ("DUPLICATE_ENTRY", "OUTCOME_UNKNOWN"), (row, failures[row])


def moved(source: Path, folder: Path) -> Path:
    """``source`` copied into ``folder`` as another machine would get it: same bytes, new path and mtime."""
    folder.mkdir()
    target = folder / f"copy-of-{source.name}"
    shutil.copyfile(source, target)
    later = source.stat().st_mtime_ns + 5_000_000_000
    os.utime(target, ns=(later, later))
    return target


@pytest.mark.parametrize(("action", "kill"), [("skip", "accepted:3"), ("create_new", "sending:3")])
def test_the_same_bytes_in_another_folder_resume_a_file_journal(
    tmp_path: Path, action: str, kill: str
) -> None:
    path, journal = tmp_path / "a" / "contacts.csv", tmp_path / "a" / "import.journal"
    path.parent.mkdir()
    valid, invalid = write_file(path)
    with mock_process(0, 60.0) as base_url:
        killed = child("import", base_url, path, str(journal), action, kill)
        assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
        other = tmp_path / "b"
        copy = moved(path, other)
        shutil.copyfile(journal, other / "import.journal")
        resumed = child("import", base_url, copy, str(other / "import.journal"), action, "none")
        assert resumed.returncode == 0, resumed.stderr[-2000:]
        result = json.loads(resumed.stdout)
        seen = in_mock(base_url)
    check_import(result, seen, valid, invalid)


def test_a_killed_import_is_taken_over_from_its_redis_journal(
    tmp_path: Path, redis_process: RedisProcess
) -> None:
    path = tmp_path / "first" / "contacts.csv"
    path.parent.mkdir()
    valid, invalid = write_file(path)
    job = "redis:import-taken-over"
    with mock_process(0, 60.0) as base_url:
        killed = child("import", base_url, path, job, "create_new", "accepted:3", redis_process.url)
        assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
        copy = moved(path, tmp_path / "second")  # the other worker's machine
        deadline = time.monotonic() + 30
        while True:
            resumed = child("import", base_url, copy, job, "create_new", "none", redis_process.url)
            if resumed.returncode != 3 or time.monotonic() > deadline:
                break
            # The dead worker's lease (1.5 s) has not lapsed yet: the job is refused, not run twice.
            assert "held by another worker" in json.loads(resumed.stdout)["in_use"]
            time.sleep(0.3)
        assert resumed.returncode == 0, resumed.stderr[-2000:]
        result = json.loads(resumed.stdout)
        seen = in_mock(base_url)
    check_import(result, seen, valid, invalid)
    # create_new: a part cut off while sending is not sent again; its rows are reported, never doubled.
    assert {f["error_code"] for f in result["failures"]} <= {"INVALID_PHONE", "OUTCOME_UNKNOWN"}


def write_campaign_file(path: Path) -> tuple[dict[int, str], set[int]]:
    valid: dict[int, str] = {}
    invalid: set[int] = set()
    lines = ["number,first_name"]
    for row in range(1, ROWS + 1):
        if row % 7 == 0:
            invalid.add(row)
            lines.append(f"not-a-number,Bad{row}")
        else:
            valid[row] = f"+9199{row:08d}"
            lines.append(f"{valid[row]},Good{row}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return valid, invalid


@pytest.mark.parametrize("kill", ["sending:2", "answer:2", "done:2"])
def test_a_killed_campaign_import_resumes_with_every_row_once(tmp_path: Path, kill: str) -> None:
    path, journal = tmp_path / "contacts.csv", tmp_path / "campaign.journal"
    valid, invalid = write_campaign_file(path)
    with mock_process(0, 60.0) as base_url:
        killed = child("campaign", base_url, path, str(journal), "-", kill)
        assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
        resumed = child("campaign", base_url, path, str(journal), "-", "none")
        assert resumed.returncode == 0, resumed.stderr[-2000:]
        result = json.loads(resumed.stdout)
        lists = httpx.get(f"{base_url}/_mock/accounts/demo/lists", timeout=10).json()
    assert len(result["parts"]) >= 4
    members = Counter(next(entry["numbers"] for entry in lists if entry["name"] == "resumed"))
    assert members == Counter(valid.values())  # every valid row in the list exactly once
    failures = {f["row_number"]: f["error_code"] for f in result["failures"]}
    for row in invalid:
        assert failures[row] == "INVALID_PHONE"
    assert result["total"] == ROWS
    assert result["pending"] == 0
    # Every row is accepted or named: a part sent again after the kill finds its rows already there.
    assert result["accepted"] + len(failures) == ROWS, result
