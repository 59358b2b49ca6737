"""The docs site (``make docs``) looked at in headless Chromium, served on loopback as a reader's server
would: every page loads with no console or page error and no request leaving the machine, and the
site's search finds ``import_contacts``. The strict build itself is the ``site`` fixture."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import CHROMIUM, ROOT, SHOTS, needs_browser

pytestmark = needs_browser

QUERY = "import_contacts"
#: tests/docs/test_docs.py looks at the Redoc page on its own, operation by operation.
REDOC_PAGE = "spec/redoc.html"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test's output for failures."""


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The site served on a free loopback port (the search needs a server: its worker cannot start
    from a file), stopped at the end."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def looked_at(site: Path, served: str) -> dict[str, Any]:
    for old in SHOTS.glob("site-*.png"):
        old.unlink()
    check = subprocess.run(
        [
            shutil.which("node") or "node",
            "tests/docs/check_site.mjs",
            str(site),
            served,
            str(SHOTS),
            QUERY,
            REDOC_PAGE,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=dict(os.environ, CHROMIUM=CHROMIUM),
    )
    assert check.returncode == 0, check.stdout + check.stderr
    result: dict[str, Any] = json.loads(check.stdout)
    return result


def test_every_page_was_opened(site: Path, looked_at: dict[str, Any]) -> None:
    built = {path.relative_to(site).as_posix() for path in site.rglob("*.html")} - {REDOC_PAGE}
    assert set(looked_at["pages"]) == built
    # the guides, the API reference, the decision records and the Redoc page are all there
    assert {"index.html", "guides/imports.html", "reference/client.html", "decisions/index.html"} <= built
    assert (site / REDOC_PAGE).is_file()
    assert len(built) >= 50


def test_every_page_loads_cleanly_and_offline(looked_at: dict[str, Any]) -> None:
    problems = {
        name: {key: page[key] for key in ("consoleErrors", "pageErrors", "external") if page[key]}
        for name, page in looked_at["pages"].items()
    }
    assert {name: found for name, found in problems.items() if found} == {}
    assert all(page["title"] for page in looked_at["pages"].values())


def test_the_search_finds_import_contacts(looked_at: dict[str, Any]) -> None:
    search = looked_at["search"]
    assert search["found"], search
    hrefs = [result["href"] for result in search["results"]]
    # the method's own entry in the API reference, and the guide that explains it
    assert any(
        "reference/client.html" in href and "#exotel_contacts.Client.import_contacts" in href
        for href in hrefs
    )
    assert any("guides/imports.html" in href for href in hrefs)


def test_the_api_reference_renders_the_docstrings(site: Path) -> None:
    client = (site / "reference" / "client.html").read_text(encoding="utf-8")
    assert 'id="exotel_contacts.Client.import_contacts"' in client
    assert 'id="exotel_contacts.AsyncClient"' in client
    errors = (site / "reference" / "errors.html").read_text(encoding="utf-8")
    assert 'id="exotel_contacts.RateLimitError"' in errors


def test_screenshots_are_written(looked_at: dict[str, Any]) -> None:
    for name in ("site-home.png", "site-search.png"):
        shot = SHOTS / name
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert shot.stat().st_size > 20_000, f"{name} looks blank"
