"""The mock's one command line: `python -m exotel_contacts_mock` and `exotel-contacts mock` parse here.

One parser and one set of checks, so both commands take the same options and refuse the same values.
Numbers are read as ASCII digits (`int()` and `float()` also take "٨٠", "1_0", "nan", "inf"). A bad
value, or a `--db` file that cannot be used, exits with status 2 and one line on stderr, no traceback.
Credentials come from EXOTEL_ACCOUNT_SID, EXOTEL_API_KEY, EXOTEL_API_TOKEN and EXOTEL_ACCESS_TOKEN
(defaults demo / demo-key / demo-token / demo-access-token).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from typing import Any

from .config import MockConfig
from .digits import ascii_int, ascii_number
from .ratelimit import MAX_LIMIT, SHAPES, parse_account_limit
from .server import serve
from .storage import StoreError

__all__ = ["PROG", "config_from", "main", "parser"]

PROG = "python -m exotel_contacts_mock"


def _integer(text: str) -> int:
    value = ascii_int(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number in ASCII digits")
    return value


def _number(text: str) -> float:
    value = ascii_number(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number in ASCII digits (like 0.5)")
    return value


class _Formatter(argparse.HelpFormatter):
    """argparse's help with click's "Usage:", as the rest of `exotel-contacts`' help reads."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[Any],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "Usage: " if prefix is None else prefix)


def parser(prog: str = PROG) -> argparse.ArgumentParser:
    """The command line's options."""
    p = argparse.ArgumentParser(
        prog=prog,
        formatter_class=_Formatter,
        description="Serve the stateful mock of Exotel's contact APIs (CCM and Campaign) on one port.",
        epilog="Credentials: EXOTEL_ACCOUNT_SID, EXOTEL_API_KEY, EXOTEL_API_TOKEN, EXOTEL_ACCESS_TOKEN "
        "(defaults demo, demo-key, demo-token, demo-access-token).",
    )
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: %(default)s)")
    p.add_argument(
        "--port", type=_integer, default=8765, help="port; 0 picks a free one (default: %(default)s)"
    )
    p.add_argument("--seed", type=_integer, default=0, help="seed of the fault injection (runs repeat)")
    p.add_argument(
        "--fault-rate",
        type=_number,
        default=0.0,
        help="probability of a fault per request, 0 to 1, all kinds mixed",
    )
    p.add_argument(
        "--rate-limit",
        type=_integer,
        default=None,
        help="requests per account per --rate-window in every category; 0 for none "
        "(default: each category's own, as below)",
    )
    p.add_argument("--ccm-rate-limit", type=_integer, default=200, help="CCM requests per account per window")
    p.add_argument(
        "--campaign-rate-limit", type=_integer, default=30, help="Campaign writes per account per window"
    )
    p.add_argument(
        "--reads-rate-limit", type=_integer, default=300, help="Campaign reads per account per window"
    )
    p.add_argument(
        "--account-rate-limit",
        action="append",
        default=[],
        metavar="SID:CATEGORY=LIMIT",
        help="one account's own limit (CATEGORY ccm, campaign or reads); repeat for more",
    )
    p.add_argument(
        "--rate-limit-shape",
        choices=SHAPES,
        default="envelope",
        help="the 429 body: the v2 envelope, v1 RestException (rest) or the voice legs API's (legs)",
    )
    p.add_argument(
        "--rate-window", type=_number, default=60.0, help="seconds of the rate limit's window (more than 0)"
    )
    p.add_argument(
        "--processing-rate", type=_number, default=500.0, help="rows processed per second; 0 is instant"
    )
    p.add_argument(
        "--error-file-ttl",
        type=_number,
        default=24 * 3600.0,
        help="seconds before an error file expires (410)",
    )
    p.add_argument(
        "--db", default=":memory:", help="SQLite file; the state survives restarts (default: in memory)"
    )
    p.add_argument("--reset", action="store_true", help="start the --db file clean")
    return p


def config_from(args: argparse.Namespace, cli: argparse.ArgumentParser) -> MockConfig:
    """The configuration the parsed options describe; `cli.error` (exit 2) for a value out of range."""
    if not 0 <= args.port <= 65535:
        cli.error("--port must be between 0 and 65535")
    if not 0.0 <= args.fault_rate <= 1.0:
        cli.error("--fault-rate must be between 0 and 1")
    limits = (args.rate_limit, args.ccm_rate_limit, args.campaign_rate_limit, args.reads_rate_limit)
    if any(limit is not None and not 0 <= limit <= MAX_LIMIT for limit in limits):
        cli.error(f"rate limits must be between 0 (none) and {MAX_LIMIT}")
    try:
        accounts = tuple(parse_account_limit(text) for text in args.account_rate_limit)
    except ValueError as exc:
        cli.error(f"--account-rate-limit: {exc}")
    if args.rate_window <= 0:
        cli.error("--rate-window must be more than 0 seconds")
    if args.processing_rate < 0:
        cli.error("--processing-rate must be 0 (instant) or more")
    if args.error_file_ttl <= 0:
        cli.error("--error-file-ttl must be more than 0 seconds")
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
    return config.with_fault_rate(args.fault_rate) if args.fault_rate > 0 else config


def main(argv: Sequence[str] | None = None, *, prog: str = PROG) -> None:
    """Parse the options and serve until interrupted; exit 2 for bad options or an unusable `--db`."""
    cli = parser(prog)
    args = cli.parse_args(argv)
    config = config_from(args, cli)
    try:
        serve(config, args.host, args.port)
    except StoreError as exc:
        cli.exit(2, f"{cli.prog}: error: {exc}\n")
