"""The ``exotel-contacts`` Typer application, its global options, and the one wrapper that turns
results and errors into output and exit codes."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .._exceptions import (
    APIConnectionError,
    ConfigurationError,
    ExotelError,
    InvalidInputError,
    UploadTimeoutError,
)

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "EXIT_API_ERROR",
    "EXIT_BAD_INPUT",
    "EXIT_CODES_HELP",
    "EXIT_NETWORK",
    "EXIT_OK",
    "EXIT_ROWS_FAILED",
    "CommandResult",
    "DebugOption",
    "JsonOption",
    "State",
    "app",
    "configure_logging",
    "run_command",
]

EXIT_OK = 0
EXIT_ROWS_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_API_ERROR = 3
EXIT_NETWORK = 4

EXIT_CODES_HELP = (
    "Exit codes: 0 everything accepted; 1 some rows or contacts failed; 2 usage or bad input "
    "(options, configuration, the contact file); 3 API error (including authentication); "
    "4 network error or timeout."
)

app = typer.Typer(
    name="exotel-contacts",
    help="Import contacts into Exotel (CCM uploads, Campaign lists and contacts), check files, "
    "read upload status and errors, explain error codes, and run a local mock of the API.",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain (click) help and usage errors: rich-formatted help imports ~60 ms of rich modules
    # (markdown, traceback, pretty) into every `--help` and every mistyped option (start-up is benchmarked).
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class State:
    """Global options, resolved into client keyword arguments (None means: from the environment)."""

    client_kwargs: dict[str, Any] = field(default_factory=dict)

    def client_options(self) -> dict[str, Any]:
        """Keyword arguments for ``Client`` without the unset ones."""
        return {k: v for k, v in self.client_kwargs.items() if v is not None}


JsonOption = Annotated[
    bool, typer.Option("--json", help="Print exactly one JSON document with the result on stdout.")
]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show tracebacks for unexpected errors.")]


@app.callback()
def _configure(
    ctx: typer.Context,
    account_sid: Annotated[str | None, typer.Option(envvar="EXOTEL_ACCOUNT_SID", help="Account SID")] = None,
    api_key: Annotated[str | None, typer.Option(envvar="EXOTEL_API_KEY", help="API key")] = None,
    api_token: Annotated[
        str | None,
        typer.Option(envvar="EXOTEL_API_TOKEN", help="API token", show_default=False),
    ] = None,
    access_token: Annotated[
        str | None,
        typer.Option(
            envvar="EXOTEL_ACCESS_TOKEN",
            help="Bearer access token, CCM only",
            show_default=False,
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(envvar="EXOTEL_REGION", help="singapore (default) or mumbai"),
    ] = None,
    ccm_base_url: Annotated[
        str | None,
        typer.Option(envvar="EXOTEL_CCM_BASE_URL", help="CCM base URL override"),
    ] = None,
    campaign_base_url: Annotated[
        str | None,
        typer.Option(
            envvar="EXOTEL_CAMPAIGN_BASE_URL",
            help="Campaign base URL override",
        ),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(envvar="EXOTEL_TIMEOUT", help="Seconds per network operation"),
    ] = None,
) -> None:
    ctx.obj = State(
        client_kwargs={
            "account_sid": account_sid,
            "api_key": api_key,
            "api_token": api_token,
            "access_token": access_token,
            "region": region,
            "ccm_base_url": ccm_base_url,
            "campaign_base_url": campaign_base_url,
            "timeout": timeout,
        }
    )


@dataclass
class CommandResult:
    """What a command produced: the JSON-able result, its exit code, and how to show it to a person."""

    result: dict[str, Any]
    exit_code: int = EXIT_OK
    render: Callable[[Console], None] | None = None


def stderr_console() -> Console:
    """Messages and progress go to stderr, so stdout stays clean for --json and pipes."""
    from rich.console import Console  # rich loads when there is something to print

    return Console(stderr=True, highlight=False, soft_wrap=True)


def interactive() -> bool:
    """Animated progress only on a terminal and never in CI."""
    return sys.stdout.isatty() and sys.stderr.isatty() and not os.environ.get("CI")


def exit_code_for(error: BaseException) -> int:
    """The documented exit code of an error."""
    if isinstance(error, ConfigurationError | InvalidInputError):
        return EXIT_BAD_INPUT
    if isinstance(error, APIConnectionError | UploadTimeoutError):
        return EXIT_NETWORK
    return EXIT_API_ERROR


def error_document(error: ExotelError) -> dict[str, Any]:
    """The JSON form of an error (never includes secrets: messages are redacted where they are made)."""
    doc: dict[str, Any] = {"type": type(error).__name__, "message": str(error)}
    for name in ("status_code", "code", "request_id", "how_to_fix"):
        value = getattr(error, name, None)
        if value is not None:
            doc[name] = value
    return doc


@contextmanager
def _debuggable(debug: bool) -> Iterator[None]:
    try:
        yield
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as error:
        if debug:
            raise
        stderr_console().print(
            f"error: unexpected {type(error).__name__}: {error} (run with --debug for details)"
        )
        raise typer.Exit(EXIT_API_ERROR) from None


def configure_logging(debug: bool) -> None:
    """Retries show as one line each on stderr; stamina's own event log only with --debug."""
    logger = logging.getLogger("exotel_contacts")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.DEBUG if debug else logging.WARNING)
    logging.getLogger("stamina").setLevel(logging.DEBUG if debug else logging.ERROR)


def run_command(action: Callable[[], CommandResult], *, json_out: bool, debug: bool) -> None:
    """Run a command's action; print its result (or its error in one line) and exit with its code."""
    configure_logging(debug)
    console = stderr_console()
    with _debuggable(debug):
        try:
            outcome = action()
        except ExotelError as error:
            if debug:
                raise
            code = exit_code_for(error)
            console.print(f"error: {error}", markup=False)  # the message carries its how-to-fix
            if json_out:
                typer.echo(json.dumps({"ok": False, "exit_code": code, "error": error_document(error)}))
            raise typer.Exit(code) from None
        if json_out:
            typer.echo(
                json.dumps(
                    {"ok": outcome.exit_code == EXIT_OK, "exit_code": outcome.exit_code, **outcome.result},
                    default=str,
                )
            )
        elif outcome.render is not None:
            from rich.console import Console  # see stderr_console

            outcome.render(Console(highlight=False, soft_wrap=True))
        else:
            typer.echo(json.dumps(outcome.result, indent=2, default=str))
        raise typer.Exit(outcome.exit_code)
