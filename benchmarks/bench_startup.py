"""Benchmark: start-up cost of ``import exotel_contacts`` against ``import httpx``, in fresh interpreters.

Run ``python benchmarks/bench_startup.py [--runs K] [--quick]``; prints JSON.

Each run starts a new process and times it from outside (wall clock, ``time.perf_counter``); the
commands take turns so drift hits them alike: ``python -c pass``, ``python -c "import httpx"``,
``python -c "import exotel_contacts"``, ``exotel-contacts --help``, ``exotel-contacts validate`` of a
10-row file (SMALL), and, ``--big-runs`` times, ``exotel-contacts validate`` of a ``--rows``-row file
(bench_validation's generator, 1 % duplicates) against a bare ``csv.reader`` pass over it in a fresh
interpreter. Output goes to a pipe. Reported: medians, spreads of the per-round
ratios, and the ratios of the medians. One ``-X importtime`` run lists the modules that cost most.

Targets (issue 14): ``--help`` and ``validate SMALL`` <= 0.75x ``import httpx``; ``import
exotel_contacts`` <= 1.5x ``import httpx``; ``validate`` of the big file >= 0.257x the bare pass's speed
(bare time / validate time), whole processes: the pure-Python figure of the last run with the C
accelerator, retired in package 0.2.0 (with it the target was 0.35x).
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_validation import generate

VALIDATE_TARGET = 0.257
"""Whole-process validate speed over a bare csv.reader process: the last pure-Python figure (issue 21)."""
COMMANDS = {
    "bare": "pass",
    "httpx": "import httpx",
    "exotel_contacts": "import exotel_contacts",
}
_IMPORTTIME = re.compile(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)")


CLI = str(Path(sys.executable).with_name("exotel-contacts"))
BARE_CSV = (
    "import csv, collections, sys; h = open(sys.argv[1], encoding='utf-8-sig', newline=''); "
    "collections.deque(csv.reader(h), maxlen=0)"
)


_CLI_RUN = (
    "import sys; sys.argv = ['exotel-contacts', 'validate', {!r}]\n"
    "from exotel_contacts.cli import main\n"
    "try:\n    main()\nexcept SystemExit:\n    pass"
)


def once(code: str) -> float:
    return run([sys.executable, "-c", code])


def run(argv: list[str], ok: tuple[int, ...] = (0,)) -> float:
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    seconds = time.perf_counter() - started
    if done.returncode not in ok:
        raise SystemExit(f"{argv} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return seconds


def ratio_row(
    name: str, ours: list[float], base: list[float], target: float, *, speed: bool = False
) -> dict[str, Any]:
    """A table row: median of ours against the median of the baseline, per-round ratio spread."""
    m_ours, m_base = statistics.median(ours), statistics.median(base)
    per_round = [(b / o) if speed else (o / b) for o, b in zip(ours, base, strict=True)]
    ratio = m_base / m_ours if speed else m_ours / m_base
    return {
        "name": name,
        "figure": f"{m_ours * 1000:.0f} ms",
        "baseline": f"{m_base * 1000:.0f} ms",
        "ratio": round(ratio, 3),
        "target": f">= {target}x (speed)" if speed else f"<= {target}x",
        "met": ratio >= target if speed else ratio <= target,
        "spread": f"ratio {min(per_round):.2f}-{max(per_round):.2f} over {len(ours)} rounds",
    }


def importtime(module: str, top: int, *, code: str | None = None) -> dict[str, Any]:
    """The heaviest imports of one ``-X importtime`` run: top-level packages (cumulative), modules (self).

    ``code`` runs instead of ``import module`` (e.g. the command line's entry point on a file)."""
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-X", "importtime", "-c", code or f"import {module}"],
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
    parser.add_argument("--rows", type=int, default=500_000, help="rows of the big validate file")
    parser.add_argument("--big-runs", type=int, default=5, help="rounds of the big validate comparison")
    args = parser.parse_args(argv)
    runs = 5 if args.quick else args.runs
    big_runs = 2 if args.quick else args.big_runs
    rows_big = 50_000 if args.quick else args.rows
    imports: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        small, big = Path(tmp, "small.csv"), Path(tmp, "big.csv")
        generate(small, 10)
        generate(big, rows_big)
        commands: dict[str, list[str]] = {
            "bare": [sys.executable, "-c", "pass"],
            "httpx": [sys.executable, "-c", "import httpx"],
            "exotel_contacts": [sys.executable, "-c", "import exotel_contacts"],
            "help": [CLI, "--help"],
            "validate_small": [CLI, "validate", str(small)],
        }
        for argv_ in commands.values():  # warm the file-system cache and the .pyc files
            run(argv_, ok=(0, 1))
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, argv_ in commands.items():
                times[name].append(run(argv_, ok=(0, 1)))
        big_times: dict[str, list[float]] = {"bare_csv": [], "validate_big": []}
        for _ in range(big_runs):
            big_times["bare_csv"].append(run([sys.executable, "-c", BARE_CSV, str(big)]))
            big_times["validate_big"].append(run([CLI, "validate", str(big)], ok=(0, 1)))
        # What `exotel-contacts validate SMALL` imports, the heaviest first (the entry point, in-process).
        cli_run = _CLI_RUN.format(str(small))
        imports["cli_validate_small"] = importtime("exotel_contacts.cli", 15, code=cli_run)
    median = {name: statistics.median(values) for name, values in {**times, **big_times}.items()}
    command = (
        f".venv/bin/python benchmarks/bench_startup.py --runs {runs} --rows {rows_big} --big-runs {big_runs}"
    )
    rows = [
        ratio_row(
            "start-up: python -c 'import exotel_contacts' vs 'import httpx'",
            times["exotel_contacts"],
            times["httpx"],
            1.5,
        ),
        ratio_row(
            "start-up: exotel-contacts --help vs python -c 'import httpx'",
            times["help"],
            times["httpx"],
            0.75,
        ),
        ratio_row(
            "start-up: exotel-contacts validate SMALL (10 rows) vs 'import httpx'",
            times["validate_small"],
            times["httpx"],
            0.75,
        ),
        ratio_row(
            f"validate, whole process: exotel-contacts validate {rows_big} rows vs a bare csv.reader process",
            big_times["validate_big"],
            big_times["bare_csv"],
            VALIDATE_TARGET,
            speed=True,
        ),
    ]
    for row in rows:
        row["command"] = command
    rows[0]["spread"] += f"; bare interpreter {median['bare'] * 1000:.0f} ms"
    ratio = median["exotel_contacts"] / median["httpx"]
    ratios = [ec / hx for ec, hx in zip(times["exotel_contacts"], times["httpx"], strict=True)]
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
                    for name, values in {**times, **big_times}.items()
                },
                "ratio_median": round(ratio, 3),
                "ratio_min": round(min(ratios), 3),
                "ratio_max": round(max(ratios), 3),
                "importtime": {
                    **imports,
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
