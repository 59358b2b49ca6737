"""The import contracts of pyproject.toml ([tool.importlinter]) hold, and break on an upward import.

The contract run is the one `make lint` runs (`lint-imports`). The second test copies the overlay into a
temporary folder, writes one upward import into the copy (a base-layer module importing the client
layer) and runs the same contracts over the copy: they must fail and name the offending import. So a
contract that stopped checking anything would fail this test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _run(cwd: Path, pythonpath: list[Path]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(p) for p in pythonpath)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_contracts_are_kept() -> None:
    done = _run(ROOT, [])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
    assert "The overlay's layers import downward only KEPT" in done.stdout


def test_an_upward_import_breaks_the_layers_contract(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay"
    shutil.copytree(
        ROOT / "overlay" / "exotel_contacts",
        overlay / "exotel_contacts",
        ignore=shutil.ignore_patterns("__pycache__", "*.so"),
    )
    target = overlay / "exotel_contacts" / "base" / "sanitize.py"
    target.write_text(
        target.read_text() + "\nfrom exotel_contacts.client._sync.client import Client  # upward\n"
    )
    # The copy comes first on the path, so the contracts are checked against it.
    done = _run(tmp_path, [overlay, ROOT / "generated", ROOT / "mock"])
    assert done.returncode != 0, done.stdout
    assert "The overlay's layers import downward only BROKEN" in done.stdout
    assert "exotel_contacts.base.sanitize -> exotel_contacts.client._sync.client" in done.stdout
