"""Harness of the shared-quota runs: a mock in its own process, N worker processes, and the figures.

Used by ``bench_shared_quota.py`` and by ``tests/quota``. Workers (``quota_worker.py``) start together at
an agreed wall-clock time and print JSON; every figure below is computed from what they recorded.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "benchmarks" / "quota_worker.py"

_MOCK = """
import sys
from exotel_contacts_mock.config import MockConfig
from exotel_contacts_mock.server import serve
serve(MockConfig(rate_limit=int(sys.argv[1]), rate_window=float(sys.argv[2]), processing_rate=0),
      "127.0.0.1", 0)
"""


@contextlib.contextmanager
def mock_process(limit: int, window: float) -> Iterator[str]:
    """The mock in a process of its own (so workers do not share its interpreter), with its limit on."""
    process = subprocess.Popen(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", _MOCK, str(limit), str(window)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout is not None else ""
        if "listening on " not in line:
            raise RuntimeError(f"the mock did not start: {line!r}")
        yield line.rsplit(" ", 1)[-1].strip()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_workers(
    n: int, args: Sequence[str], *, seconds: float, per_worker: Sequence[Sequence[str]] = ()
) -> list[Any]:
    """Start ``n`` workers with ``args`` (plus ``per_worker[i]``), together; return their JSON results."""
    start_at = time.time() + 3.0 + 0.4 * n
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    procs = []
    for i in range(n):
        extra = list(per_worker[i]) if i < len(per_worker) else []
        command = [sys.executable, str(WORKER), *args, "--seconds", str(seconds), "--start-at", str(start_at)]
        procs.append(
            subprocess.Popen([*command, *extra], stdout=subprocess.PIPE, text=True, env=env)  # noqa: S603
        )
    results = []
    deadline = start_at + seconds + 60
    for proc in procs:
        out, _ = proc.communicate(timeout=max(1.0, deadline - time.time()))
        if proc.returncode != 0:
            raise RuntimeError(f"a quota worker failed with exit code {proc.returncode}")
        results.append(json.loads(out))
    return results


def max_in_window(times: Sequence[float], window: float) -> int:
    """The most events in any half-open interval of ``window`` seconds."""
    ordered = sorted(times)
    best = 0
    for i, t in enumerate(ordered):
        best = max(best, bisect.bisect_left(ordered, t + window, lo=i) - i)
    return best


def spread(counts: Sequence[int]) -> tuple[float, float]:
    """(smallest, largest) count as a share of the mean count."""
    mean = sum(counts) / len(counts)
    return (min(counts) / mean, max(counts) / mean) if mean else (0.0, 0.0)


def client_figures(results: Sequence[Any], *, limit: int, window: float, seconds: float) -> dict[str, Any]:
    """Share of the limit used (after the first window), share of attempts answered 429, spread."""
    attempts = [a for r in results for a in r["attempts"]]
    first = min((t for t, _ in attempts), default=0.0)
    steady_from = first + window
    refused = sum(1 for _, status in attempts if status == 429)
    per_process = [sum(1 for t, s in r["attempts"] if t >= steady_from and s != 429) for r in results]
    capacity = limit / window * (seconds - window)
    low, high = spread(per_process)
    return {
        "processes": len(results),
        "attempts": len(attempts),
        "answered_429": refused,
        "share_429": refused / len(attempts) if attempts else 0.0,
        "share_of_limit": sum(per_process) / capacity,
        "per_process": per_process,
        "spread": (round(low, 3), round(high, 3)),
        "failures": [r["failures"] for r in results if r["failures"]],
        "late": sum(1 for r in results if r["late"]),
    }


def limiter_figures(results: Sequence[Any], *, limit: int, window: float, seconds: float) -> dict[str, Any]:
    """How much the limiter alone admits: the most grants in any window (local clock) over the limit."""
    granted = [t for r in results for t in r["granted"]]
    slots = [t for r in results for t in r["slots"]]
    steady_from = min(granted, default=0.0) + window
    per_process = [sum(1 for t in r["granted"] if t >= steady_from) for r in results]
    low, high = spread(per_process)
    return {
        "processes": len(results),
        "granted": len(granted),
        "late": sum(1 for r in results if r["late"]),
        "max_in_window_over_limit": max_in_window(granted, window) / limit,
        "max_booked_in_window_over_limit": max_in_window(slots, window) / limit if slots else None,
        "share_of_limit": sum(per_process) / (limit / window * (seconds - window)),
        "spread": (round(low, 3), round(high, 3)),
    }
