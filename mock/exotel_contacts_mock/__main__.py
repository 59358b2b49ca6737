"""`python -m exotel_contacts_mock`: serve the mock (see --help)."""

from __future__ import annotations

import argparse

from .config import MockConfig
from .ratelimit import MAX_LIMIT, SHAPES, parse_account_limit
from .server import serve
from .store import StoreError

__all__ = ["main", "parser"]


def parser() -> argparse.ArgumentParser:
    """The command line's options."""
    p = argparse.ArgumentParser(prog="python -m exotel_contacts_mock", description=__doc__)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    p.add_argument("--seed", type=int, default=0, help="seed of the fault injection")
    p.add_argument("--fault-rate", type=float, default=0.0, help="probability of a fault, all kinds mixed")
    p.add_argument(
        "--rate-limit",
        type=int,
        default=None,
        help="requests per window per account in every category, 0 = none (default: each category's own)",
    )
    p.add_argument("--ccm-rate-limit", type=int, default=200, help="CCM requests per window per account")
    p.add_argument(
        "--campaign-rate-limit", type=int, default=30, help="Campaign writes per window per account"
    )
    p.add_argument("--reads-rate-limit", type=int, default=300, help="Campaign reads per window per account")
    p.add_argument(
        "--account-rate-limit",
        action="append",
        default=[],
        metavar="SID:CATEGORY=LIMIT",
        help="one account's own limit (CATEGORY ccm, campaign or reads); repeat for more",
    )
    p.add_argument("--rate-limit-shape", choices=SHAPES, default="envelope", help="the 429 body's shape")
    p.add_argument("--rate-window", type=float, default=60.0, help="seconds of the rate limit's window")
    p.add_argument("--processing-rate", type=float, default=500.0, help="rows per second, 0 = instant")
    p.add_argument("--error-file-ttl", type=float, default=24 * 3600.0, help="seconds")
    p.add_argument(
        "--db", default=":memory:", help="SQLite file; state survives restarts (default: in memory)"
    )
    p.add_argument("--reset", action="store_true", help="start the --db file clean")
    return p


def main(argv: list[str] | None = None) -> None:
    """Parse the options and serve until interrupted."""
    cli = parser()
    args = cli.parse_args(argv)
    if args.rate_window <= 0:
        cli.error("--rate-window must be more than 0 seconds")
    limits = (args.rate_limit, args.ccm_rate_limit, args.campaign_rate_limit, args.reads_rate_limit)
    if any(limit is not None and not 0 <= limit <= MAX_LIMIT for limit in limits):
        cli.error(f"rate limits must be between 0 and {MAX_LIMIT}")
    try:
        accounts = tuple(parse_account_limit(text) for text in args.account_rate_limit)
    except ValueError as exc:
        cli.error(f"--account-rate-limit: {exc}")
    config = MockConfig.from_env(
        seed=args.seed,
        rate_limit=args.rate_limit,
        ccm_rate_limit=args.ccm_rate_limit,
        campaign_rate_limit=args.campaign_rate_limit,
        reads_rate_limit=args.reads_rate_limit,
        account_rate_limits=accounts,
        rate_limit_shape=args.rate_limit_shape,
        rate_window=args.rate_window,
        processing_rate=args.processing_rate,
        error_file_ttl=args.error_file_ttl,
        db_path=args.db,
        reset=args.reset,
    )
    if args.fault_rate > 0:
        config = config.with_fault_rate(args.fault_rate)
    try:
        serve(config, args.host, args.port)
    except StoreError as exc:
        raise SystemExit(f"error: {exc}") from None


if __name__ == "__main__":
    main()
