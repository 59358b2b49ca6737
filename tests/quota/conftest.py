"""A real redis-server for the shared-quota tests: started once per session, stopped at the end.

``make test`` installs Debian's ``redis-server`` when it is missing. Where it still is not there the
tests skip with that reason; under CI (``CI`` set) they fail instead, so a missing server is never silent.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis_server import redis_server_binary, running_redis

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the multi-process harness lives in benchmarks/


def _need_redis_server() -> None:
    if redis_server_binary() is not None:
        return
    reason = "redis-server is not installed (make test installs Debian's package when it can)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the shared-quota tests")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """The URL of a redis-server shared by the session's tests (each test uses its own keys)."""
    _need_redis_server()
    with running_redis() as url:
        yield url


@pytest.fixture
def account() -> str:
    """An account SID of this test alone, so its Redis keys are its own."""
    return f"acct_{uuid.uuid4().hex[:10]}"
