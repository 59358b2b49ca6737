"""The Redoc page of the spec (Redocly CLI ``build-docs``, the docs site's ``spec/redoc.html`` as ``make docs``
builds it) looked at in headless Chromium: no console or page errors, nothing fetched from the network,
every operation's page renders, every table of the error code dictionary is there with every code, and
screenshots are written."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .conftest import CHROMIUM, ROOT, SHOTS, needs_browser

pytestmark = needs_browser


def _operations(spec: dict[str, Any]) -> list[dict[str, str]]:
    return [
        {"route": f"{op['tags'][0]}/{op['operationId'].lower()}", "summary": op["summary"]}
        for item in spec["paths"].values()
        for op in item.values()
        if isinstance(op, dict) and "operationId" in op
    ]


@pytest.fixture(scope="module")
def page(spec: dict[str, Any], site: Path) -> dict[str, Any]:
    for old in SHOTS.glob("screenshot*.png"):
        old.unlink()
    check = subprocess.run(
        [
            shutil.which("node") or "node",
            "tests/docs/check_page.mjs",
            str(site / "spec" / "redoc.html"),
            str(SHOTS),
            json.dumps(_operations(spec)),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=dict(os.environ, CHROMIUM=CHROMIUM),
    )
    assert check.returncode == 0, check.stdout + check.stderr
    result: dict[str, Any] = json.loads(check.stdout)
    return result


def test_the_page_loads_cleanly_and_offline(page: dict[str, Any]) -> None:
    assert page["consoleErrors"] == []
    assert page["pageErrors"] == []
    assert page["external"] == [], "the docs page tried to fetch from the network"


def test_every_operation_has_its_page(page: dict[str, Any], spec: dict[str, Any]) -> None:
    rendered = page["rendered"]
    assert set(rendered) == {op["route"] for op in _operations(spec)}
    assert [route for route, ok in rendered.items() if not ok] == []


def test_every_error_dictionary_table_is_there(page: dict[str, Any], spec: dict[str, Any]) -> None:
    tables = {table["heading"]: table for table in page["tables"]}
    dictionary = {n: s for n, s in spec["components"]["schemas"].items() if "x-enum-descriptions" in s}
    assert len(dictionary) >= 6
    for name, schema in dictionary.items():
        assert name in tables, f"no table for {name}"
        table = tables[name]
        assert table["header"][0] == "Code"
        assert "Description" in table["header"]
        assert [row[0] for row in table["rows"]] == [str(value) for value in schema["enum"]], name
        fix = table["header"].index("How to fix")
        assert [row[fix] for row in table["rows"]] == [text or "-" for text in schema["x-how-to-fix"]], name


def test_screenshots_are_written(page: dict[str, Any]) -> None:
    for name in ("screenshot.png", "screenshot-operation.png"):
        shot = SHOTS / name
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert shot.stat().st_size > 20_000, f"{name} looks blank"
