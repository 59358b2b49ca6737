"""``exotel-contacts csv-upload FILE --list-name NAME``: import a contact file into a Campaign list."""

from __future__ import annotations

from typing import Annotated

import typer

from ._app import EXIT_CODES_HELP, DebugOption, JsonOption, command_app
from ._shared_options import (
    DefaultRegionOption,
    DuplicateCheckOption,
    ErrorsOutOption,
    FileArgument,
    SendInvalidOption,
    StrictOption,
    WaitOption,
    WaitTimeoutOption,
)

__all__ = ["csv_upload"]

app = command_app()


@app.command("csv-upload", epilog=EXIT_CODES_HELP)
def csv_upload(
    ctx: typer.Context,
    file: FileArgument,
    list_name: Annotated[str, typer.Option(help="The list to add the contacts to (created if new).")],
    type: Annotated[
        str, typer.Option("--type", help="static (up to 100,000) or dynamic (500,000).")
    ] = "static",
    wait: WaitOption = True,
    errors_out: ErrorsOutOption = None,
    strict: StrictOption = False,
    default_region: DefaultRegionOption = None,
    send_invalid: SendInvalidOption = False,
    duplicate_check: DuplicateCheckOption = True,
    wait_timeout: WaitTimeoutOption = 3600.0,
    reconcile: Annotated[
        bool,
        typer.Option(
            "--reconcile/--no-reconcile",
            help="After the import, when Exotel counted rows failed or duplicate, read the list back and name"
            " them (one request per 20 contacts of the list).",
        ),
    ] = True,
    json_out: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Check a contact CSV, split it into parts within the Campaign limit (60 MB), upload them into
    the list, wait for Exotel, and report failed rows by original row number (Campaign reports counts
    only; the rows it counted are found by reading the list back: "found by" reconciliation)."""
    from ._import_output import run_import  # the import stack (client, progress bars, rich) loads here

    run_import(ctx, family="campaign")
