"""Shared test set-up: the repository root and the spec, loaded once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

pytest_plugins = ["exotel_contacts_mock.testing"]

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    """openapi.yaml as a dict."""
    return yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
