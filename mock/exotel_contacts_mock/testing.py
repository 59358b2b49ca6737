"""Pytest plugin: the mock served by uvicorn on a free loopback port in a thread.

Use with `pytest_plugins = ["exotel_contacts_mock.testing"]`; the fixture `exotel_mock` yields a
`RunningMock` with a fresh store per test. `running_mock(config)` does the same for a custom config.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .background import RunningMock, running_mock

__all__ = ["RunningMock", "exotel_mock", "running_mock"]


@pytest.fixture
def exotel_mock() -> Iterator[RunningMock]:
    """A fresh mock per test: demo account, instant processing, no faults."""
    with running_mock() as mock:
        yield mock
