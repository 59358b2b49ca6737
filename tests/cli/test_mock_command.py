"""`exotel-contacts mock`: the options of issue 11 (--rate-window, --reset) and a clear refusal."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from exotel_contacts.cli import app
from exotel_contacts_mock.config import Credentials
from exotel_contacts_mock.store import SCHEMA_VERSION, Store


def test_help_names_the_new_options() -> None:
    result = CliRunner().invoke(app, ["mock", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in ("--rate-window", "--reset", "--db"):
        assert option in result.output


def test_a_rate_window_of_zero_is_refused() -> None:
    result = CliRunner().invoke(app, ["mock", "--rate-window", "0"])
    assert result.exit_code == 2
    assert "--rate-window must be more than 0" in result.stderr


def test_a_db_of_another_schema_version_is_refused_without_traceback(tmp_path: Path) -> None:
    db = tmp_path / "mock.db"
    Store(str(db), [Credentials("demo", "k", "t", "a")]).close()
    with sqlite3.connect(db) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 7}")
    result = CliRunner().invoke(app, ["mock", "--db", str(db), "--port", "0"])
    assert result.exit_code == 2
    assert f"schema version {SCHEMA_VERSION + 7}" in result.stderr
    assert "--reset" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
