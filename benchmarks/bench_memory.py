"""Benchmark: peak memory (RSS) of ``import_contacts``, which must not grow with the file.

Run ``python benchmarks/bench_memory.py [--small N] [--large N] [--campaign-mb M] [--quick]``; prints JSON.

Each measurement runs in a FRESH interpreter that imports the package, runs one full import (check,
split, upload to the mock, wait for the verdicts) and reports its own
``resource.getrusage(RUSAGE_SELF).ru_maxrss``. The mock runs in another process (a fresh one per case,
instant processing, limits raised only where the case needs it), so its memory is not counted.

Rows:

* CCM import of ``--large`` rows (default 500,000: ten parts of 50,000) against ``--small`` rows
  (default 50,000: one part), all six CCM columns. Target: the larger costs at most 1.1x the smaller.
* One ~``--campaign-mb`` MB Campaign file (default 59, one part of the 60 MB limit, a dynamic list;
  its first number already in the address book, so the server counts a duplicate and the import reads
  the whole list back to name it: reconciliation is part of what is measured) against an interpreter
  that has loaded the client and the import code and opened a client, sending nothing (the package
  itself loads its modules on first use). Target (ours, the seeds give none): the
  upload streams the file, so the peak grows by less than half the file's size.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

TARGET_RATIO = 1.1
ROOT = Path(__file__).resolve().parents[1]

MOCK = r"""
import sys
from exotel_contacts_mock.config import MockConfig
from exotel_contacts_mock.server import serve
config = MockConfig(processing_rate=0, rate_limit=0, contact_quota=10_000_000,
                    dynamic_list_cap=1_000_000, static_list_cap=1_000_000)
serve(config, "127.0.0.1", 0)
"""

CHILD = r"""
import json, resource, sys, time
import exotel_contacts as ec
mode, path, base_url = sys.argv[1], sys.argv[2], sys.argv[3]
out = {"mode": mode}
if mode == "baseline":
    # The package loads its modules on first use: load what an import uses (the client, the import
    # driver, the file checks) and open a client, sending nothing, so growth is what the file adds.
    import exotel_contacts.workflows.imports
    with ec.Client(account_sid="demo", api_key="demo-key", api_token="demo-token", environ={},
                   ccm_base_url=base_url, campaign_base_url=base_url, rate_limit_per_minute=None):
        pass
else:
    started = time.perf_counter()
    with ec.Client(account_sid="demo", api_key="demo-key", api_token="demo-token", environ={},
                   ccm_base_url=base_url, campaign_base_url=base_url, rate_limit_per_minute=None) as client:
        if mode == "ccm":
            result = client.import_contacts(path, timeout=1800)
        elif mode == "ccm-nodup":
            result = client.import_contacts(path, timeout=1800, detect_duplicates=False)
        else:
            # The file's first number is in the address book before: the server counts it a duplicate,
            # so the import reads the whole list back to name it (a clean import reads nothing back).
            client.create_contacts_bulk([{"number": "+919700000000"}])
            result = client.import_contacts(path, family="campaign", list_name="bench", type="dynamic",
                                            timeout=1800)
    out.update(seconds=round(time.perf_counter() - started, 1), total=result.total,
               accepted=result.accepted, failed=result.failed, duplicates=result.duplicates,
               reconciled=result.reconciled is not None, parts=len(result.parts),
               errors=[p.error for p in result.parts if p.error])
