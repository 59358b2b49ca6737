"""Shared test set-up: the repository root and the spec, loaded once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

pytest_plugins = ["exotel_contacts_mock.testing"]

# The client honours the proxy variables as httpx does, and the suite talks to loopback servers only:
# a developer's or CI's egress proxy must not carry it elsewhere (the network tests set their own).
for _name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
    os.environ.pop(_name, None)
    os.environ.pop(_name.lower(), None)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    """openapi.yaml as a dict."""
    return yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
