"""scripts/unasync.py: the rewrite, and the check that fails on a stale or hand-edited sync twin."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("unasync", ROOT / "scripts" / "unasync.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


unasync = _load()


def test_rewrite_turns_async_code_into_sync_code() -> None:
    source = (
        "async def f(c: AsyncClient, x: Awaitable[int]) -> None:\n"
        "    async with c.slots:\n"
        "        r = await c.http.request()\n"
        "        await r.aread()\n"
        "    async for item in stamina.retry_context():\n"
        "        await anext(items, None)\n"
        "    await apoll_upload(fetch)\n"
        "    Use as an async context manager, or await :meth:`close`.\n"
    )
    assert unasync.rewrite(source) == (
        "def f(c: Client, x: int) -> None:\n"
        "    with c.slots:\n"
        "        r = c.http.request()\n"
        "        r.read()\n"
        "    for item in stamina.retry_context():\n"
        "        next(items, None)\n"
        "    poll_upload(fetch)\n"
        "    Use as a context manager, or call :meth:`close`.\n"
    )


def test_the_checked_in_twins_are_fresh() -> None:
    assert unasync.main(["--check"]) == 0


def test_every_layer_with_two_sides_is_found() -> None:
    found = {p.parent.name for p in unasync.async_folders()}
    assert found == {"base", "core", "quota", "workflows", "client"}
    assert unasync.twin(unasync.PACKAGE / "core" / "_async" / "transport.py") == (
        unasync.PACKAGE / "core" / "_sync" / "transport.py"
    )


def test_check_fails_on_a_hand_edited_or_orphan_twin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "overlay" / "exotel_contacts"
    shutil.copytree(unasync.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")  # the same ruff settings
    for beside in ("generated", "mock"):  # ruff's first-party packages, for the same import order
        (tmp_path / beside).symlink_to(ROOT / beside)
    monkeypatch.setattr(unasync, "ROOT", tmp_path)
    monkeypatch.setattr(unasync, "PACKAGE", package)
    assert unasync.main(["--check"]) == 0
    target = package / "client" / "_sync"
    client = target / "client.py"
    client.write_text(client.read_text() + "\n# a hand edit\n")
    assert unasync.main(["--check"]) == 1
    client.unlink()
    assert unasync.main(["--check"]) == 1
    assert unasync.main([]) == 0  # regenerated
    assert unasync.main(["--check"]) == 0
    (package / "quota" / "_sync" / "stray.py").write_text('"""No source."""\n')
    assert unasync.main(["--check"]) == 1
