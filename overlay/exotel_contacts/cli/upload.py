"""``exotel-contacts upload FILE``: import a contact file of any size into CCM."""

from __future__ import annotations

from typing import Annotated

import typer

from ._app import EXIT_CODES_HELP, DebugOption, JsonOption, command_app
from ._shared_options import (
    DefaultRegionOption,
    DuplicateCheckOption,
    ErrorsOutOption,
    FileArgument,
    JournalOption,
    SendInvalidOption,
    StrictOption,
    WaitOption,
    WaitTimeoutOption,
)

__all__ = ["upload"]

app = command_app()


@app.command(epilog=EXIT_CODES_HELP)
def upload(
    ctx: typer.Context,
    file: FileArgument,
    list_id: Annotated[str | None, typer.Option(help="Associate the contacts with this list.")] = None,
    duplicate_action: Annotated[
        str, typer.Option(help="skip (default), update or create_new, for numbers the account has.")
    ] = "skip",
    wait: WaitOption = True,
    errors_out: ErrorsOutOption = None,
    strict: StrictOption = False,
    default_region: DefaultRegionOption = None,
    send_invalid: SendInvalidOption = False,
    duplicate_check: DuplicateCheckOption = True,
    wait_timeout: WaitTimeoutOption = 3600.0,
    journal: JournalOption = None,
    json_out: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Check a contact CSV, split it into parts within CCM's limits (10 MB, 50,000 rows), upload them
    (five at a time), wait for Exotel, and report every failed row by its row number in FILE."""
    from ._import_output import run_import  # the import stack (client, progress bars, rich) loads here

    run_import(ctx, family="ccm")
