"""MkDocs hook: the Redoc page of openapi.yaml becomes the site's ``spec/redoc.html``.

``scripts/build_redoc.sh`` builds the page (Redocly CLI, self-contained, offline) into
``build/redoc/``; this hook runs it once per MkDocs process (``mkdocs serve`` rebuilds pages, not the
page of the spec, which is restarted after a spec change) and adds the result to the site's files, so
links to ``spec/redoc.html`` are checked like any other and the page is written with the site.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[1]
REDOC_DIR = ROOT / "build" / "redoc"
SITE_PATH = "spec/redoc.html"

_built: list[Path] = []


def _build_redoc() -> Path:
    if not _built:
        bash = shutil.which("bash") or "/bin/bash"
        run = subprocess.run(  # noqa: S603 - the project's own script, no outside input
            [bash, str(ROOT / "scripts" / "build_redoc.sh"), str(REDOC_DIR)],
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            raise PluginError(f"scripts/build_redoc.sh failed:\n{run.stdout}{run.stderr}")
        _built.append(REDOC_DIR / "index.html")
    return _built[0]


def on_files(files: Files, config: Any, **_: Any) -> Files:
    """Add the Redoc page to the site as spec/redoc.html."""
    files.append(File.generated(config, SITE_PATH, abs_src_path=str(_build_redoc())))
    return files
