"""The command line's start-up: commands load when they are looked up, the top-level help lists them
without loading them (and lists exactly the real ones), and ``validate`` prints without rich.

Behaviour, not timings: the timings are ``benchmarks/bench_startup.py`` (``make bench``).
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main
from typer.core import TyperGroup
from typer.testing import CliRunner

import exotel_contacts.cli
from exotel_contacts.cli import app
from exotel_contacts.cli._root import COMMANDS, LazyGroup
from exotel_contacts.cli.validate import clip, columns, width

COMMAND_MODULES = sorted(f"exotel_contacts.cli.{name.replace('-', '_')}" for name in COMMANDS)
NETWORK_AND_MODELS = (
    "httpx",
    "asyncio",
    "exotel_contacts_api",
    "stamina",
    "redis",
    "phonenumbers",
    "email_validator",
    "exotel_contacts.client",
    "exotel_contacts.core._sync",
    "exotel_contacts.core._async",
    "exotel_contacts.workflows._sync",
    "exotel_contacts.workflows._async",
)

_PROBE = """
import gc, sys
sys.argv = {argv!r}
from exotel_contacts.cli import main
try:
    main()
except SystemExit as stop:
    code = stop.code
else:
    code = 0
sys.stdout.flush()
modules = sorted(sys.modules)  # before the probe's own json
import json
print("\\n" + json.dumps({{"modules": modules, "exit": code, "gc": gc.isenabled()}}))
"""


def run_main(*argv: str) -> dict[str, Any]:
    """Run the console entry point in a fresh interpreter; what it loaded, its exit code and output."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(argv=["exotel-contacts", *argv])],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={"CI": "1", "PATH": "/usr/bin:/bin", "COLUMNS": "80"},
    )
    text = done.stdout.rstrip("\n")
    end = text.rfind("\n")  # the probe's line follows what the command printed, after a newline
    probe: dict[str, Any] = json.loads(text[end + 1 :])
    probe["stdout"] = text[:end]
    probe["stderr"] = done.stderr
    return probe


def loaded(modules: list[str], prefixes: tuple[str, ...] | list[str]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes))


def small_file(tmp_path: Path, rows: str = "+919876543210,A\n+919876543211,B\n") -> Path:
    path = tmp_path / "small.csv"
    path.write_text("phone_number,first_name\n" + rows, encoding="utf-8")
    return path


