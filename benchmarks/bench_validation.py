"""Benchmark: rows per second of local contact-file checks against a bare `csv.reader` read.

Run `python benchmarks/bench_validation.py [--rows N] [--runs K]`; prints JSON to stdout.

(a) bare      `csv.reader` over the file, drained in C: the ceiling of any Python CSV check.
(b) default   `validate_file` default mode (E.164 regex, fast email path, in-file duplicates).
(c) naive     a plain per-row loop with `phonenumbers.parse` + `is_valid_number` and
              `email_validator.validate_email`: what a straightforward implementation costs.
(d) strict    `validate_file(strict=True)`: phone validity through `phonenumbers`.
(e) minimal   reference only: csv.reader + the same two regexes + a duplicate dict, recording
              nothing; the floor any checker with these checks pays, to read (b) against.

Target: (b) at least 0.257x (a), the pure-Python figure of the last run with the C accelerator (retired in
package 0.2.0; it had made the target 0.35x). The cases take turns (round-robin), medians over the runs.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from exotel_contacts.importing import E164, validate_file
from exotel_contacts.importing.checks import EMAIL_FAST_OR_EMPTY

TARGET_RATIO = 0.257
SLOW_CASES = ("c_naive_phonenumbers_email_validator", "d_strict")
_FIRST = ["John", "Jane", "Bob", "Alice", "Priya", "Rahul", "Ananya", "Vikram", "Sneha", "Arjun", "María"]
_LAST = ["Doe", "Smith", "Wilson", "Brown", "Sharma", "Patel", "Iyer", "Reddy", "Khan", "Gupta"]
_COMPANIES = ["Acme Inc", "Beta Corp", "Gamma Ltd", "Acme, Inc.", "Delta Pvt Ltd", ""]
_TAGS = ["premium", "standard", "trial", ""]
_DOMAINS = ["example.com", "mail.example.org", "corp.example.in", "example.co.uk"]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """Write a realistic CCM file: ~2% bad phones, ~1% bad emails, ~1% in-file duplicates."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["phone_number", "first_name", "last_name", "email", "company", "tag"])
        previous: list[str] = []
        for _ in range(rows):
            roll = rng.random()
            if roll < 0.01 and previous:
                phone = rng.choice(previous)
            elif roll < 0.03:
                phone = rng.choice(["98765 43210", "invalid_number", "", "+91-98765-43210", "0091987654321"])
            else:
                phone = f"+91{rng.randint(6_000_000_000, 9_999_999_999)}"
                if len(previous) < 1000:
                    previous.append(phone)
            first, last = rng.choice(_FIRST), rng.choice(_LAST)
            if rng.random() < 0.01:
                email = rng.choice(["john@", "jane.example.com", "a..b@example.com", "x@y"])
            elif rng.random() < 0.1:
                email = ""
            else:
                email = f"{first.lower()}.{last.lower()}{rng.randint(1, 9999)}@{rng.choice(_DOMAINS)}"
            writer.writerow([phone, first, last, email, rng.choice(_COMPANIES), rng.choice(_TAGS)])


