"""Shared test set-up: the repository root, the spec loaded once, and a fresh mock per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from exotel_contacts_mock.background import RunningMock, running_mock

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


@pytest.fixture
def exotel_mock() -> Iterator[RunningMock]:
    """A fresh mock per test: demo account, instant processing, no faults."""
    with running_mock() as mock:
        yield mock
