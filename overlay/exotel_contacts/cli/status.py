"""``exotel-contacts status UPLOAD_ID``: a CCM upload's status and counters."""

from __future__ import annotations

from typing import Annotated

import typer

from ._app import (
    EXIT_CODES_HELP,
    EXIT_OK,
    EXIT_ROWS_FAILED,
    CommandResult,
    DebugOption,
    JsonOption,
    Output,
    command_app,
    run_command,
)
from ._client import make_client

__all__ = ["status"]

app = command_app()


@app.command(epilog=EXIT_CODES_HELP)
def status(
    ctx: typer.Context,
    upload_id: Annotated[str, typer.Argument(help="The upload_id from the upload's answer.")],
    json_out: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Show a CCM upload's status: processing/completed and its counts."""

    def action() -> CommandResult:
        with make_client(ctx) as client:
            current = client.get_upload_status(upload_id)
        data = current.to_dict()
        failed = (data.get("failed") or 0) + (data.get("duplicates_skipped") or 0)

        def render(console: Output) -> None:
            from ._records import print_record  # rich loads when there is something to print

            print_record(console, f"upload {upload_id}", data)

        return CommandResult({"upload": data}, EXIT_ROWS_FAILED if failed else EXIT_OK, render)

    run_command(action, json_out=json_out, debug=debug)
