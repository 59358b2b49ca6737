"""Helpers shared by the command line tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

Invoke = Callable[..., Any]


def one_json(stdout: str) -> dict[str, Any]:
    """--json prints exactly one JSON document on stdout."""
    lines = [line for line in stdout.splitlines() if line.strip()]
    assert len(lines) == 1, stdout
    document: dict[str, Any] = json.loads(lines[0])
    return document
