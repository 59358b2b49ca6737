"""``exotel-contacts csv-upload FILE --list-name NAME``: import a contact file into a Campaign list."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from exotel_contacts.core.local_paths import check_input_file, check_output_file

from ._app import EXIT_CODES_HELP, CommandResult, DebugOption, JsonOption, command_app, run_command
from ._client import make_client
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

if TYPE_CHECKING:
    from ._progress import ImportDisplay

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

    # The import stack (client, progress bars, rich) loads when the command runs.
    from ._import_output import import_outcome
    from ._progress import import_display, progress_outcome

    display: list[ImportDisplay] = []

    def action() -> CommandResult:
        check_input_file(file)
        if errors_out is not None:
            check_output_file(errors_out, what="--errors-out")
        with make_client(ctx) as client, import_display(quiet=json_out) as shown:
            display.append(shown)
            result = client.import_contacts(
                Path(file),
                family="campaign",
                list_name=list_name,
                type=type,
                strict=strict,
                default_region=default_region,
                send_invalid=send_invalid,
                detect_duplicates=duplicate_check,
                wait=wait,
                timeout=wait_timeout,
                errors_out=errors_out,
                on_progress=shown,
                reconcile=reconcile,
            )
        return import_outcome(result)

    run_command(
        action,
        json_out=json_out,
        debug=debug,
        partial=lambda: progress_outcome(display[-1] if display else None),
    )
