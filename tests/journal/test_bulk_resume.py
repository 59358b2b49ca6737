"""Resumable bulk creates: a real job killed with SIGKILL at several steps, then run again to the end."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import httpx
import pytest

import exotel_contacts as ec
from benchmarks.quota_harness import mock_process
from exotel_contacts_mock.background import running_mock
from exotel_contacts_mock.config import MockConfig

from .test_import_resume import run

CONTACTS = 45  # five chunks of ten or fewer; every 9th contact has no number (checked locally)


def write_contacts(path: Path) -> dict[int, str]:
    """A JSON Lines input; returns {index: number} of the valid contacts."""
    valid: dict[int, str] = {}
    lines = []
    for index in range(CONTACTS):
        if index % 9 == 8:
            lines.append(json.dumps({"first_name": f"NoNumber{index}"}))
        else:
            valid[index] = f"+9197{index:08d}"
            lines.append(json.dumps({"number": valid[index], "first_name": f"C{index}"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return valid


@pytest.mark.parametrize("kill", ["sending:2", "chunk:2", "done:3"])
def test_a_killed_bulk_create_resumes_with_every_contact_once(tmp_path: Path, kill: str) -> None:
    path, journal = tmp_path / "contacts.jsonl", tmp_path / "bulk.journal"
    valid = write_contacts(path)
    with mock_process(0, 60.0) as base_url:
        killed = run("create", base_url, path, journal, "-", kill)
        assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
        resumed = run("create", base_url, path, journal, "-", "none")
        assert resumed.returncode == 0, resumed.stderr[-2000:]
        result = json.loads(resumed.stdout)
        numbers = [
            c["number"] for c in httpx.get(f"{base_url}/_mock/accounts/demo/contacts", timeout=10).json()
        ]
    assert sorted(numbers) == sorted(valid.values())  # every valid contact exactly once
    outcomes = {index: outcome for index, outcome, _ in result["outcomes"]}
    assert sorted(outcomes) == list(range(CONTACTS))
    for index in range(CONTACTS):
        if index in valid:
            # Created before or after the crash, or found already there by the resent chunk.
            assert outcomes[index] in ("created", "already_existed"), (index, outcomes[index])
        else:
            assert outcomes[index] == "failed"
    if kill == "chunk:2":
        assert "already_existed" in outcomes.values()  # the chunk the server took before the crash
    if kill == "done:3":
        assert result["requests"] <= 2  # three chunks finished before the crash: not sent again


def test_other_contacts_are_refused(tmp_path: Path) -> None:
    path, journal = tmp_path / "contacts.jsonl", tmp_path / "bulk.journal"
    write_contacts(path)
    with running_mock(MockConfig(processing_rate=0, rate_limit=0)) as mock:
        assert run("create", mock.base_url, path, journal, "-", "none").returncode == 0
        with (
            ec.Client(
                account_sid="demo",
                api_key="demo-key",
                api_token="demo-token",
                campaign_base_url=mock.base_url,
                environ={},
            ) as client,
            pytest.raises(ec.JournalMismatchError, match="other contacts"),
        ):
            client.create_contacts_bulk([{"number": "+919700000999"}], chunk_size=10, journal=journal)
