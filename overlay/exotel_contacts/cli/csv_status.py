"""``exotel-contacts csv-status UPLOAD_ID``: a Campaign CSV upload's status and stats."""

from __future__ import annotations

from typing import Annotated

import typer

from ._app import EXIT_OK, EXIT_ROWS_FAILED, CommandResult, Output, command_app, json_command, make_client

__all__ = ["csv_status"]

app = command_app()


@json_command(app, "csv-status")
def csv_status(
    ctx: typer.Context,
    upload_id: Annotated[str, typer.Argument(help="The upload_id from the CSV upload's summary.")],
) -> CommandResult:
    """Show a Campaign CSV upload's status: in-progress/completed and its stats."""
    with make_client(ctx) as client:
        data = client.get_csv_status(upload_id).to_dict()
    stats = data.get("stats") or {}
    failed = (stats.get("failed") or 0) + (stats.get("duplicate") or 0)

    def render(out: Output) -> None:
        shown = {key: value for key, value in data.items() if key != "stats"}
        out.record(f"CSV upload {upload_id}", shown | {f"stats.{k}": v for k, v in stats.items()})

    return CommandResult({"csv_upload": data}, EXIT_ROWS_FAILED if failed else EXIT_OK, render)