def bare(path: Path) -> None:
    """(a) the ceiling: csv.reader drained without looking at the rows."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        deque(csv.reader(handle), maxlen=0)


def default(path: Path) -> None:
    """(b) validate_file, default mode."""
    validate_file(path)


def naive(path: Path) -> None:
    """(c) the straightforward loop with phonenumbers and email-validator on every row."""
    seen: set[str] = set()
    failures = 0
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            try:
                number = phonenumbers.parse(row["phone_number"], None)
                if not phonenumbers.is_valid_number(number):
                    failures += 1
                    continue
            except phonenumbers.NumberParseException:
                failures += 1
                continue
            if row["email"]:
                try:
                    validate_email(row["email"], check_deliverability=False)
                except EmailNotValidError:
                    failures += 1
                    continue
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            if e164 in seen:
                failures += 1
            seen.add(e164)


def minimal(path: Path) -> None:
    """(e) the bare minimum of the default checks: no failure records, no messages."""
    e164 = E164.fullmatch
    email_ok = EMAIL_FAST_OR_EMPTY.fullmatch
    first_seen: dict[str, int] = {}
    remember = first_seen.setdefault
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        width = len(next(reader))
        for row_number, row in enumerate(reader, 1):
            if len(row) != width or not e164(row[0]) or not email_ok(row[3]):
                continue
            remember(row[0], row_number)


def strict(path: Path) -> None:
    """(d) validate_file(strict=True)."""
    validate_file(path, strict=True)


def measure(
    cases: dict[str, tuple[Callable[[Path], None], int]], path: Path, rows: int
) -> dict[str, dict[str, float]]:
    """Median, min and max rows per second of each case over its runs, the cases taking turns.

    Round-robin, so that a change in the machine's load (it is shared) hits every case alike instead
    of whichever case happened to run then.
    """
    rates: dict[str, list[float]] = {name: [] for name in cases}
    for round_ in range(max(runs for _, runs in cases.values())):
        for name, (func, runs) in cases.items():
            if round_ >= runs:
                continue
            start = time.perf_counter()
            func(path)
            rates[name].append(rows / (time.perf_counter() - start))
    return {
        name: {
            "median_rows_per_s": round(statistics.median(values)),
            "min_rows_per_s": round(min(values)),
            "max_rows_per_s": round(max(values)),
        }
        for name, values in rates.items()
    }


def main(argv: list[str] | None = None) -> int:
    """Generate the file, run every case, print JSON; exit 1 when the target is missed."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=500_000, help="data rows in the generated file")
    parser.add_argument("--runs", type=int, default=5, help="runs per case (median reported)")
    parser.add_argument(
        "--slow-runs", type=int, default=None, help="runs for the slow cases (c) and (d); default --runs"
    )
    parser.add_argument(
        "--quick", action="store_true", help="a quick check: 50,000 rows, 3 runs, 1 run of (c) and (d)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.rows, args.runs, args.slow_runs = 50_000, 3, 1
    slow_runs = args.slow_runs or args.runs
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "contacts.csv"
        generate(path, args.rows)
        bare(path)  # warm the page cache and imports so run 1 is not an outlier
        results = measure(
            {
                "a_bare_csv_reader": (bare, args.runs),
                "b_default": (default, args.runs),
                "c_naive_phonenumbers_email_validator": (naive, slow_runs),
                "d_strict": (strict, slow_runs),
                "e_minimal_reference": (minimal, args.runs),
            },
            path,
            args.rows,
        )
        file_bytes = path.stat().st_size
    ceiling = results["a_bare_csv_reader"]["median_rows_per_s"]
    for figures in results.values():
        figures["ratio_vs_bare"] = round(figures["median_rows_per_s"] / ceiling, 3)
    ratio = results["b_default"]["ratio_vs_bare"]
    command = (
        f".venv/bin/python benchmarks/bench_validation.py --rows {args.rows} --runs {args.runs} "
        f"--slow-runs {slow_runs}"
    )
    labels = {
        "b_default": ("validate_file (default)", f">= {TARGET_RATIO}"),
        "c_naive_phonenumbers_email_validator": (
            "naive phonenumbers + email-validator loop",
            "none (reference)",
        ),
        "d_strict": ("validate_file(strict=True)", "none (reference)"),
        "e_minimal_reference": ("minimal regex + dict loop", "none (reference)"),
    }
    rows = [
        {
            "name": f"validation: {label}, {args.rows} rows",
            "figure": f"{results[key]['median_rows_per_s']} rows/s",
            "baseline": f"{ceiling} rows/s (bare csv.reader)",
            "ratio": results[key]["ratio_vs_bare"],
            "target": target,
            "met": ratio >= TARGET_RATIO if key == "b_default" else None,
            "spread": f"{results[key]['min_rows_per_s']}-{results[key]['max_rows_per_s']} rows/s over "
            f"{slow_runs if key in SLOW_CASES else args.runs} runs",
            "command": command,
        }
        for key, (label, target) in labels.items()
        if key in results
    ]
    print(
        json.dumps(
            {
                "benchmark": "validation",
                "file_rows": args.rows,
                "file_bytes": file_bytes,
                "runs": args.runs,
                "slow_runs": slow_runs,
                "python": platform.python_version(),
                "results": results,
                "target_ratio": TARGET_RATIO,
                "target_met": ratio >= TARGET_RATIO,
                "rows": rows,
            },
            indent=2,
        )
    )
    return 0 if ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
