"""State survives a restart: a mock killed with SIGKILL mid-upload resumes it on the same file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import pytest
from mock_helpers_exotel import MockProcess, upload, wait_for

from exotel_contacts_mock.__main__ import main
from exotel_contacts_mock.config import Credentials
from exotel_contacts_mock.store import SCHEMA_VERSION, Store, StoreError

ROWS = 100


def _csv() -> bytes:
    """100 rows: 94 new numbers, 4 invalid numbers, 2 repeats of earlier rows (skipped as duplicates)."""
    lines = ["phone_number,first_name,email"]
    for i in range(1, ROWS + 1):
        if i % 25 == 0:
            lines.append(f"not-a-number-{i},Bad,")
        elif i in (60, 61):
            lines.append(f"+9198000000{i - 50:02d},Again,")
        else:
            lines.append(f"+9198000000{i:02d},Row{i},r{i}@example.com")
    return ("\n".join(lines) + "\n").encode()


def _status(client: httpx.Client, upload_id: str) -> dict:
    response = client.get(f"/v2/accounts/demo/contacts/upload/{upload_id}")
    assert response.status_code == 200, response.text
    return response.json()["response"]["data"]


def _done(data: dict) -> int:
    return data["successful"] + data["failed"] + data["duplicates_skipped"]


def test_sigkill_mid_upload_then_restart_finishes_with_right_counts(tmp_path: Path) -> None:
    db = str(tmp_path / "mock.db")
    extra = {"account_sid": "acme", "api_key": "k2", "api_token": "t2", "access_token": "a2"}
    with MockProcess("--db", db, "--processing-rate", "10") as first, first.client() as client:
        assert client.post("/_mock/accounts", json=extra).status_code == 201
        bulk = client.post("/v2/accounts/demo/contacts", json={"contacts": [{"number": "+14155550100"}]})
        assert bulk.status_code == 207
        upload_id = upload(client, _csv()).json()["response"]["data"]["upload_id"]
        seen = wait_for(lambda: _status(client, upload_id), lambda d: _done(d) >= 15)
        assert 15 <= _done(seen) < ROWS, seen
        first.kill()

    with MockProcess("--db", db, "--processing-rate", "0") as second, second.client() as client:
        final = wait_for(lambda: _status(client, upload_id), lambda d: d["status"] == "completed")
        assert final["status"] == "completed", final
        assert (
            final["total_records"],
            final["successful"],
            final["failed"],
            final["duplicates_skipped"],
        ) == (
            ROWS,
            94,
            4,
            2,
        )
        numbers = [c["phone_number"] for c in client.get("/_mock/accounts/demo/ccm-contacts").json()]
        assert len(numbers) == len(set(numbers)) == 94  # none lost, none processed twice
        errors = client.get(f"/v2/accounts/demo/contacts/upload/{upload_id}/errors").json()["response"][
            "data"
        ]
        assert sorted(e["row_number"] for e in errors["errors"]) == [25, 50, 60, 61, 75, 100]
        assert httpx.get(errors["error_file_url"], timeout=10).text.count("\n") == 7
        campaign = client.get("/_mock/accounts/demo/contacts").json()
        assert [c["number"] for c in campaign] == ["+14155550100"]
        with httpx.Client(base_url=second.base_url, auth=("k2", "t2"), timeout=10) as acme:
            assert acme.get("/v2/accounts/acme/contacts/upload/nope").status_code == 404  # known, no such id
        second.stop()

    with MockProcess("--db", db, "--reset") as third, third.client() as client:
        assert client.get(f"/v2/accounts/demo/contacts/upload/{upload_id}").status_code == 404
        with httpx.Client(base_url=third.base_url, auth=("k2", "t2"), timeout=10) as acme:
            assert acme.get("/v2/accounts/acme/contacts/upload/nope").status_code == 401
        third.stop()


def test_another_schema_version_is_refused_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "mock.db"
    Store(str(db), [Credentials("demo", "k", "t", "a")]).close()
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match=rf"schema version {SCHEMA_VERSION + 1}.*--reset"):
        Store(str(db), [])
    with pytest.raises(SystemExit) as exited:
        main(["--db", str(db), "--port", "0"])
    assert exited.value.code == 2
    assert "--reset" in capsys.readouterr().err
    Store(str(db), [], reset=True).close()  # --reset discards it and starts at this version
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "notes.txt"
    db.write_bytes(b"this is not SQLite" * 100)
    with pytest.raises(StoreError, match="not a usable SQLite database"):
        Store(str(db), [])


def test_a_path_that_cannot_be_opened_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot be opened"):
        Store(str(tmp_path / "no" / "such" / "dir" / "mock.db"), [])


def test_without_db_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    store = Store(":memory:", [Credentials("demo", "k", "t", "a")])
    assert store.accounts.for_basic(b"k", b"t") == "demo"
    store.close()
    assert list(tmp_path.iterdir()) == []


def test_rate_window_scales_the_quota_from_the_command_line() -> None:
    with MockProcess("--rate-limit", "3", "--rate-window", "0.5") as mock, mock.client() as client:
        path = "/v2/accounts/demo/csv-status/nope"
        statuses = [client.get(path).status_code for _ in range(4)]
        assert statuses == [404, 404, 404, 429]
        limited = client.get(path)
        assert "Try again in 1 seconds" in limited.json()["response"]["error_data"]["description"]
        assert limited.headers["retry-after"] == "1"
        assert (limited.headers["x-ratelimit-limit"], limited.headers["x-ratelimit-remaining"]) == ("3", "0")
        assert (
            wait_for(lambda: {"code": client.get(path).status_code}, lambda d: d["code"] == 404)["code"]
            == 404
        )
        mock.stop()
