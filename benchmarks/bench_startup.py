"""Benchmark: start-up cost of ``import exotel_contacts`` against ``import httpx``, in fresh interpreters.

Run ``python benchmarks/bench_startup.py [--runs K] [--quick]``; prints JSON.

Each run starts a new interpreter (``python -c "import X"``) and times it from outside (wall clock,
``time.perf_counter``); the three commands (``pass``, ``import httpx``, ``import exotel_contacts``) take
turns so drift hits them alike. Reported: median and min-max per command, the ratio of the medians
(whole process, what a CLI user waits for) and the ratio net of the bare interpreter (``pass``, what the
import itself costs). One ``-X importtime`` run lists the modules that cost most.

No target is set: the figure is informational (the CLI keeps ``--help`` fast by importing lazily).
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import subprocess
import sys
import time
from typing import Any

COMMANDS = {
    "bare": "pass",
    "httpx": "import httpx",
    "exotel_contacts": "import exotel_contacts",
}
_IMPORTTIME = re.compile(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)")


def once(code: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - our own interpreter
    return time.perf_counter() - started


def importtime(module: str, top: int) -> dict[str, Any]:
    """The heaviest imports of one ``-X importtime`` run: top-level packages (cumulative), modules (self)."""
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        check=True,
        capture_output=True,
        text=True,
    )
    packages: dict[str, int] = {}
    modules: dict[str, int] = {}
    total = 0
    for line in done.stderr.splitlines():
        match = _IMPORTTIME.match(line)
        if match is None:
            continue
        own, cumulative, indent, name = int(match[1]), int(match[2]), len(match[3]), match[4]
        modules[name] = own
        if indent == 1:  # imported directly by the -c line, or by nothing we imported
            total += cumulative
        root = name.split(".")[0]
        if "." not in name:
            packages[root] = max(packages.get(root, 0), cumulative)
    heaviest = sorted(packages.items(), key=lambda item: item[1], reverse=True)[:top]
    slowest = sorted(modules.items(), key=lambda item: item[1], reverse=True)[:top]
    return {
        "total_ms": round(total / 1000, 1),
        "top_level_packages_cumulative_ms": {name: round(us / 1000, 1) for name, us in heaviest},
        "modules_self_ms": {name: round(us / 1000, 1) for name, us in slowest},
    }


def main(argv: list[str] | None = None) -> int:
    """Time the three commands, print JSON."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15, help="fresh interpreters per command")
    parser.add_argument("--quick", action="store_true", help="5 runs (smoke run)")
    args = parser.parse_args(argv)
    runs = 5 if args.quick else args.runs
    for code in COMMANDS.values():  # warm the file-system cache and the .pyc files
        once(code)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, code in COMMANDS.items():
            times[name].append(once(code))
    median = {name: statistics.median(values) for name, values in times.items()}
    ratios = [ec / hx for ec, hx in zip(times["exotel_contacts"], times["httpx"], strict=True)]
    net_ours = median["exotel_contacts"] - median["bare"]
    net_httpx = median["httpx"] - median["bare"]
    ratio = median["exotel_contacts"] / median["httpx"]
    command = f".venv/bin/python benchmarks/bench_startup.py --runs {runs}"
    rows = [
        {
            "name": "start-up: python -c 'import exotel_contacts' vs 'import httpx' (whole process)",
            "figure": f"{median['exotel_contacts'] * 1000:.0f} ms",
            "baseline": f"{median['httpx'] * 1000:.0f} ms",
            "ratio": round(ratio, 3),
            "target": "none (informational)",
            "met": None,
            "spread": f"ratio {min(ratios):.2f}-{max(ratios):.2f} over {runs} runs",
            "command": command,
        },
        {
            "name": "start-up: import cost net of a bare interpreter",
            "figure": f"{net_ours * 1000:.0f} ms",
            "baseline": f"{net_httpx * 1000:.0f} ms",
            "ratio": round(net_ours / net_httpx, 3) if net_httpx > 0 else None,
            "target": "none (informational)",
            "met": None,
            "spread": f"bare interpreter {median['bare'] * 1000:.0f} ms",
            "command": command,
        },
    ]
    print(
        json.dumps(
            {
                "benchmark": "startup",
                "runs": runs,
                "python": platform.python_version(),
                "results": {
                    name: {
                        "median_ms": round(median[name] * 1000, 1),
                        "min_ms": round(min(values) * 1000, 1),
                        "max_ms": round(max(values) * 1000, 1),
                    }
                    for name, values in times.items()
                },
                "ratio_median": round(ratio, 3),
                "ratio_min": round(min(ratios), 3),
                "ratio_max": round(max(ratios), 3),
                "importtime": {
                    "exotel_contacts": importtime("exotel_contacts", 10),
                    "httpx": importtime("httpx", 5),
                },
                "rows": rows,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
