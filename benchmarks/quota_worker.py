"""One worker process of the shared-quota harness (see ``quota_harness.py``); prints one JSON document.

``limiter`` mode only asks a limiter for turns and records when each was granted, to see whether the
limiter itself keeps the window: ``--backend lua`` (this package's Redis script), ``limits`` (the
``limits`` library's Redis moving window, which waits by polling ``get_window_stats``) or ``pyrate``
(pyrate-limiter's ``RedisBucket``). ``--skew S`` shifts this process's ``time.time()`` by S seconds, as a
machine with a wrong clock would. ``client`` mode sends real requests through ``exotel_contacts.Client``
(``redis_url=``, ``ccm_rate_limit=``; ``--follow-server`` makes it a default the server's headers
replace) to the mock and counts every attempt's status.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
import uuid
from typing import Any

import attrs
import httpx
import limits
import stamina
from limits.storage import RedisStorage
from limits.strategies import MovingWindowRateLimiter
from pyrate_limiter import Duration, Limiter, RedisBucket
from pyrate_limiter import Rate as PyrateRate
from redis import Redis

import exotel_contacts as ec
from exotel_contacts.base.rates import parse_rate
from exotel_contacts.quota._sync.limiter import RedisWindow
from exotel_contacts.quota.redis_quota import (
    RedisQuotaKeys,
    connect,
)
from exotel_contacts.quota.windows import (
    max_wait_for,
    slack_for,
)

REAL_TIME = time.time


def _limiter_turns(args: argparse.Namespace) -> Any:
    """A function that blocks until the next turn and returns its server time (or None)."""
    rate = parse_rate(args.rate, "--rate")
    if rate is None:
        raise SystemExit("--rate must be a limit, not off")
    if args.backend == "lua":
        window = RedisWindow(
            args.redis_url,
            RedisQuotaKeys(args.account).rate("ccm"),
            rate,
            "ccm",
            slack_for(rate.window) if args.slack is None else args.slack,
            max_wait_for(rate),
            client=connect(args.redis_url),
        )
        window.client.ping()

        def lua() -> float | None:
            ticket = uuid.uuid4().hex
            wait, at = window.book(ticket)
            while wait > 0:
                time.sleep(wait)
                wait, at = window.confirm_at(ticket)
            return at

        return lua
    if args.backend == "limits":
        item = limits.parse(args.rate)
        storage = RedisStorage(args.redis_url)
        storage.check()
        strategy = MovingWindowRateLimiter(storage)

        def moving() -> float | None:
            while not strategy.hit(item, args.account):
                reset, _ = strategy.get_window_stats(item, args.account)
                time.sleep(min(max(0.001, reset - time.time()), rate.window))
            return None

        return moving
    bucket = RedisBucket.init(
        [PyrateRate(rate.limit, Duration(int(rate.window * 1000)))],
        Redis.from_url(args.redis_url),
        args.account,
    )
    limiter = Limiter(bucket)

    def pyrate() -> float | None:
        limiter.try_acquire(args.account, blocking=True)
        return None

    return pyrate


def run_limiter(args: argparse.Namespace) -> dict[str, Any]:
    turn = _limiter_turns(args)
    granted: list[float] = []
    slots: list[float] = []
    lock = threading.Lock()

    def loop() -> None:
        while REAL_TIME() < end:
            slot = turn()
            now = REAL_TIME()
            if now >= end:
                break
            with lock:
                granted.append(now)
                if slot is not None:
                    slots.append(slot)

    if args.skew:
        time.time = lambda: REAL_TIME() + args.skew  # type: ignore[assignment]
    end = wait_for_start() + args.seconds
    threads = [threading.Thread(target=loop) for _ in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {
        "granted": granted,
        "slots": slots,
    }


def wait_for_start() -> float:
    """Say "ready", read the agreed start time from stdin, sleep until then; return it."""
    print("ready", flush=True)
    start_at = float(sys.stdin.readline())
    while REAL_TIME() < start_at:
        time.sleep(max(0.0, min(0.01, start_at - REAL_TIME())))
    return start_at


class Counting(httpx.BaseTransport):
    """The innermost transport: sees every attempt (retries included) and counts its status."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.attempts: list[tuple[float, int]] = []
        self.lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        sent = REAL_TIME()
        response = self.inner.handle_request(request)
        with self.lock:
            self.attempts.append((sent, response.status_code))
        return response


def run_client(args: argparse.Namespace) -> dict[str, Any]:
    stamina.set_testing(False)
    # --follow-server: the rate is where the client starts (a default), the server's headers decide.
    rate = parse_rate(args.rate, "--rate")
    if rate is not None and args.follow_server:
        rate = attrs.evolve(rate, follow_server=True)
    counting = Counting()
    failures: dict[str, int] = {}
    client = ec.Client(
        account_sid=args.account,
        api_key="demo-key",
        api_token="demo-token",  # noqa: S106 - the mock's well-known demo credential
        ccm_base_url=args.base_url,
        campaign_base_url=args.base_url,
        environ={},
        transport=counting,
        redis_url=args.redis_url,
        ccm_rate_limit=rate,
    )

    def loop() -> None:
        while REAL_TIME() < end:
            try:
                client.get_upload_status("up_missing")
            except ec.NotFoundError:
                pass
            except ec.ExotelError as exc:
                failures[type(exc).__name__] = failures.get(type(exc).__name__, 0) + 1

    end = wait_for_start() + args.seconds
    threads = [threading.Thread(target=loop) for _ in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    client.close()
    return {
        "attempts": counting.attempts,
        "failures": failures,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["limiter", "client"])
    parser.add_argument("--backend", choices=["lua", "limits", "pyrate"], default="lua")
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--base-url", default="")
    parser.add_argument("--account", default="demo")
    parser.add_argument("--rate", default="10 per 1 second")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--skew", type=float, default=0.0)
    parser.add_argument("--slack", type=float, default=None)
    parser.add_argument("--follow-server", action="store_true")
    args = parser.parse_args()
    result = run_limiter(args) if args.mode == "limiter" else run_client(args)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
