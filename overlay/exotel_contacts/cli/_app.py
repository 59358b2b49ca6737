"""The one wrapper that turns a command's result or error into output and an exit code, and the options
every command takes (the group and its global options: :mod:`._root`)."""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from exotel_contacts.base.exceptions import (
    APIConnectionError,
    ConfigurationError,
    ExotelError,
    InvalidInputError,
    UploadTimeoutError,
)
from exotel_contacts.base.sanitize import clean
from exotel_contacts.base.settings import env_number

from ._root import (
    EXIT_API_ERROR,
    EXIT_BAD_INPUT,
    EXIT_CODES_HELP,
    EXIT_INTERRUPTED,
    EXIT_NETWORK,
    EXIT_OK,
    EXIT_ROWS_FAILED,
    client_options,
    command_app,
)

if TYPE_CHECKING:
    from rich.console import Console

    from exotel_contacts.client._sync.client import Client

__all__ = [
    "CONTACT_COLUMNS",
    "EXIT_API_ERROR",
    "EXIT_BAD_INPUT",
    "EXIT_CODES_HELP",
    "EXIT_INTERRUPTED",
    "EXIT_NETWORK",
    "EXIT_OK",
    "EXIT_ROWS_FAILED",
    "CommandResult",
    "DebugOption",
    "JsonOption",
    "Output",
    "Partial",
    "PartialResult",
    "cell",
    "client_options",
    "command_app",
    "configure_logging",
    "json_command",
    "make_client",
    "run_command",
    "write_output",
]

CONTACT_COLUMNS = ("sid", "number", "first_name", "last_name", "company_name", "email", "tag")
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print exactly one JSON document with the result on stdout.")
]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show tracebacks for unexpected errors.")]


class Output:
    """A command's human output on stdout: plain lines as they are; tables and other renderables through
    rich's Console, loaded on first use, which reads no markup and no emoji codes (docs/decisions/0025)."""

    def __init__(self) -> None:
        self._console: Console | None = None

    def line(self, text: str) -> None:
        """Plain text, without control characters (each line cleaned: names and server text may hold
        escape sequences)."""
        typer.echo("\n".join(map(cell, text.split("\n"))))

    def print(self, *objects: Any, **options: Any) -> None:
        """``rich.console.Console.print`` on stdout."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(highlight=False, soft_wrap=True, markup=False, emoji=False)
        self._console.print(*objects, **options)

    def table(self, title: str, rows: Iterable[Iterable[object]], columns: Sequence[str] = ()) -> None:
        """A table of ``rows`` under ``columns`` (none: no header); each cell is text, never markup."""
        from rich.table import Table
        from rich.text import Text

        table = Table(*columns, title=cell(title), show_header=bool(columns))
        for row in rows:
            table.add_row(*(Text(cell(value)) for value in row))
        self.print(table)

    def record(self, title: str, record: Mapping[str, object]) -> None:
        """One record as a two-column table."""
        self.table(title, record.items())

    def records(self, title: str, records: Iterable[Mapping[str, object]], columns: Sequence[str]) -> None:
        """A table of records, one row each, the given columns."""
        self.table(title, ([record.get(column) for column in columns] for record in records), columns)


@dataclass
class CommandResult:
    """What a command produced: the JSON-able result, its exit code, how to show it to a person, and
    ``problems`` that came after the work was done (printed after the result, one line each)."""

    result: dict[str, Any]
    exit_code: int = EXIT_OK
    render: Callable[[Output], None] | None = None
    problems: list[str] = field(default_factory=list)


class PartialResult(ExotelError):
    """Raised by a command's action: ``error`` stopped the work, ``outcome`` is what was done before it."""

    def __init__(self, error: ExotelError, outcome: CommandResult) -> None:
        super().__init__(error.message)
        self.error = error
        self.outcome = outcome


Partial = Callable[[], "CommandResult | None"]
"""What a command has done so far, for the unexpected path (``None`` when nothing was sent)."""


def make_client(ctx: typer.Context) -> Client:
    """A :class:`Client` from the global options, else the ``EXOTEL_*`` environment."""
    from exotel_contacts.client._sync.client import Client  # the network stack loads when a command sends

    options = client_options(ctx)
    if "timeout" in options:
        # Checked here, inside the command, so that a bad value is a one-line error (exit 2).
        options["timeout"] = env_number(options["timeout"], "--timeout / EXOTEL_TIMEOUT")
    return Client(**options)


def stderr_console() -> Console:
    """Messages and progress go to stderr, so stdout stays clean for --json and pipes."""
    from rich.console import Console

    # No markup and no emoji codes: names, paths and server text are printed as they are.
    return Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)


def _dumps(document: object, **options: Any) -> str:
    import json  # a clean validate prints a line without it

    return json.dumps(document, **options)


def _error_line(line: str) -> None:
    stderr_console().print(line, markup=False)


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


def _stop(
    code: int, error: dict[str, Any], line: str, json_out: bool, done: CommandResult | None
) -> NoReturn:
    """Print what was done before the stop (if anything), then the error line; exit with ``code``."""
    if done is not None:
        done.exit_code = code
        _print(done, json_out, error)
    elif json_out:
        typer.echo(_dumps({"ok": False, "exit_code": code, "error": error}))
    _error_line(f"error: {line}")
    raise typer.Exit(code) from None


