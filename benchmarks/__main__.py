"""Run every ``benchmarks/bench_*.py``, print a table, and rewrite the table section of BENCHMARKS.md.

Usage: ``python -m benchmarks [--quick] [--only NAME] [--no-write] [--timeout SECONDS]``; ``--only`` never
writes BENCHMARKS.md, so the file always holds one complete run.

The convention each script follows: run as ``python benchmarks/bench_<name>.py [flags]``, print one
JSON document to stdout, and put in it a top-level ``"rows"`` list, one item per table row::

    {"name": str, "figure": number|str, "baseline": number|str, "ratio": number|null,
     "target": str, "met": bool|null, "spread": str, "command": str}

``figure`` and ``baseline`` are measured in the same run; ``ratio`` is figure / baseline; ``spread`` says
over what the median was taken and how far it ranged; ``command`` reproduces the row. Anything else in
the JSON is detail the runner ignores. A script with a ``--quick`` flag gets it under ``--quick``. A new
``bench_*.py`` is picked up without touching this file; a script that crashes, prints no JSON, or has
no ``rows`` is shown as such in the table, and so is an expected script that is missing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "benchmarks"
REPORT = ROOT / "BENCHMARKS.md"
BEGIN = "<!-- benchmarks:begin (written by `python -m benchmarks`; edit above this line) -->"
END = "<!-- benchmarks:end -->"
PYTHON = ".venv/bin/python"

#: Scripts that should exist; a missing one is a row that says so.
EXPECTED = (
    "bench_bulk",
    "bench_download",
    "bench_memory",
    "bench_mock_latency",
    "bench_pacing",
    "bench_polling",
    "bench_server_limits",
    "bench_shared_quota",
    "bench_startup",
    "bench_validation",
)
#: Flags for scripts that have no --quick of their own (full run: their defaults unless listed).
FULL_ARGS: dict[str, list[str]] = {"bench_bulk": ["--runs", "5"]}
QUICK_ARGS: dict[str, list[str]] = {
    "bench_bulk": ["--contacts", "10000", "--runs", "2"],
    "bench_pacing": ["--seconds", "5"],
    "bench_validation": ["--rows", "50000", "--runs", "2"],
}
COLUMNS = ("Benchmark", "Figure", "Baseline (same run)", "Ratio", "Spread", "Target", "Met", "Reproduce")
HEADER = """# Benchmarks

Every figure is compared with a baseline measured in the same run, on the same machine. Regenerate with
`make bench` (`.venv/bin/python -m benchmarks`); each row names the one command that reproduces it.
Scripts live in `benchmarks/`; the docstring of each says what it measures and why.

