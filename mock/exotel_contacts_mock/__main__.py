"""`python -m exotel_contacts_mock`: serve the mock (see --help)."""

from __future__ import annotations

import argparse

from .config import MockConfig
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
    p.add_argument("--rate-limit", type=int, default=200, help="requests per window per account, 0 = none")
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
    config = MockConfig.from_env(
        seed=args.seed,
        rate_limit=args.rate_limit,
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
