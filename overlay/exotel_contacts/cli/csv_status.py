"""``exotel-contacts csv-status UPLOAD_ID``: a Campaign CSV upload's status and stats."""

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
    cell,
    command_app,
    run_command,
)
from ._client import make_client

__all__ = ["csv_status"]

app = command_app()


@app.command("csv-status", epilog=EXIT_CODES_HELP)
def csv_status(
    ctx: typer.Context,
    upload_id: Annotated[str, typer.Argument(help="The upload_id from the CSV upload's summary.")],
    json_out: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Show a Campaign CSV upload's status: in-progress/completed and its stats."""

    def action() -> CommandResult:
        with make_client(ctx) as client:
            current = client.get_csv_status(upload_id)
        data = current.to_dict()
        stats = data.get("stats") or {}
        failed = (stats.get("failed") or 0) + (stats.get("duplicate") or 0)

        def render(console: Output) -> None:
            from rich.table import Table  # rich loads when there is something to print

            table = Table(title=f"CSV upload {cell(upload_id)}", show_header=False)
            for key, value in data.items():
                if key != "stats":
                    table.add_row(cell(key), cell(value))
            for key, value in stats.items():
                table.add_row(f"stats.{cell(key)}", cell(value))
            console.print(table)

        return CommandResult({"csv_upload": data}, EXIT_ROWS_FAILED if failed else EXIT_OK, render)

    run_command(action, json_out=json_out, debug=debug)