"""


def script_args(path: Path, quick: bool) -> list[str]:
    name = path.stem
    if not quick:
        return FULL_ARGS.get(name, [])
    if name in QUICK_ARGS:
        return QUICK_ARGS[name]
    return ["--quick"] if '"--quick"' in path.read_text(encoding="utf-8") else []


def command_text(path: Path, args: list[str]) -> str:
    return shlex.join([PYTHON, str(path.relative_to(ROOT)), *args])


def failure_row(name: str, what: str, command: str) -> dict[str, Any]:
    return {
        "name": name,
        "figure": what,
        "baseline": "",
        "ratio": None,
        "target": "",
        "met": False,
        "spread": "",
        "command": command,
    }


def run_script(path: Path, args: list[str], timeout: float) -> dict[str, Any]:
    """Run one script; its rows (or one row saying why there are none), exit code and duration."""
    command = command_text(path, args)
    started = time.perf_counter()
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter running our own scripts
            [sys.executable, str(path), *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        seconds = time.perf_counter() - started
        row = failure_row(path.stem, f"FAILED: no result after {timeout:g} s", command)
        return {"script": path.name, "rows": [row], "exit_code": None, "seconds": seconds, "failed": True}
    seconds = time.perf_counter() - started
    result: dict[str, Any] = {"script": path.name, "exit_code": done.returncode, "seconds": seconds}
    try:
        document = json.loads(done.stdout)
    except ValueError:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        result["rows"] = [failure_row(path.stem, f"FAILED (exit {done.returncode}): {last[:200]}", command)]
        result["stderr"] = done.stderr[-4000:]
        result["failed"] = True
        return result
    rows = document.get("rows") if isinstance(document, dict) else None
    if not isinstance(rows, list) or not rows:
        rows = [failure_row(path.stem, "no `rows` in its JSON (see benchmarks/__main__.py)", command)]
    result["rows"] = [{**row, "command": row.get("command") or command} for row in rows]
    result["detail"] = document
    return result


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "os": f"{platform.system()} {platform.release()}",
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "met" if value else "**missed**"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).replace("|", "\\|").replace("\n", " ")


def table(results: list[dict[str, Any]]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for result in results:
        for row in result["rows"]:
            values = [
                cell(row.get("name")),
                cell(row.get("figure")),
                cell(row.get("baseline")),
                cell(row.get("ratio")),
                cell(row.get("spread")),
                cell(row.get("target")),
                cell(row.get("met")),
                f"`{row.get('command')}`",
            ]
            lines.append("| " + " | ".join(values) + " |")
    return "\n".join(lines)


def section(results: list[dict[str, Any]], info: dict[str, str], quick: bool) -> str:
    mode = "quick smoke run (`--quick`, reduced sizes)" if quick else "full run"
    took = ", ".join(
        f"`{r['script']}` {r['seconds']:.0f} s"
        + ("" if r["exit_code"] in (0, None) else f" (exit {r['exit_code']})")
        for r in results
        if "seconds" in r
    )
    return "\n".join(
        [
            BEGIN,
            "",
            f"Measured {info['date']}, {mode}, on {info['cpu']} ({info['cores']} cores), "
            f"{info['os']}, {info['python']}.",
            "",
            table(results),
            "",
            f"Durations: {took or 'none'}.",
            "",
            END,
        ]
    )


def write_report(text: str) -> None:
    current = REPORT.read_text(encoding="utf-8") if REPORT.exists() else HEADER
    if BEGIN in current and END in current:
        head, rest = current.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
    else:
        head, tail = current.rstrip() + "\n\n", "\n"
    REPORT.write_text(head + text + tail, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the scripts, print the table; exit 1 when a script printed no JSON (missed targets do not)."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run of every script")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        help="run scripts whose name contains this (a partial table: BENCHMARKS.md is left alone)",
    )
    parser.add_argument("--no-write", action="store_true", help="print the table, leave BENCHMARKS.md alone")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per script")
    args = parser.parse_args(argv)
    found = {path.stem: path for path in sorted(HERE.glob("bench_*.py"))}
    names = sorted(set(found) | set(EXPECTED))
    if args.only:
        names = [n for n in names if any(part in n for part in args.only)]
    results: list[dict[str, Any]] = []
    for name in names:
        path = found.get(name)
        if path is None:
            command = command_text(HERE / f"{name}.py", [])
            results.append(
                {"script": f"{name}.py", "rows": [failure_row(name, "MISSING: no such script", command)]}
            )
            print(f"{name}: missing", file=sys.stderr)
            continue
        script = script_args(path, args.quick)
        print(f"{name}: running {command_text(path, script)}", file=sys.stderr, flush=True)
        result = run_script(path, script, args.timeout)
        print(f"{name}: {result['seconds']:.1f} s, exit {result['exit_code']}", file=sys.stderr, flush=True)
        results.append(result)
    info = machine()
    text = section(results, info, args.quick)
    print(text)
    if not args.no_write and not args.only:
        write_report(text)
        print(f"wrote {REPORT.relative_to(ROOT)}", file=sys.stderr)
    return 1 if any(r.get("failed") for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
