"""``exotel-contacts upload FILE``: import a contact file of any size into CCM."""

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
    JournalOption,
    SendInvalidOption,
    StrictOption,
    WaitOption,
    WaitTimeoutOption,
    journal_of,
)

if TYPE_CHECKING:
    from ._progress import ImportDisplay

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

    # The import stack (client, progress bars, rich) loads when the command runs.
    from ._import_output import import_outcome
    from ._progress import import_display, progress_outcome

    display: list[ImportDisplay] = []

    def action() -> CommandResult:
        check_input_file(file)
        if errors_out is not None:
            check_output_file(errors_out, what="--errors-out")
        if journal is not None and not journal.startswith("redis:"):
            check_output_file(Path(journal), what="--journal")
        with make_client(ctx) as client, import_display(quiet=json_out) as shown:
            display.append(shown)
            result = client.import_contacts(
                Path(file),
                family="ccm",
                list_id=list_id,
                duplicate_action=duplicate_action,
                strict=strict,
                default_region=default_region,
                send_invalid=send_invalid,
                detect_duplicates=duplicate_check,
                wait=wait,
                timeout=wait_timeout,
                errors_out=errors_out,
                on_progress=shown,
                journal=journal_of(journal),
            )
        return import_outcome(result)

    run_command(
        action,
        json_out=json_out,
        debug=debug,
        partial=lambda: progress_outcome(display[-1] if display else None),
    )
