"""The ``exotel-contacts`` command group: its global options, and commands that load when looked up.

The group knows its commands by name and summary only (:data:`COMMANDS`), so a start loads one command
module (docs/decisions/0025-start-up.md). This module imports typer and nothing else heavy.
"""

from __future__ import annotations

import gc
import importlib
import inspect
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    from typer._click import Context, HelpFormatter  # typer's own click: the types TyperGroup uses

__all__ = [
    "COMMANDS",
    "EXIT_API_ERROR",
    "EXIT_BAD_INPUT",
    "EXIT_CODES_HELP",
    "EXIT_INTERRUPTED",
    "EXIT_NETWORK",
    "EXIT_OK",
    "EXIT_ROWS_FAILED",
    "GLOBAL_OPTIONS",
    "START_UP",
    "LazyGroup",
    "app",
    "client_options",
    "command_app",
]

EXIT_OK = 0
EXIT_ROWS_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_API_ERROR = 3
EXIT_NETWORK = 4
EXIT_INTERRUPTED = 130

EXIT_CODES_HELP = (
    "Exit codes: 0 everything accepted; 1 some rows or contacts failed; 2 usage or bad input "
    "(options, configuration, the contact file); 3 API error (including authentication); "
    "4 network error or timeout; 130 interrupted (Ctrl-C), after printing what was done."
)


# In the order the top-level help lists them (commands, then the two groups): each command's help's first
# paragraph, which the top-level ``--help`` shortens as click does; ``exotel_contacts.cli.<name, _ for ->``
# holds it in its ``app``. A test compares each entry with the command its module defines: the names, the
# order and the summaries cannot go stale.
COMMANDS: dict[str, str] = {
    "create": (
        "Create Campaign contacts from FILE (CSV, or JSON Lines when it ends in .jsonl/.ndjson) in requests "
        "of up to 5000; report each contact: created, failed, already existed, or unknown."
    ),
    "csv-status": "Show a Campaign CSV upload's status: in-progress/completed and its stats.",
    "csv-upload": (
        "Check a contact CSV, split it into parts within the Campaign limit (60 MB), upload them into the "
        "list, wait for Exotel, and report failed rows by original row number (Campaign reports counts only; "
        'the rows it counted are found by reading the list back: "found by" reconciliation).'
    ),
    "demo": "Run the mock in-process, import a sample file through it, and show the report.",
    "errors": "List a CCM upload's failed rows (row number, phone number, code, message).",
    "explain": "Explain a code from Exotel's error dictionary (e.g. 429, 1010, INVALID_PHONE, 23080).",
    "mock": (
        "Serve the mock (credentials from EXOTEL_ACCOUNT_SID, EXOTEL_API_KEY, EXOTEL_API_TOKEN, "
        "EXOTEL_ACCESS_TOKEN; defaults demo / demo-key / demo-token / demo-access-token)."
    ),
    "status": "Show a CCM upload's status: processing/completed and its counts.",
    "upload": (
        "Check a contact CSV, split it into parts within CCM's limits (10 MB, 50,000 rows), upload them "
        "(five at a time), wait for Exotel, and report every failed row by its row number in FILE."
    ),
    "validate": (
        "Check a contact CSV without sending it: encoding, columns, phone numbers, emails, duplicates."
    ),
    "contacts": "The Campaign address book: list, show, update and delete contacts.",
    "lists": "Campaign lists: create, list, show, delete, add contacts, and sync a list to a set of numbers.",
    "journals": "Job journals kept in Redis (--journal redis:JOB_ID): list them, and remove one.",
}


def command_app(group: str | None = None, **settings: Any) -> typer.Typer:
    """The Typer holding one command module's command (or the ``group`` of commands of that name, whose
    help is its summary): plain click help (typer's rich help loads rich into every ``--help``), no
    completion, plain tracebacks."""
    if group is not None:
        settings = {"name": group, "help": COMMANDS[group], "no_args_is_help": True, **settings}
    return typer.Typer(
        epilog=EXIT_CODES_HELP,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        **settings,
    )


class _StartUp:
    """Whether :func:`exotel_contacts.cli.main` paused the cyclic collector for the start-up."""

    collector_paused = False

    def resume_collector(self) -> None:
        """Freeze what start-up loaded (it lives as long as the process) and turn the collector back on."""
        if self.collector_paused:
            self.collector_paused = False
            gc.freeze()
            gc.enable()


