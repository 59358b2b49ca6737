"""Fixtures of the end-to-end import tests: one importer, run sync and async."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import stamina
from import_e2e_support import Importer


@pytest.fixture(params=["sync", "async"])
def importer(request: pytest.FixtureRequest) -> Importer:
    """`import_contacts` through a sync `Client` or an `AsyncClient`, counting requests."""
    return Importer(str(request.param))


@pytest.fixture(autouse=True)
def no_retry_waits() -> Iterator[None]:
    """Retries without sleeping (stamina's test switch)."""
    stamina.set_testing(True, attempts=5, cap=True)
    yield
    stamina.set_testing(False)
