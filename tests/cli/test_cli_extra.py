"""The command line is the ``cli`` extra: the core install has no typer or rich, the console script says
how to install it when they are missing, and the client never loads typer, click or rich."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

_WITHOUT = """
import sys
sys.modules[{blocked!r}] = None  # as if the extra were not installed
sys.argv = ["exotel-contacts", "--help"]
from exotel_contacts.cli import main
main()
"""


def test_the_cli_libraries_are_an_extra_not_core_dependencies() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = " ".join(project["dependencies"])
    assert "typer" not in core
    assert "rich" not in core
    extras = project["optional-dependencies"]
    assert extras["cli"] == ["typer>=0.16", "rich>=14"]
    assert "exotel-contacts[cli]" in extras["dev"]
    assert "exotel-contacts[cli]" in extras["test"]
    assert project["scripts"]["exotel-contacts"] == "exotel_contacts.cli:main"


@pytest.mark.parametrize("blocked", ["typer", "rich"])
def test_without_the_extra_the_script_says_how_to_install_it(blocked: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT.format(blocked=blocked)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        f"error: the command line needs the 'cli' extra ({blocked} is missing); "
        "install it with: pip install 'exotel-contacts[cli]'\n"
    )


def test_the_client_loads_no_typer() -> None:
    # rich and click may load through httpx, which imports its own command line when they are installed.
    code = (
        "import sys, exotel_contacts\n"
        "exotel_contacts.Client, exotel_contacts.AsyncClient\n"
        "print(sorted(m for m in sys.modules if m.partition('.')[0] == 'typer'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.splitlines() == ["[]"]
