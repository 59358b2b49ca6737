"""One Celery worker process of the integration test: the example's app, its client's every attempt
written to ``$TEST_ATTEMPTS_DIR/<pid>.jsonl`` (time, account, status) for the quota checks.

``python celery_worker.py NAME`` runs ``celery worker`` with the solo pool (one process, one task at a
time), so SIGKILL of this process is the loss of a worker.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "examples"))

import celery_jobs  # noqa: E402 - the example lives in examples/, put on the path just above

_ACCOUNT = re.compile(r"^/v2/accounts/([^/]+)/")  # as the mock counts its limit


class CountingTransport(httpx.HTTPTransport):
    """Writes one line per attempt that got an answer: when it was sent, which account, which status."""

    def __init__(self, out: Path) -> None:
        super().__init__()
        self._out = out.open("a", encoding="utf-8")

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        # When it leaves (what the rate limiter decides), not when its answer is back.
        sent = time.time()
        response = super().handle_request(request)
        match = _ACCOUNT.search(request.url.path)
        line = {
            "t": sent,
            "account": match.group(1) if match else None,
            "status": response.status_code,
        }
        self._out.write(json.dumps(line) + "\n")
        self._out.flush()
        return response


def main() -> None:
    name = sys.argv[1]
    out = Path(os.environ["TEST_ATTEMPTS_DIR"]) / f"{os.getpid()}.jsonl"
    celery_jobs.CLIENT_OPTIONS["transport"] = CountingTransport(out)
    celery_jobs.app.worker_main(
        [
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=WARNING",
            f"--hostname={name}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
    )


if __name__ == "__main__":
    main()
