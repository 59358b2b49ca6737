"""Fixtures of the mock's behaviour tests."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from exotel_contacts_mock.background import RunningMock


@pytest.fixture
def client(exotel_mock: RunningMock) -> Iterator[httpx.Client]:
    """An httpx client on the mock, authenticated as the demo account."""
    with httpx.Client(
        base_url=exotel_mock.base_url, auth=(exotel_mock.api_key, exotel_mock.api_token), timeout=10
    ) as c:
        yield c
