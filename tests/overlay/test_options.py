"""Options as objects, visible to type checkers: mypy rejects a misspelt keyword, and the typed lists agree
with what the code accepts."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import exotel_contacts as ec
from exotel_contacts.core.base_client import BaseClient
from exotel_contacts.workflows.options import (
    ImportKwargs,
    ImportOptions,
)

ROOT = Path(__file__).resolve().parents[2]

GOOD = """
import asyncio
import exotel_contacts

client = exotel_contacts.Client(account_sid="a", api_key="k", api_token="t", rate_limit_per_minute=None)
client.import_contacts("contacts.csv", family="ccm", wait=False, detect_duplicates=False)
aclient = exotel_contacts.AsyncClient(account_sid="a", api_key="k", api_token="t", timeout=5.0)

async def main() -> None:
    await aclient.import_contacts("contacts.csv", list_name="l", family="campaign", timeout=None)

asyncio.run(main())
"""

BAD = """
import exotel_contacts

async def main() -> None:
    exotel_contacts.Client(acount_sid="a")
    exotel_contacts.AsyncClient(api_tokn="t")
    exotel_contacts.Client().import_contacts("contacts.csv", familly="ccm")
    await exotel_contacts.AsyncClient().import_contacts("contacts.csv", wiat=False)
    exotel_contacts.Client(timeout="soon")
"""


def test_mypy_rejects_unknown_keywords_and_accepts_known_ones(tmp_path: Path) -> None:
    (tmp_path / "good.py").write_text(textwrap.dedent(GOOD))
    (tmp_path / "bad.py").write_text(textwrap.dedent(BAD))
    done = subprocess.run(
        [
            sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--hide-error-context",
            "--cache-dir", str(ROOT / ".mypy_cache" / "snippets"),
            "--python-version", "3.11", str(tmp_path / "good.py"), str(tmp_path / "bad.py"),
        ],
        capture_output=True, text=True, cwd=ROOT, check=False,
        env={"MYPYPATH": f"{ROOT / 'generated'}:{ROOT / 'overlay'}", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    lines = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert done.returncode == 1, done.stdout + done.stderr
    assert not [line for line in lines if "good.py" in line], done.stdout
    bad = "\n".join(line for line in lines if "bad.py" in line)
    for name in ("acount_sid", "api_tokn", "familly", "wiat"):
        assert f'"{name}"' in bad, done.stdout
    assert "bad.py:9:" in bad, done.stdout  # timeout="soon": the type is checked too


def test_client_refuses_an_option_it_does_not_have() -> None:
    with pytest.raises(TypeError, match="acount_sid"):
        BaseClient(acount_sid="AC1")  # type: ignore[call-arg]


def test_import_kwargs_list_exactly_the_options() -> None:
    assert list(ImportKwargs.__annotations__) == [f.name for f in dataclasses.fields(ImportOptions)]


def test_the_imports_guide_lists_every_option_with_its_default() -> None:
    guide = (ROOT / "docs" / "guides" / "imports.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \| `([^`]*)` \|", guide, re.MULTILINE)
    assert rows == [(f.name, repr(f.default).replace("'", '"')) for f in dataclasses.fields(ImportOptions)]


def test_options_object_is_frozen() -> None:
    options = ImportOptions(family="campaign", list_name="l")
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.wait = False  # type: ignore[misc]


def test_unknown_keyword_still_fails_at_run_time() -> None:
    with pytest.raises(TypeError):
        ec.Client(acount_sid="a", environ={})  # type: ignore[call-arg]
