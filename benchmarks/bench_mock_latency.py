"""Benchmark: the mock's status GET latency while three bulk-create streams run, against idle.

Run ``python benchmarks/bench_mock_latency.py [--gets N] [--quick]``; prints JSON.

The mock runs in its own process (``python -m exotel_contacts_mock``, instant processing, no rate
limit). The baseline is the median latency of ``N`` upload status GETs with nothing else running;
the figure is the median of ``N`` more while three threads each send createContacts requests of
5000 new contacts back to back. Both are measured in the same run on the same server. The mock
does its store work off the event loop, so a GET waits at most for the store's lock, not for a
whole bulk request to be parsed, checked, stored and answered.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx

AUTH = ("demo-key", "demo-token")
CSV = b"phone_number,first_name\n+919800000001,A\n"


@contextlib.contextmanager
def mock_process() -> Iterator[str]:
    """The mock in a child process; yields its base URL."""
    args = ["--port", "0", "--processing-rate", "0", "--rate-limit", "0"]
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "exotel_contacts_mock", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None  # noqa: S101 - set by Popen
        line = proc.stdout.readline()
        yield line.strip().rsplit(" ", 1)[-1]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def latencies(client: httpx.Client, path: str, count: int) -> list[float]:
    out = []
    for _ in range(count):
        started = time.perf_counter()
        client.get(path).raise_for_status()
        out.append((time.perf_counter() - started) * 1000)
    return out


def stream(base: str, numbers: Iterator[int], stop: threading.Event, sent: list[int]) -> None:
    with httpx.Client(base_url=base, auth=AUTH, timeout=120) as client:
        while not stop.is_set():
            contacts = [{"number": f"+91{next(numbers):010d}", "first_name": "N"} for _ in range(5000)]
            client.post("/v2/accounts/demo/contacts", json={"contacts": contacts}).raise_for_status()
            sent.append(1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gets", type=int, default=60)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    gets = 20 if args.quick else args.gets
    with mock_process() as base, httpx.Client(base_url=base, auth=AUTH, timeout=60) as client:
        upload = client.post("/v2/accounts/demo/contacts/upload", files={"file": ("a.csv", CSV)})
        path = f"/v2/accounts/demo/contacts/upload/{upload.json()['response']['data']['upload_id']}"
        latencies(client, path, 5)  # warm up
        idle = latencies(client, path, gets)
        numbers = itertools.count(6_000_000_000)
        lock = threading.Lock()

        def take() -> Iterator[int]:
            while True:
                with lock:
                    yield next(numbers)

        stop = threading.Event()
        sent: list[int] = []
        threads = [threading.Thread(target=stream, args=(base, take(), stop, sent)) for _ in range(3)]
        for thread in threads:
            thread.start()
        while not sent:  # the streams are under way once a first bulk request has been answered
            time.sleep(0.05)
        loaded = []
        for _ in range(gets):
            loaded += latencies(client, path, 1)
            time.sleep(0.02)
        stop.set()
        for thread in threads:
            thread.join()
    figure, baseline = statistics.median(loaded), statistics.median(idle)
    row: dict[str, Any] = {
        "name": "mock: status GET during 3 bulk-create streams (median ms)",
        "figure": round(figure, 2),
        "baseline": round(baseline, 2),
        "ratio": round(figure / baseline, 1),
        "target": "informational",
        "met": None,
        "spread": (
            f"{gets} GETs each; loaded {min(loaded):.1f}-{max(loaded):.1f} ms (p90 "
            f"{statistics.quantiles(loaded, n=10)[-1]:.1f}), idle {min(idle):.1f}-{max(idle):.1f} ms; "
            f"{len(sent)} bulk requests of 5000 answered meanwhile"
        ),
        "command": "python benchmarks/bench_mock_latency.py",
    }
    print(json.dumps({"rows": [row]}, indent=2))


if __name__ == "__main__":
    main()
