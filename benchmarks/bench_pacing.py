"""Benchmark: how close a bulk job paces to the account's rate limit, and how often it hits a 429.

Run ``python benchmarks/bench_pacing.py [--per-second R] [--seconds S] [--chunk-size K]``; prints JSON.

Time is scaled down: the mock limits R requests per 1 s window (Exotel: 200 per 60 s) and the client's
limit is R per second (``rate_limit="R per 1 second"``; the default is Exotel's per family, per
minute). A bulk job of small chunks with concurrency 8 runs about S seconds,
so the limiter, not the network, sets the pace. 429s are counted through ``RetryPolicy(on_retry=...)``
(each one the transport replayed) plus chunks still refused after the retries.

Targets: achieved request rate at least 0.95 of the limit; at most 1 % of requests answered 429.
"""

from __future__ import annotations

import argparse
import json
import time

import stamina

import exotel_contacts as ec
from exotel_contacts_mock.background import running_mock
from exotel_contacts_mock.config import MockConfig

TARGET_RATE_FRACTION = 0.95
TARGET_429_SHARE = 0.01


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-second", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=25.0)
    parser.add_argument("--chunk-size", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    stamina.set_testing(False)
    requests = int(args.per_second * args.seconds)
    contacts = ({"number": f"+9198{i:08d}"} for i in range(requests * args.chunk_size))
    records: list[ec.RetryRecord] = []
    config = MockConfig(processing_rate=0, rate_limit=args.per_second, rate_window=1.0)
    with (
        running_mock(config) as mock,
        ec.Client(
            account_sid=mock.account_sid,
            api_key=mock.api_key,
            api_token=mock.api_token,
            campaign_base_url=mock.base_url,
            ccm_base_url=mock.base_url,
            environ={},
            rate_limit=f"{args.per_second} per 1 second",
            retry=ec.RetryPolicy(on_retry=records.append),
        ) as client,
    ):
        started = time.perf_counter()
        result = client.create_contacts_bulk(
            contacts, chunk_size=args.chunk_size, concurrency=args.concurrency
        )
        elapsed = time.perf_counter() - started
    retried_429 = sum(1 for r in records if r.status_code == 429)
    final_429 = len({o.index // args.chunk_size for o in result.failed if o.status_code == 429})
    transport_replays = sum(1 for r in records if r.status_code in (429, 503))
    sent = result.requests + transport_replays
    share_429 = (retried_429 + final_429) / sent
    rate = sent / elapsed
    command = (
        f".venv/bin/python benchmarks/bench_pacing.py --per-second {args.per_second} "
        f"--seconds {args.seconds:g} --chunk-size {args.chunk_size} --concurrency {args.concurrency}"
    )
    rows = [
        {
            "name": f"bulk pacing: request rate vs limit {args.per_second}/s, concurrency {args.concurrency}",
            "figure": f"{rate:.2f} req/s",
            "baseline": f"{args.per_second} req/s (the limit)",
            "ratio": round(rate / args.per_second, 3),
            "target": f">= {TARGET_RATE_FRACTION}",
            "met": rate / args.per_second >= TARGET_RATE_FRACTION,
            "spread": f"1 run of {elapsed:.1f} s, {sent} requests",
            "command": command,
        },
        {
            "name": "bulk pacing: share of requests answered 429",
            "figure": f"{retried_429 + final_429} x 429",
            "baseline": f"{sent} requests",
            "ratio": round(share_429, 4),
            "target": f"<= {TARGET_429_SHARE}",
            "met": share_429 <= TARGET_429_SHARE,
            "spread": "1 run",
            "command": command,
        },
    ]
    print(
        json.dumps(
            {
                "benchmark": "bulk_pacing",
                "limit_per_second": args.per_second,
                "chunk_size": args.chunk_size,
                "concurrency": args.concurrency,
                "seconds": round(elapsed, 2),
                "requests_sent": sent,
                "requests_per_second": round(rate, 3),
                "rate_fraction_of_limit": round(rate / args.per_second, 3),
                "responses_429": retried_429 + final_429,
                "share_429": round(share_429, 4),
                "contacts": result.summary(),
                "meets_targets": rate / args.per_second >= TARGET_RATE_FRACTION
                and share_429 <= TARGET_429_SHARE,
                "rows": rows,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
