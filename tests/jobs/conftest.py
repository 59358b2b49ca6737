"""Jobs that outlive a process or a Redis restart: real redis-server processes, the mock, both clients.

``make test`` installs Debian's ``redis-server`` when it is missing; where it still is not there the
tests skip with that reason, and under CI (``CI`` set) they fail instead.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis_server import RedisProcess

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # benchmarks/quota_harness.py (the mock in a process of its own)


def need_redis_server() -> None:
    """Skip (fail under CI) when redis-server is not installed."""
    if shutil.which("redis-server") is not None:
        return
    reason = "redis-server is not installed (make test installs Debian's package when it can)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the jobs tests")
    pytest.skip(reason)


@pytest.fixture
def redis_process() -> Iterator[RedisProcess]:
    """A redis-server of this test alone, with its data on disk (AOF), that the test may restart."""
    need_redis_server()
    with RedisProcess() as server:
        yield server
