"""Benchmark: client CPU time of ``create_contacts_bulk`` against a hand-written raw httpx + json loop.

Run ``python benchmarks/bench_bulk.py [--contacts N] [--runs K] [--concurrency C]``; prints JSON.

Both send the same requests (N contacts in chunks of 5000) to a loopback server that answers a canned
207 with the right item count (realistic items, with the created contact). The server runs in a
subprocess, so only the client's CPU is measured (``time.process_time``, all client threads). Both
sides run with the same concurrency: 1 (sequential, the primary figure) and ``--concurrency``.
The bulk client keeps its rate limiter on (set high enough not to wait) and its retry transport.

Target: bulk CPU at most 1.25x raw (median of ``--runs``).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import platform
import statistics
import subprocess
import sys
import time
from typing import Any

import httpx

import exotel_contacts as ec

TARGET_RATIO = 1.25
CHUNK = 5000
SID = "bench"

SERVER = r"""
import json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

def item(i, number):
    return {"code": 200, "status": "success", "error_data": None, "data": {
        "sid": f"{i:032x}", "account_sid": "bench", "number": number, "first_name": "First",
        "last_name": "Last", "company_name": None, "email": None, "tag": "bench", "custom_field": None,
        "date_created": "2026-01-01T00:00:00+00:00", "date_updated": "2026-01-01T00:00:00+00:00",
        "uri": f"/v2/accounts/bench/contacts/{i:032x}"}}

# Each item names the number sent at its position, as Exotel's do (the client checks it).
def body(contacts):
    return json.dumps({"request_id": "r", "method": "POST", "http_code": 207,
        "metadata": {"total": len(contacts), "success": len(contacts), "failed": 0},
        "response": [item(i, c["number"]) for i, c in enumerate(contacts)]}).encode()

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        BODY = body(json.loads(self.rfile.read(int(self.headers["Content-Length"])))["contacts"])
        self.send_response(207)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)
    def log_message(self, *args):
        pass

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
"""


def contacts(n: int) -> list[dict[str, Any]]:
    return [
        {"number": f"+9198{i:08d}", "first_name": "First", "last_name": "Last", "tag": "bench"}
        for i in range(n)
    ]


def raw(base_url: str, data: list[dict[str, Any]], concurrency: int) -> int:
    """The hand-written loop: json.dumps each chunk, POST with httpx, json.loads the 207, count 200s."""
    url = f"{base_url}/v2/accounts/{SID}/contacts"
    chunks = [data[i : i + CHUNK] for i in range(0, len(data), CHUNK)]
    with httpx.Client(auth=("key", "token"), timeout=30) as http:

        def send(chunk: list[dict[str, Any]]) -> int:
            body = json.dumps({"contacts": chunk}, ensure_ascii=False, separators=(",", ":")).encode()
            response = http.post(url, content=body, headers={"Content-Type": "application/json"})
            items = json.loads(response.content)["response"]
            return sum(1 for item in items if item["code"] == 200)

        if concurrency == 1:
            return sum(send(chunk) for chunk in chunks)
        with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
            return sum(pool.map(send, chunks))


def bulk(base_url: str, data: list[dict[str, Any]], concurrency: int) -> int:
    """The overlay: ``Client.create_contacts_bulk`` with retries, rate limiter and error mapping."""
    with ec.Client(
        account_sid=SID,
        api_key="key",
        api_token="token",  # noqa: S106 - the canned server checks no credentials
        campaign_base_url=base_url,
        ccm_base_url=base_url,
        rate_limit_per_minute=10_000,
        environ={},
    ) as client:
        result = client.create_contacts_bulk(iter(data), concurrency=concurrency)
    return result.counts[ec.Outcome.CREATED]


def cpu(fn: Any, *args: Any) -> tuple[float, float, int]:
    cpu0, wall0 = time.process_time(), time.perf_counter()
    created = fn(*args)
    return time.process_time() - cpu0, time.perf_counter() - wall0, created


def measure(base_url: str, n: int, runs: int, concurrency: int) -> dict[str, Any]:
    data = contacts(n)
    cpu(raw, base_url, data, concurrency)  # warm-up: imports, connections, caches
    cpu(bulk, base_url, data, concurrency)
    raw_cpu, bulk_cpu, ratios, bulk_wall = [], [], [], []
    for _ in range(runs):
        r, _, created_raw = cpu(raw, base_url, data, concurrency)
        b, wall, created_bulk = cpu(bulk, base_url, data, concurrency)
        if not created_raw == created_bulk == n:
            raise SystemExit(f"both must create {n}: raw {created_raw}, bulk {created_bulk}")
        raw_cpu.append(r)
        bulk_cpu.append(b)
        bulk_wall.append(wall)
        ratios.append(b / r)
    ratio = statistics.median(ratios)
    return {
        "concurrency": concurrency,
        "raw_cpu_s_median": round(statistics.median(raw_cpu), 4),
        "bulk_cpu_s_median": round(statistics.median(bulk_cpu), 4),
        "cpu_ratio_median": round(ratio, 3),
        "cpu_ratio_min": round(min(ratios), 3),
        "cpu_ratio_max": round(max(ratios), 3),
        "bulk_contacts_per_cpu_second": round(n / statistics.median(bulk_cpu)),
        "bulk_contacts_per_wall_second": round(n / statistics.median(bulk_wall)),
        "meets_target": ratio <= TARGET_RATIO,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    server = subprocess.Popen([sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True)  # noqa: S603
    try:
        port = server.stdout.readline() if server.stdout is not None else ""
        base_url = f"http://127.0.0.1:{int(port)}"
        results = [measure(base_url, args.contacts, args.runs, c) for c in sorted({1, args.concurrency})]
    finally:
        server.terminate()
        server.wait(timeout=10)
    rows = [
        {
            "name": f"bulk create CPU, {args.contacts} contacts, concurrency {r['concurrency']}",
            "figure": f"{r['bulk_cpu_s_median']} s CPU",
            "baseline": f"{r['raw_cpu_s_median']} s CPU (raw httpx + json loop)",
            "ratio": r["cpu_ratio_median"],
            "target": f"<= {TARGET_RATIO}",
            "met": r["meets_target"],
            "spread": f"{r['cpu_ratio_min']}-{r['cpu_ratio_max']} over {args.runs} runs",
            "command": f".venv/bin/python benchmarks/bench_bulk.py --contacts {args.contacts} "
            f"--runs {args.runs} --concurrency {args.concurrency}",
        }
        for r in results
    ]
    print(
        json.dumps(
            {
                "benchmark": "bulk_create_cpu",
                "contacts": args.contacts,
                "requests": -(-args.contacts // CHUNK),
                "runs": args.runs,
                "target_ratio": TARGET_RATIO,
                "python": platform.python_version(),
                "results": results,
                "rows": rows,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
