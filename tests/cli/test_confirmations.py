"""Destructive commands ask first (on a terminal) or refuse (without one) unless --yes; --dry-run shows what
would go. Unreadable input files are one ``error:`` line, exit 2, on every command that takes a file."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from cli_support import Invoke, one_json
from typer.testing import CliRunner

from exotel_contacts.cli import _shared_options, app


@pytest.fixture
def on_a_terminal(monkeypatch: pytest.MonkeyPatch, cli_env: dict[str, str]) -> Any:
    """Run a command as if a person sat at a terminal, answering ``answer``."""
    runner = CliRunner()

    def run(answer: str, *args: str) -> Any:
        with monkeypatch.context() as patched:
            patched.setattr(_shared_options, "terminal", lambda: True)
            return runner.invoke(app, list(args), env=cli_env, input=answer, catch_exceptions=False)

    return run


def _people(invoke: Invoke, tmp_path: Path) -> list[str]:
    people = tmp_path / "people.csv"
    people.write_text("number,first_name\n+919876500001,Ann\n+919876500002,Ben\n")
    assert invoke("create", str(people)).exit_code == 0
    return [c["sid"] for c in one_json(invoke("contacts", "ls", "--json").stdout)["contacts"]]


def _list_names(invoke: Invoke) -> list[str]:
    return [entry["name"] for entry in one_json(invoke("lists", "ls", "--json").stdout)["lists"]]


def test_lists_rm_refuses_without_a_terminal_and_goes_with_yes(invoke: Invoke) -> None:
    assert invoke("lists", "create", "cron-list").exit_code == 0
    refused = invoke("lists", "rm", "cron-list")
    assert refused.exit_code == 2
    assert refused.stderr.strip().splitlines() == [
        "error: refusing to delete 1 list without a terminal to confirm on: pass --yes to go ahead"
    ]
    assert _list_names(invoke) == ["cron-list"]
    dry = invoke("lists", "rm", "cron-list", "--dry-run", "--json")
    assert dry.exit_code == 0
    assert one_json(dry.stdout)["would_delete"]["name"] == "cron-list"
    assert _list_names(invoke) == ["cron-list"]
    assert invoke("lists", "rm", "cron-list", "--yes").exit_code == 0
    assert _list_names(invoke) == []


def test_lists_rm_asks_on_a_terminal_and_shows_what_goes(invoke: Invoke, on_a_terminal: Any) -> None:
    assert invoke("lists", "create", "spring").exit_code == 0
    declined = on_a_terminal("n\n", "lists", "rm", "spring")
    assert declined.exit_code == 2
    assert "This will delete 1 list:" in declined.stderr
    assert "list 'spring' (" in declined.stderr
    assert "error: not confirmed: did not delete 1 list" in declined.stderr
    assert _list_names(invoke) == ["spring"]
    accepted = on_a_terminal("y\n", "lists", "rm", "spring")
    assert accepted.exit_code == 0, accepted.stderr
    assert "deleted list spring" in accepted.stdout
    assert _list_names(invoke) == []


def test_contacts_rm_confirms_and_dry_runs(invoke: Invoke, on_a_terminal: Any, tmp_path: Path) -> None:
    sids = _people(invoke, tmp_path)
    refused = invoke("contacts", "rm", sids[0])
    assert refused.exit_code == 2, refused.stdout + refused.stderr
    assert "refusing to delete 1 contact" in refused.stderr
    dry = invoke("contacts", "rm", sids[0], "--dry-run")
    assert dry.exit_code == 0
    assert "would delete contact" in dry.stdout
    declined = on_a_terminal("\n", "contacts", "rm", sids[0])  # the default is no
    assert declined.exit_code == 2
    assert "+91987650000" in declined.stderr
    assert len(one_json(invoke("contacts", "ls", "--json").stdout)["contacts"]) == 2
    assert on_a_terminal("y\n", "contacts", "rm", sids[0]).exit_code == 0
    assert len(one_json(invoke("contacts", "ls", "--json").stdout)["contacts"]) == 1


def test_lists_sync_confirms_only_when_members_would_go(invoke: Invoke, tmp_path: Path) -> None:
    sids = _people(invoke, tmp_path)
    assert invoke("lists", "create", "team").exit_code == 0
    assert invoke("lists", "add", "team", *sids).exit_code == 0
    grow = tmp_path / "grow.txt"
    grow.write_text("+919876500001\n+919876500002\n+919876500003\n")
    assert invoke("lists", "sync", "team", str(grow)).exit_code == 0  # nothing goes: no question
    shrink = tmp_path / "shrink.txt"
    shrink.write_text("+919876500001\n")
    refused = invoke("lists", "sync", "team", str(shrink))
    assert refused.exit_code == 2
    assert "refusing to remove 2 members from list 'team'" in refused.stderr
    assert one_json(invoke("lists", "show", "team", "--json").stdout)["list"]["contact_count"] == 3
    assert invoke("lists", "sync", "team", str(shrink), "--dry-run").exit_code == 0
    assert invoke("lists", "sync", "team", str(shrink), "--yes").exit_code == 0
    assert one_json(invoke("lists", "show", "team", "--json").stdout)["list"]["contact_count"] == 1


def _unreadable_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    folder = tmp_path / "folder"
    folder.mkdir()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    locked = tmp_path / "locked.csv"
    locked.write_text("phone_number\n+919876543210\n")
    locked.chmod(0)
    found = {
        "missing": (tmp_path / "missing.csv", "no such file"),
        "directory": (folder, "it is a directory"),
        "fifo": (fifo, "not a regular file"),
        "device": (Path("/dev/null"), "not a regular file"),
    }
    if os.geteuid() != 0 and not os.access(locked, os.R_OK):  # root reads a mode-0 file anyway
        found["unreadable"] = (locked, "permission denied")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    return found


COMMANDS_WITH_A_FILE = [
    ("upload", "{path}"),
    ("csv-upload", "{path} --list-name l"),
    ("validate", "{path}"),
    ("create", "{path}"),
    ("lists sync", "l {path}"),
    ("lists add", "l --from-file {path}"),
]


@pytest.mark.parametrize(("command", "arguments"), COMMANDS_WITH_A_FILE)
def test_unreadable_input_is_one_error_line(
    invoke: Invoke, tmp_path: Path, command: str, arguments: str
) -> None:
    for kind, (path, reason) in _unreadable_inputs(tmp_path).items():
        args = [*command.split(), *arguments.format(path=path).split()]
        result = invoke(*args)
        lines = result.stderr.strip().splitlines()
        assert result.exit_code == 2, (kind, result.stderr)
        assert len(lines) == 1, (kind, result.stderr)
        assert lines[0].startswith("error: "), (kind, lines)
        assert str(path) in lines[0], (kind, lines)
        assert reason in lines[0], (kind, lines)
        assert "Usage:" not in result.stderr + result.stdout


@pytest.mark.parametrize("command", ["upload", "create"])
def test_a_journal_that_is_a_directory_is_one_error_line(
    invoke: Invoke, tmp_path: Path, command: str
) -> None:
    source = tmp_path / "c.csv"
    source.write_text("phone_number,number\n+919876543210,+919876543210\n")
    result = invoke(command, str(source), "--journal", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: --journal {str(tmp_path)!r} is a directory; give a file name in it"
    ]
