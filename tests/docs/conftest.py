"""The docs site, built once for tests/docs as ``make docs`` builds it (strict mode), and the Chromium
both browser checks drive."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "build" / "docs"
#: Screenshots and other output of the browser checks, beside the site rather than in it.
SHOTS = ROOT / "build" / "docs-check"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

needs_browser = [
    pytest.mark.skipif(
        not (ROOT / "node_modules" / ".bin" / "redocly").exists(), reason="Redocly CLI not installed"
    ),
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (make test installs it)"
    ),
]


@pytest.fixture(scope="session")
def site() -> Path:
    """The built site (scripts/build_docs.sh into build/docs): a failed strict build fails here."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}")
    build = subprocess.run(
        ["bash", "scripts/build_docs.sh", str(SITE)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SITE
