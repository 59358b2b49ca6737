"""Shared test set-up: the repository root, the spec loaded once, and a fresh mock per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from exotel_contacts_mock.background import RunningMock, running_mock

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
