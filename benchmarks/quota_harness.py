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


@contextlib.contextmanager
def mock_process(limit: int | None, window: float, *extra: str) -> Iterator[str]:
    """The mock in a process of its own (so workers do not share its interpreter), with its limit on.

    ``limit`` None leaves each category its own limit; ``extra`` are more of the mock's options.
    """
    command = [sys.executable, "-m", "exotel_contacts_mock", "--port", "0", "--processing-rate", "0"]
    command += ["--rate-window", str(window), *extra]
    if limit is not None:
        command += ["--rate-limit", str(limit)]
    # The demo account: no EXOTEL_* variable of the caller's may change it.
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXOTEL_")}
    process = subprocess.Popen(  # noqa: S603 - this interpreter, the mock's own command line
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
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
        if process.stdout is not None:
            process.stdout.close()


def run_workers(
    n: int, args: Sequence[str], *, seconds: float, per_worker: Sequence[Sequence[str]] = ()
) -> list[Any]:
    """Start ``n`` workers with ``args`` (plus ``per_worker[i]``); once all are ready, start them together.

    Returns their JSON results.
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    procs = []
    for i in range(n):
        extra = list(per_worker[i]) if i < len(per_worker) else []
        command = [sys.executable, str(WORKER), *args, "--seconds", str(seconds), *extra]
        procs.append(
            subprocess.Popen(  # noqa: S603 - this interpreter, this repository's worker
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
            )
        )
    try:
        for proc in procs:
            if proc.stdout is None or proc.stdout.readline().strip() != "ready":
                raise RuntimeError("a quota worker did not get ready")
        start_at = time.time() + 0.3
        for proc in procs:
            if proc.stdin is not None:
                proc.stdin.write(f"{start_at}\n")
                proc.stdin.close()
        results = []
        for proc in procs:
            out = proc.stdout.read() if proc.stdout is not None else ""
            proc.wait(timeout=seconds + 60)
            if proc.returncode != 0:
                raise RuntimeError(f"a quota worker failed with exit code {proc.returncode}")
            results.append(json.loads(out))
        return results
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()


def max_in_window(times: Sequence[float], window: float) -> int:
    """The most events in any half-open interval of ``window`` seconds."""
    ordered = sorted(times)
    best = 0
    for i, t in enumerate(ordered):
        best = max(best, bisect.bisect_left(ordered, t + window, lo=i) - i)
    return best


def window_use(times: Sequence[float], window: float, start: float, end: float) -> float:
    """The mean number of events in the ``window`` before each moment of [start, end] (every 10 ms).

    A limiter that keeps the server's window full scores the limit; the first window (a burst of the
    whole limit, by design) is left out by starting one window after the first event.
    """
    if end <= start:
        return 0.0
    ordered = sorted(times)
    steps = max(1, int((end - start) / 0.01))
    total = 0
    for k in range(steps + 1):
        t = start + (end - start) * k / steps
        total += bisect.bisect_right(ordered, t) - bisect.bisect_right(ordered, t - window)
    return total / (steps + 1)


def spread(counts: Sequence[int]) -> tuple[float, float]:
    """(smallest, largest) count as a share of the mean count."""
    mean = sum(counts) / len(counts)
    return (min(counts) / mean, max(counts) / mean) if mean else (0.0, 0.0)


def client_figures(results: Sequence[Any], *, limit: int, window: float) -> dict[str, Any]:
    """Share of the server's window kept full, share of attempts answered 429, per-process spread."""
    attempts = [a for r in results for a in r["attempts"]]
    accepted = sorted(t for t, status in attempts if status != 429)
    refused = sum(1 for _, status in attempts if status == 429)
    first = accepted[0] if accepted else 0.0
    last = accepted[-1] if accepted else 0.0
    per_process = [sum(1 for t, s in r["attempts"] if t >= first + window and s != 429) for r in results]
    low, high = spread(per_process)
    return {
        "processes": len(results),
        "attempts": len(attempts),
        "answered_429": refused,
        "share_429": refused / len(attempts) if attempts else 0.0,
        "share_of_limit": window_use(accepted, window, first + window, last) / limit,
        "per_process": per_process,
        "spread": (round(low, 3), round(high, 3)),
        "failures": [r["failures"] for r in results if r["failures"]],
    }


def limiter_figures(results: Sequence[Any], *, limit: int, window: float) -> dict[str, Any]:
    """How much the limiter alone admits: the most grants in any window (local clock) over the limit."""
    granted = [t for r in results for t in r["granted"]]
    slots = [t for r in results for t in r["slots"]]
    steady_from = min(granted, default=0.0) + window
    per_process = [sum(1 for t in r["granted"] if t >= steady_from) for r in results]
    low, high = spread(per_process)
    return {
        "processes": len(results),
        "granted": len(granted),
        "max_in_window_over_limit": max_in_window(granted, window) / limit,
        "max_booked_in_window_over_limit": max_in_window(slots, window) / limit if slots else None,
        "share_of_limit": window_use(granted, window, steady_from, max(granted, default=0.0)) / limit,
        "spread": (round(low, 3), round(high, 3)),
    }
