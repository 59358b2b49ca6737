"""``exotel-contacts status UPLOAD_ID``: a CCM upload's status and counters."""

from __future__ import annotations

from typing import Annotated

import typer

from ._app import EXIT_OK, EXIT_ROWS_FAILED, CommandResult, command_app, json_command, make_client

__all__ = ["status"]

app = command_app()


@json_command(app)
def status(
    ctx: typer.Context,
    upload_id: Annotated[str, typer.Argument(help="The upload_id from the upload's answer.")],
) -> CommandResult:
    """Show a CCM upload's status: processing/completed and its counts."""
    with make_client(ctx) as client:
        data = client.get_upload_status(upload_id).to_dict()
    failed = (data.get("failed") or 0) + (data.get("duplicates_skipped") or 0)
    return CommandResult(
        {"upload": data},
        EXIT_ROWS_FAILED if failed else EXIT_OK,
        lambda out: out.record(f"upload {upload_id}", data),
    )
