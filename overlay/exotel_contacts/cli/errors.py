"""``exotel-contacts errors UPLOAD_ID [--output PATH]``: a CCM upload's failed rows."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from exotel_contacts.base.exceptions import ExotelError
from exotel_contacts.core.local_paths import check_output_file

from ._app import EXIT_OK, EXIT_ROWS_FAILED, CommandResult, Output, command_app, json_command, make_client

__all__ = ["errors"]

app = command_app()


@json_command(app)
def errors(
    ctx: typer.Context,
    upload_id: Annotated[str, typer.Argument(help="The upload_id from the upload's answer.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Also download the error CSV to this path.")
    ] = None,
) -> CommandResult:
    """List a CCM upload's failed rows (row number, phone number, code, message)."""
    if output is not None:
        check_output_file(output, what="--output")
    problems: list[str] = []
    saved = False
    with make_client(ctx) as client:
        report = client.get_upload_errors(upload_id)
        if output is not None:
            # The report is in hand: a failed download is named after it, never instead of it.
            try:
                saved = client.download_error_file(upload_id, output)
            except ExotelError as error:
                problems.append(f"the error CSV was not downloaded to {str(output)!r}: {error}")
    data = report.to_dict()
    result = {"errors": data, "error_file": str(output) if saved else None}

    def render(out: Output) -> None:
        title = f"{data.get('error_count', 0)} failed rows of upload {upload_id}"
        columns = ("row_number", "phone_number", "error_code", "error_message")
        out.records(title, data.get("errors", []), columns)
        if saved:
            out.print(f"error CSV written to {output}")

    return CommandResult(result, EXIT_ROWS_FAILED if data.get("error_count") else EXIT_OK, render, problems)
