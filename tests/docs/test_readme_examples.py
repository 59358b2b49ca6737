"""The README's Python examples, run as they are written against the mock: a front page whose examples
do not run would be the first thing a new user trips on."""

from __future__ import annotations

import ast
import asyncio
import contextlib
import io
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT

CSV = (
    "phone_number,first_name,last_name,email,company,tag\n"
    "+919876543210,John,Doe,john@example.com,Acme Inc,premium\n"
    "invalid_number,Bob,Jones,bob@example.com,Gamma Ltd,premium\n"
)


def _python_examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)


@pytest.fixture
def in_mock_account(exotel_mock: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The environment the examples expect, pointing at a fresh mock, in a folder with contacts.csv."""
    for name, value in {
        "EXOTEL_ACCOUNT_SID": exotel_mock.account_sid,
        "EXOTEL_API_KEY": exotel_mock.api_key,
        "EXOTEL_API_TOKEN": exotel_mock.api_token,
        "EXOTEL_CCM_BASE_URL": exotel_mock.base_url,
        "EXOTEL_CAMPAIGN_BASE_URL": exotel_mock.base_url,
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "contacts.csv").write_text(CSV, encoding="utf-8")
    return tmp_path


def _run(source: str, namespace: dict[str, Any]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(source, "README.md", "exec"), namespace)  # noqa: S102 - the README's own example
    return out.getvalue()


def test_there_are_two_python_examples() -> None:
    assert len(_python_examples()) == 2


def test_the_import_example_runs(in_mock_account: Path) -> None:
    printed = _run(_python_examples()[0], {}).splitlines()
    assert printed[0] == "1 1 0"  # accepted, failed, duplicates
    assert printed[1].startswith("2 INVALID_PHONE ")  # the bad row, by its original row number
    assert (in_mock_account / "errors.csv").read_text(encoding="utf-8").count("\n") == 2
    assert (in_mock_account / "contacts.journal").exists()


def test_the_bulk_and_list_example_runs(in_mock_account: Path) -> None:
    # the example is the body of a coroutine, with `contacts` given
    source = "import exotel_contacts\n\nasync def example():\n" + textwrap.indent(
        _python_examples()[1], "    "
    )
    namespace: dict[str, Any] = {
        "contacts": [{"number": "+919876543299", "first_name": "Ann"}, {"number": "not a number"}]
    }
    _run(source, namespace)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        asyncio.run(namespace["example"]())
    created, synced = (ast.literal_eval(line) for line in out.getvalue().splitlines())
    assert (created["created"], created["failed"], created["unknown"]) == (1, 1, 0)
    # the list did not exist: both numbers of the sync are created, then added to it
    assert (synced["created"], synced["added"], synced["removed"], synced["failed"]) == (2, 2, 0, 0)
