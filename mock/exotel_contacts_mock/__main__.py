"""`python -m exotel_contacts_mock`: serve the mock (see --help)."""

from __future__ import annotations

import argparse
from dataclasses import replace

from .config import MockConfig
from .server import serve

__all__ = ["main", "parser"]


def parser() -> argparse.ArgumentParser:
    """The command line's options."""
    p = argparse.ArgumentParser(prog="python -m exotel_contacts_mock", description=__doc__)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    p.add_argument("--seed", type=int, default=0, help="seed of the fault injection")
    p.add_argument("--fault-rate", type=float, default=0.0, help="probability of a fault, all kinds mixed")
    p.add_argument("--rate-limit", type=int, default=200, help="requests per minute per account, 0 = none")
    p.add_argument("--processing-rate", type=float, default=500.0, help="rows per second, 0 = instant")
    p.add_argument("--error-file-ttl", type=float, default=24 * 3600.0, help="seconds")
    p.add_argument("--db", default=":memory:", help="SQLite path (default in-memory)")
    return p


def main(argv: list[str] | None = None) -> None:
    """Parse the options and serve until interrupted."""
    args = parser().parse_args(argv)
    config = MockConfig.from_env(
        seed=args.seed,
        rate_limit=args.rate_limit,
        processing_rate=args.processing_rate,
        error_file_ttl=args.error_file_ttl,
        db_path=args.db,
    )
    if args.fault_rate > 0:
        config = config.with_fault_rate(args.fault_rate)
    serve(replace(config), args.host, args.port)


if __name__ == "__main__":
    main()