START_UP = _StartUp()


class LazyGroup(TyperGroup):
    """A typer group whose commands load on lookup, and whose help lists them from :data:`COMMANDS`."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        # Every name (click's "Did you mean" reads them); a command is put in place on its first lookup.
        self.commands = dict.fromkeys(COMMANDS)  # type: ignore[assignment]

    def get_command(self, ctx: Context, cmd_name: str) -> Any:
        """The command of this name, its module imported on first lookup; ``None``: not a command."""
        if cmd_name in COMMANDS and self.commands[cmd_name] is None:
            module = importlib.import_module(f"{__package__}.{cmd_name.replace('-', '_')}")
            command = self.commands[cmd_name] = typer.main.get_command(module.app)
            command.name = cmd_name
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Any, list[str]]:
        """The command named by ``args[0]``, loaded; the end of start-up when run from the console."""
        try:
            return super().resolve_command(ctx, args)
        finally:
            START_UP.resume_collector()

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """The commands section of the help, as :class:`TyperGroup` writes it, from the summaries."""
        # A help-only stand-in per command: the summary shortened to the width exactly as click would.
        stand_ins = [(name, TyperCommand(name=name, help=summary)) for name, summary in COMMANDS.items()]
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, command.get_short_help_str(limit)) for name, command in stand_ins]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def client_options(ctx: typer.Context) -> dict[str, Any]:
    """The global options that were given, as ``Client`` keyword arguments (the rest: ``EXOTEL_*``)."""
    return dict(ctx.find_root().obj or {})


app = command_app(
    cls=LazyGroup,
    name="exotel-contacts",
    help="Import contacts into Exotel (CCM uploads, Campaign lists and contacts), check files, "
    "read upload status and errors, explain error codes, and run a local mock of the API.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# Text, not numbers or paths: the client checks every value (one error line, exit 2), not Click's usage box.
GLOBAL_OPTIONS = {
    "account_sid": "Account SID",
    "api_key": "API key",
    "api_token": "API token",
    "access_token": "Bearer access token, CCM only",
    "region": "singapore (default) or mumbai",
    "ccm_base_url": "CCM base URL override",
    "campaign_base_url": "Campaign base URL override",
    "timeout": "Seconds per network operation (0 < s <= 86400)",
    "redis_url": "Share the account's rate limit and upload slots with every process using this Redis "
    "(redis://[:password@]host:6379/0; needs the redis extra)",
    "redis_outage": "Seconds a Redis call rides out a Redis restart or network blip before failing "
    "(default 30)",
    "rate_limit": "Requests allowed per family, e.g. '200/minute' or 'off' (default: Exotel's limits; "
    "EXOTEL_CCM_RATE_LIMIT, EXOTEL_CAMPAIGN_RATE_LIMIT, EXOTEL_READS_RATE_LIMIT per family)",
    "proxy": "Send every request through this proxy (http://[user:password@]host:port); without it, "
    "HTTPS_PROXY / HTTP_PROXY / ALL_PROXY / NO_PROXY apply as in httpx",
    "ca_bundle": "CA certificates (PEM file or directory) to trust, e.g. a TLS-inspecting proxy's "
    "(default: certifi's, or SSL_CERT_FILE / SSL_CERT_DIR)",
    "client_cert": "Client certificate (PEM, may hold the key too)",
    "client_key": "The client certificate's key (PEM)",
}
"""The global options in the order of ``--help``: ``--NAME`` (``EXOTEL_NAME``), the Client keyword of
that name but for the CA bundle and the client certificate and key (``verify`` and ``cert``)."""


def _configure(ctx: typer.Context, **options: str | None) -> None:
    cert, key, verify = options.pop("client_cert"), options.pop("client_key"), options.pop("ca_bundle")
    cert_option = (cert, key) if cert is not None and key is not None else cert
    given = {**options, "verify": verify, "cert": cert_option}
    ctx.obj = {name: value for name, value in given.items() if value is not None}


_configure.__signature__ = inspect.Signature(  # type: ignore[attr-defined]  # what typer reads
    [
        inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context),
        *(
            inspect.Parameter(
                name,
                inspect.Parameter.KEYWORD_ONLY,
                default=None,
                annotation=Annotated[str | None, typer.Option(envvar=f"EXOTEL_{name.upper()}", help=help)],
            )
            for name, help in GLOBAL_OPTIONS.items()
        ),
    ]
)
app.callback()(_configure)
