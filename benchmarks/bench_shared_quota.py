"""Benchmark: one account's quota shared by 1, 4 and 8 processes through Redis, against the mock's limit.

Run ``python benchmarks/bench_shared_quota.py [--seconds S] [--quick]``; prints JSON. Needs
``redis-server`` (``make test`` installs Debian's package when missing); a real one is started and
stopped here.

Time is scaled: the mock allows 10 requests per 1 s window per account (Exotel: 200 per 60 s) and every
client is configured with ``rate_limit="10 per 1 second"`` and the same ``redis_url``. Each process runs
4 threads that send requests as fast as the limiter lets them, for S seconds. Figures, from every
attempt each process recorded (retries included): the share of the limit used after the first window
(the first window is a burst of the full limit by design), the share of attempts answered 429, and the
spread of per-process counts around the mean (fairness).

The library evaluation runs the limiter alone (no HTTP): this package's Lua script, the ``limits``
library's Redis moving window, and pyrate-limiter's ``RedisBucket``, each shared by 4 and 8 processes,
and once more with one of 4 processes' clocks 0.5 s ahead. The figure is the most turns granted in any
1 s interval (one machine's clock) over the limit: 1.0 is a limiter that holds.

Targets: >= 0.95 of the limit and <= 1 % of attempts answered 429 at 4 and 8 processes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.quota_harness import client_figures, limiter_figures, mock_process, run_workers
from tests.redis_server import running_redis

LIMIT = 10
WINDOW = 1.0
RATE = f"{LIMIT} per 1 second"
TARGET_SHARE = 0.95
TARGET_429 = 0.01


Rows = list[dict[str, Any]]


def client_rows(url: str, seconds: float, command: str) -> tuple[Rows, list[Any]]:
    rows: Rows = []
    details = []
    for n in (1, 4, 8):
        # Each run its own Redis database, so no booking of an earlier run is still in the window.
        db_url = f"{url.rsplit('/', 1)[0]}/{n}"
        args = ["client", "--redis-url", db_url, "--account", "demo", "--rate", RATE, "--threads", "4"]
        # A fresh mock per run: it counts per account, and each run starts with an unspent quota.
        with mock_process(LIMIT, WINDOW) as base_url:
            results = run_workers(n, [*args, "--base-url", base_url], seconds=seconds)
        fig = client_figures(results, limit=LIMIT, window=WINDOW)
        details.append(fig)
        graded = n > 1
        rows.append(
            {
                "name": f"shared quota, {n} process{'es' if n > 1 else ''}: share of the limit used",
                "figure": round(fig["share_of_limit"], 3),
                "baseline": f"{LIMIT}/s (the mock's limit)",
                "ratio": round(fig["share_of_limit"], 3),
                "target": f">= {TARGET_SHARE}" if graded else "(reference)",
                "met": fig["share_of_limit"] >= TARGET_SHARE if graded else None,
                "spread": f"per process {fig['spread'][0]}-{fig['spread'][1]} x mean; 1 run of {seconds:g} s",
                "command": command,
            }
        )
        rows.append(
            {
                "name": f"shared quota, {n} process{'es' if n > 1 else ''}: attempts answered 429",
                "figure": f"{fig['answered_429']} x 429",
                "baseline": f"{fig['attempts']} attempts",
                "ratio": round(fig["share_429"], 4),
                "target": f"<= {TARGET_429}" if graded else "(reference)",
                "met": fig["share_429"] <= TARGET_429 if graded else None,
                "spread": "1 run",
                "command": command,
            }
        )
    return rows, details


def limiter_rows(url: str, seconds: float, command: str) -> tuple[Rows, list[Any]]:
    rows: list[dict[str, Any]] = []
    details = []
    cases: list[tuple[str, int, float]] = [
        (backend, n, 0.0) for backend in ("lua", "limits", "pyrate") for n in (4, 8)
    ]
    cases += [("lua", 4, 0.5), ("limits", 4, 0.5)]
    baseline: dict[tuple[int, float], float] = {}
    for backend, n, skew in cases:
        args = ["limiter", "--backend", backend, "--redis-url", url, "--rate", RATE, "--threads", "2"]
        args += ["--account", f"{backend}-{n}-{skew}"]
        per_worker = [["--skew", str(skew)]] if skew else []
        fig = limiter_figures(
            run_workers(n, args, seconds=seconds, per_worker=per_worker),
            limit=LIMIT,
            window=WINDOW,
        )
        fig.update(backend=backend, skew=skew)
        details.append(fig)
        over = fig["max_in_window_over_limit"]
        if backend == "lua":
            baseline[(n, skew)] = over
        label = {"lua": "Lua script (ours)", "limits": "limits moving window", "pyrate": "pyrate RedisBucket"}
        skew_text = f", one clock {skew:+g} s" if skew else ""
        rows.append(
            {
                "name": f"limiter alone, {label[backend]}, {n} processes{skew_text}: "
                "most grants in 1 s / limit",
                "figure": over,
                "baseline": "1.0 (a window that holds)"
                if backend == "lua"
                else f"{baseline.get((n, skew), 1.0)} (Lua script, same run)",
                "ratio": round(over / baseline.get((n, skew), 1.0), 3),
                "target": "1.0 (never over the limit)",
                "met": over <= 1.0,
                "spread": f"per process {fig['spread'][0]}-{fig['spread'][1]} x mean; 1 run of {seconds:g} s",
                "command": command,
            }
        )
    return rows, details


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--limiter-seconds", type=float, default=8.0)
    parser.add_argument("--quick", action="store_true", help="shorter runs (6 s and 4 s)")
    args = parser.parse_args()
    if args.quick:
        args.seconds, args.limiter_seconds = 6.0, 4.0
    command = (
        f".venv/bin/python benchmarks/bench_shared_quota.py --seconds {args.seconds:g} "
        f"--limiter-seconds {args.limiter_seconds:g}"
    )
    with running_redis() as url:
        rows, clients = client_rows(url, args.seconds, command)
        more, limiters = limiter_rows(url, args.limiter_seconds, command)
    print(
        json.dumps(
            {"benchmark": "shared_quota", "clients": clients, "limiters": limiters, "rows": rows + more},
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
