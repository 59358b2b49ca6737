"""`exotel-contacts mock` and `python -m exotel_contacts_mock`: one parser, the same checks, clear refusals."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
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


def _both_commands(args: list[str]) -> list[tuple[int, str]]:
    """(exit code, stderr) of `exotel-contacts mock ARGS` and of `python -m exotel_contacts_mock ARGS`."""
    via_client = CliRunner().invoke(app, ["mock", *args])
    done = subprocess.run(
        [sys.executable, "-m", "exotel_contacts_mock", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return [(via_client.exit_code, via_client.stderr), (done.returncode, done.stderr)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fault-rate", "1.5"], "--fault-rate must be between 0 and 1"),
        (["--fault-rate", "nan"], "not a number in ASCII digits"),
        (["--rate-window", "0"], "--rate-window must be more than 0"),
        (["--processing-rate", "inf"], "not a number in ASCII digits"),
        (["--port", "\u0668\u0660\u0668\u0660"], "not a whole number in ASCII digits"),
        (["--rate-limit", "1_000"], "not a whole number in ASCII digits"),
        (["--port", "70000"], "--port must be between 0 and 65535"),
        (["--error-file-ttl", "0"], "--error-file-ttl must be more than 0"),
    ],
)
def test_both_commands_refuse_the_same_values_alike(args: list[str], message: str) -> None:
    for code, stderr in _both_commands(args):
        assert code == 2
        assert message in stderr
        assert "Traceback" not in stderr


def test_both_commands_have_the_same_options() -> None:
    via_client = CliRunner().invoke(app, ["mock", "--help"], env={"COLUMNS": "200"})
    direct = subprocess.run(
        [sys.executable, "-m", "exotel_contacts_mock", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert via_client.exit_code == direct.returncode == 0
    options = set(re.findall(r"--[a-z-]+", direct.stdout))
    assert {"--fault-rate", "--rate-window", "--db", "--reset", "--port"} <= options
    assert set(re.findall(r"--[a-z-]+", via_client.output)) == options