out["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(out))
"""


def write_ccm(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("phone_number,first_name,last_name,email,company,tag\r\n")
        for i in range(rows):
            handle.write(
                f"+9198{i:08d},First{i % 997},Last{i % 1013},user{i}@example.com,Company {i % 211} Pvt Ltd,"
                f"tag{i % 7}\r\n"
            )


def write_campaign(path: Path, megabytes: float) -> int:
    """A Campaign file of about `megabytes` * 10**6 bytes with wide rows (under 500,000 of them)."""
    limit = int(megabytes * 1_000_000)
    written = rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        header = "number,first_name,last_name,company_name,email,tag\r\n"
        handle.write(header)
        written = len(header)
        while True:
            line = (
                f"+9197{rows:08d},Firstname{rows % 997},Lastname{rows % 1013},"
                f"Company {rows % 211} Private Limited Bengaluru,someone.{rows}@example.com,"
                f"campaign-tag-{rows % 7}\r\n"
            )
            if written + len(line) > limit:
                return rows
            handle.write(line)
            written += len(line)
            rows += 1


class Mock:
    """The mock in its own process."""

    def __enter__(self) -> str:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(  # noqa: S603 - our interpreter, our mock
            [sys.executable, "-c", MOCK], stdout=subprocess.PIPE, text=True, env=env
        )
        line = self.process.stdout.readline() if self.process.stdout is not None else ""
        if "http://" not in line:
            self.process.kill()
            raise SystemExit(f"the mock did not start: {line!r}")
        # Keep reading what the mock prints (one access-log line a request): a full pipe would stop it.
        threading.Thread(target=self._drain, daemon=True).start()
        return line.strip().rsplit(" ", 1)[-1]

    def _drain(self) -> None:
        if self.process.stdout is not None:
            for _ in self.process.stdout:
                pass

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def child(mode: str, path: Path | None, base_url: str) -> dict[str, Any]:
    done = subprocess.run(  # noqa: S603 - our interpreter running our own snippet
        [sys.executable, "-c", CHILD, mode, str(path or ""), base_url],
        capture_output=True,
        text=True,
        check=False,
        timeout=3600,
    )
    if done.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure_import(mode: str, path: Path) -> dict[str, Any]:
    with Mock() as base_url:
        return child(mode, path, base_url)


def mb(kb: int) -> float:
    return round(kb / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=50_000)
    parser.add_argument("--large", type=int, default=500_000)
    parser.add_argument("--campaign-mb", type=float, default=59.0)
    parser.add_argument("--quick", action="store_true", help="10,000 vs 100,000 rows, a 6 MB Campaign file")
    args = parser.parse_args()
    if args.quick:
        args.small, args.large, args.campaign_mb = 10_000, 100_000, 6.0

    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        small, large, campaign = Path(tmp, "small.csv"), Path(tmp, "large.csv"), Path(tmp, "campaign.csv")
        write_ccm(small, args.small)
        write_ccm(large, args.large)
        campaign_rows = write_campaign(campaign, args.campaign_mb)
        sizes = {p.name: p.stat().st_size for p in (small, large, campaign)}
        baseline = child("baseline", None, "http://127.0.0.1:9")
        small_run = measure_import("ccm", small)
        large_run = measure_import("ccm", large)
        large_nodup_run = measure_import("ccm-nodup", large)
        campaign_run = measure_import("campaign", campaign)

    runs = (
        (small_run, args.small),
        (large_run, args.large),
        (large_nodup_run, args.large),
        (campaign_run, campaign_rows),
    )
    for run, rows in runs:
        # Every row is taken, but the Campaign file's first number, already in the address book (a
        # duplicate, found again by reading the list back).
        duplicates = 1 if run is campaign_run else 0
        if (run["accepted"], run.get("duplicates", 0)) != (rows - duplicates, duplicates) or run["errors"]:
            raise SystemExit(f"import did not accept every row as planned: {run}")
        if run is campaign_run and not run["reconciled"]:
            raise SystemExit(f"the Campaign import did not read its list back: {run}")
    ratio = large_run["maxrss_kb"] / small_run["maxrss_kb"]
    nodup_ratio = large_nodup_run["maxrss_kb"] / small_run["maxrss_kb"]
    growth_kb = campaign_run["maxrss_kb"] - baseline["maxrss_kb"]
    campaign_met = growth_kb * 1024 < sizes["campaign.csv"] / 2
    quick = " --quick" if args.quick else ""
    command = f".venv/bin/python benchmarks/bench_memory.py{quick}"
    rows = [
        {
            "name": f"import_contacts peak RSS, {args.large:,} rows vs {args.small:,} (CCM)",
            "figure": f"{mb(large_run['maxrss_kb'])} MB",
            "baseline": f"{mb(small_run['maxrss_kb'])} MB ({args.small:,} rows)",
            "ratio": round(ratio, 3),
            "target": f"<= {TARGET_RATIO}",
            "met": ratio <= TARGET_RATIO,
            "spread": "one fresh process per size",
            "command": command,
        },
        {
            "name": f"no in-file duplicate check: peak RSS, {args.large:,} vs {args.small:,} rows",
            "figure": f"{mb(large_nodup_run['maxrss_kb'])} MB",
            "baseline": f"{mb(small_run['maxrss_kb'])} MB ({args.small:,} rows, default checks)",
            "ratio": round(nodup_ratio, 3),
            "target": f"<= {TARGET_RATIO}",
            "met": nodup_ratio <= TARGET_RATIO,
            "spread": "one fresh process per size",
            "command": command,
        },
        {
            "name": f"import_contacts peak RSS, one {sizes['campaign.csv'] / 1e6:.0f} MB Campaign file",
            "figure": f"{mb(campaign_run['maxrss_kb'])} MB",
            "baseline": f"{mb(baseline['maxrss_kb'])} MB (interpreter, client loaded, nothing sent)",
            "ratio": round(campaign_run["maxrss_kb"] / baseline["maxrss_kb"], 3),
            "target": "growth < half the file size",
            "met": campaign_met,
            "spread": f"one fresh process; list read back (reconciliation): {campaign_run.get('reconciled')}",
            "command": command,
        },
    ]
    print(
        json.dumps(
            {
                "benchmark": "import_memory",
                "python": platform.python_version(),
                "file_bytes": sizes,
                "campaign_rows": campaign_rows,
                "baseline": baseline,
                "small": small_run,
                "large": large_run,
                "large_no_duplicate_check": large_nodup_run,
                "campaign": campaign_run,
                "target_ratio": TARGET_RATIO,
                "rows": rows,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