def write_output(path: Path | None, write: Callable[[Path], object]) -> list[str]:
    """Write ``--errors-out`` once the work is done; a failure becomes a problem line, not a lost result."""
    if path is None:
        return []
    try:
        write(path)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return [f"could not write --errors-out {str(path)!r} ({reason}); the result is shown here instead"]
    return []


def cell(value: object) -> str:
    """A value as table text, without control characters (files and servers can hold escape sequences)."""
    return clean("" if value is None else str(value))


def _safe_partial(partial: Partial | None) -> CommandResult | None:
    if partial is None:
        return None
    try:
        return partial()
    except Exception:  # the unexpected path must not fail in turn
        return None


def _print(outcome: CommandResult, json_out: bool, error: dict[str, Any] | None = None) -> None:
    if json_out:
        document: dict[str, Any] = {
            "ok": outcome.exit_code == EXIT_OK and error is None and not outcome.problems,
            "exit_code": outcome.exit_code,
            **outcome.result,
        }
        if error is not None:
            document["error"] = error
        if outcome.problems:
            document["problems"] = outcome.problems
        typer.echo(_dumps(document, default=str))
    elif outcome.render is not None:
        outcome.render(Output())
    else:
        typer.echo(_dumps(outcome.result, indent=2, default=str))


def configure_logging(debug: bool) -> None:
    """Retries show as one line each on stderr; a line per request with EXOTEL_LOG=info (headers too
    with EXOTEL_LOG=debug or --debug); stamina's own event log only with --debug."""
    import logging

    from exotel_contacts.core import logs as _logs

    _logs.setup_logging()  # EXOTEL_LOG's handler, when set, is the one handler
    logger = logging.getLogger("exotel_contacts")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.DEBUG if debug else (_logs.log_level() or logging.WARNING))
    stamina_logger = logging.getLogger("stamina")
    stamina_logger.setLevel(logging.DEBUG if debug else logging.ERROR)
    if debug:  # its NullHandler (see _logs) keeps it off stderr otherwise
        for shared in logger.handlers:
            if shared not in stamina_logger.handlers:
                stamina_logger.addHandler(shared)


def run_command(
    action: Callable[[], CommandResult],
    *,
    json_out: bool,
    debug: bool,
    partial: Partial | None = None,
    sends: bool = True,
) -> None:
    """Run a command's action; print its result (or its error in one line) and exit with its code.

    What reached the server is printed on every path: a :class:`PartialResult` carries it; on an
    unexpected error ``partial()`` gives it. ``sends=False``: no client, so no logging set up.
    """
    if sends:
        configure_logging(debug)
    try:
        try:
            outcome = action()
        except ExotelError as raised:
            if debug:
                raise
            error, done = (
                (raised.error, raised.outcome) if isinstance(raised, PartialResult) else (raised, None)
            )
            # The message carries its how-to-fix.
            _stop(exit_code_for(error), error_document(error), str(error), json_out, done)
        if outcome.problems and outcome.exit_code in {EXIT_OK, EXIT_ROWS_FAILED}:
            outcome.exit_code = EXIT_BAD_INPUT  # the work is done, but not all of its output was written
        _print(outcome, json_out)
        for problem in outcome.problems:
            _error_line(f"error: {problem}")
    except (typer.Exit, typer.Abort):
        raise
    except (KeyboardInterrupt, Exception) as error:
        if debug:
            raise
        # Ctrl-C or a bug: what reached the server so far is printed, then the error line.
        if isinstance(error, KeyboardInterrupt):
            code, line = EXIT_INTERRUPTED, "interrupted (Ctrl-C); what was sent before it stays sent"
        else:
            code = EXIT_API_ERROR
            line = f"unexpected {type(error).__name__}: {clean(str(error))} (run with --debug for details)"
        _stop(code, {"type": type(error).__name__, "message": line}, line, json_out, _safe_partial(partial))
    raise typer.Exit(outcome.exit_code)


def json_command(
    holder: typer.Typer, name: str | None = None, *, sends: bool = True
) -> Callable[[Callable[..., CommandResult]], Callable[..., CommandResult]]:
    """Declare ``action`` a command of ``holder`` that :func:`run_command` runs, with ``--json`` (unless
    its last parameter is ``json_out`` itself) and ``--debug`` added to its parameters."""

    def declare(action: Callable[..., CommandResult]) -> Callable[..., CommandResult]:
        signature = inspect.signature(action, eval_str=True)
        takes_json = "json_out" in signature.parameters

        def command(**options: Any) -> None:
            json_out = options["json_out"] if takes_json else options.pop("json_out")
            debug = options.pop("debug")
            run_command(lambda: action(**options), json_out=json_out, debug=debug, sends=sends)

        added = [("debug", DebugOption)] if takes_json else [("json_out", JsonOption), ("debug", DebugOption)]
        parameters = [
            *signature.parameters.values(),
            *(
                inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=False, annotation=a)
                for n, a in added
            ),
        ]
        command.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        command.__name__, command.__doc__ = action.__name__, action.__doc__
        holder.command(name, epilog=EXIT_CODES_HELP)(command)
        return action

    return declare