def test_importing_the_package_loads_no_framework() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import sys, exotel_contacts.cli; print(sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    modules = eval(done.stdout)  # noqa: S307 - our own output: a list of names
    assert loaded(modules, ("typer", "rich", "exotel_contacts.cli._root")) == []


def test_top_level_help_loads_no_command_and_no_rich() -> None:
    probe = run_main("--help")
    assert probe["exit"] == 0
    assert loaded(probe["modules"], COMMAND_MODULES) == []
    assert loaded(probe["modules"], ("rich", "exotel_contacts.importing", "json", "logging")) == []
    assert loaded(probe["modules"], NETWORK_AND_MODELS) == []
    assert "validate    Check a contact CSV without sending it" in probe["stdout"]
    assert probe["gc"] is True  # the start-up pause ends with the command line


def test_validate_of_a_clean_file_loads_its_command_only_and_no_rich(tmp_path: Path) -> None:
    probe = run_main("validate", str(small_file(tmp_path)))
    assert probe["exit"] == 0, probe["stderr"]
    assert (
        probe["stdout"] == f"{tmp_path / 'small.csv'}: 2 rows, 2 valid, 0 invalid (0 duplicates), 0 blank\n"
    )
    assert loaded(probe["modules"], COMMAND_MODULES) == ["exotel_contacts.cli.validate"]
    assert loaded(probe["modules"], ("rich", "json", "logging")) == []
    assert loaded(probe["modules"], NETWORK_AND_MODELS) == []
    assert probe["gc"] is True


def test_validate_lists_its_failed_rows_in_plain_columns_without_rich(tmp_path: Path) -> None:
    probe = run_main("validate", str(small_file(tmp_path, "+919876543210,A\nnope,B\n")))
    assert probe["exit"] == 1
    lines = probe["stdout"].splitlines()
    assert lines[1:4] == [
        "first 1 of 1 failed rows",
        "row  phone_number  error_code     error_message",
        "2    nope          INVALID_PHONE  Phone number 'nope' is not in valid E.164 format; write + country "
        "code and number without spaces or dashes, e.g. +919876543210",
    ]
    assert loaded(probe["modules"], ("rich", "json", "logging")) == []
    assert loaded(probe["modules"], NETWORK_AND_MODELS) == []


def test_the_columns_line_up_in_terminal_cells_and_a_long_number_is_cut() -> None:
    assert width("電話") == 4
    assert width("e\u0301") == 1
    assert clip("+91987654321098765432109876", 10) == "+91987654\u2026"
    assert clip("電話番号電話", 7) == "電話番\u2026"
    assert clip("+919876543210", 24) == "+919876543210"
    assert columns(("a", "b", "c"), [("電話", "x", "last, not padded"), ("1", "yy", "z")]) == [
        "a     b   c",
        "電話  x   last, not padded",
        "1     yy  z",
    ]


def test_a_command_that_runs_loads_only_its_own_module(tmp_path: Path) -> None:
    probe = run_main("explain", "429", "--json")
    assert probe["exit"] == 0
    assert loaded(probe["modules"], COMMAND_MODULES) == ["exotel_contacts.cli.explain"]
    probe = run_main("lists", "--help")
    assert probe["exit"] == 0
    assert loaded(probe["modules"], COMMAND_MODULES) == ["exotel_contacts.cli.lists"]
    assert "sync" in probe["stdout"]


def real_commands() -> dict[str, Any]:
    """Every command the modules of the package define, converted by typer as a whole group would."""
    found: dict[str, Any] = {}
    for info in pkgutil.iter_modules(exotel_contacts.cli.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"exotel_contacts.cli.{info.name}")
        holder = getattr(module, "app", None)
        assert isinstance(holder, typer.Typer), f"{info.name} defines no command"
        command = typer.main.get_command(holder)
        expected = command.name or info.name
        found[expected] = (info.name, command)
    return found


def test_the_catalogue_is_exactly_the_real_commands() -> None:
    real = real_commands()
    assert set(COMMANDS) == set(real)
    for name, summary in COMMANDS.items():
        module, command = real[name]
        assert name.replace("-", "_") == module, name
        first_paragraph = " ".join((command.help or "").split("\n\n")[0].split())
        assert summary == first_paragraph, name
    # the order of the help: the commands first, then the groups, each in the order they are declared
    groups = [name for name, (_, command) in real.items() if isinstance(command, TyperGroup)]
    assert list(COMMANDS)[-len(groups) :] == sorted(groups, key=list(COMMANDS).index)


@pytest.mark.parametrize("width", [40, 60, 80, 100, 140, 200])
def test_the_lazy_commands_section_is_what_the_loaded_commands_give(width: int) -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, LazyGroup)
    ctx = group.make_context("exotel-contacts", ["--help"], resilient_parsing=True)
    lazy, loaded_ = ctx.make_formatter(), ctx.make_formatter()
    lazy.width = loaded_.width = width
    group.format_commands(ctx, lazy)
    TyperGroup.format_commands(group, ctx, loaded_)  # click's own: looks up (loads) every command
    assert lazy.getvalue() == loaded_.getvalue()
    assert lazy.getvalue().count("\n") == len(COMMANDS) + 1


def every_command_path() -> list[list[str]]:
    paths: list[list[str]] = []
    for name, (_, command) in real_commands().items():
        paths.append([name])
        if isinstance(command, TyperGroup):
            paths.extend([name, sub] for sub in command.commands)
    return paths


def test_every_command_and_subcommand_has_its_help() -> None:
    runner = CliRunner()
    paths = every_command_path()
    assert len(paths) == 25  # journals, journals ls, journals rm: 3 more
    for path in paths:
        for flag in ("--help", "-h"):
            result = runner.invoke(app, [*path, flag])
            assert result.exit_code == 0, (path, result.output)
            assert result.stdout.startswith(f"Usage: exotel-contacts {' '.join(path)} "), path


def test_a_mistyped_command_is_named_with_a_suggestion() -> None:
    result = CliRunner().invoke(app, ["valdate", "x.csv"])
    assert result.exit_code == 2
    assert "No such command 'valdate'. Did you mean 'validate'?" in result.stderr
    result = CliRunner().invoke(app, ["lists", "lss"])
    assert result.exit_code == 2
    assert "No such command 'lss'. Did you mean 'ls'?" in result.stderr


def test_cells_of_the_file_are_shown_as_text_never_as_markup(tmp_path: Path) -> None:
    # "[/x]" made rich raise (exit 3, "unexpected MarkupError"); "[bold]" and ":smile:" were interpreted.
    path = small_file(tmp_path, "[/x],A\n[bold]y :smile:,B\n")
    result = CliRunner().invoke(app, ["validate", str(path)], env={"COLUMNS": "200", "CI": "1"})
    assert result.exit_code == 1, result.output
    assert "[/x]" in result.stdout
    assert "[bold]y :smile:" in result.stdout
