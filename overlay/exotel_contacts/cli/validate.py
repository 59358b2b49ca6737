"""``exotel-contacts validate FILE``: check a contact file locally, sending nothing."""

from __future__ import annotations

from pathlib import Path

from .._local_paths import check_input_file, check_output_file
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
    write_output,
)
from ._shared_options import DefaultRegionOption, ErrorsOutOption, FileArgument, StrictOption

__all__ = ["validate"]

app = command_app()

_SHOWN_FAILURES = 20


@app.command(epilog=EXIT_CODES_HELP)
def validate(
    file: FileArgument,
    errors_out: ErrorsOutOption = None,
    strict: StrictOption = False,
    default_region: DefaultRegionOption = None,
    json_out: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Check a contact CSV without sending it: encoding, columns, phone numbers, emails, duplicates."""

    def action() -> CommandResult:
        from ..importing import validate_file, write_error_csv  # the file checks load when used

        check_input_file(file)
        if errors_out is not None:
            check_output_file(errors_out, what="--errors-out")
        report = validate_file(Path(file), strict=strict, default_region=default_region)
        problems = write_output(errors_out, lambda path: write_error_csv(report, path))
        failures = sorted(report.failures, key=lambda failure: failure.row_number)
        document = {
            "validation": {
                "path": str(file),
                "columns": list(report.columns),
                "total": report.total_rows,
                "valid": report.valid_rows,
                "invalid": report.invalid_rows,
                "duplicates": report.duplicate_rows,
                "blank_rows": report.blank_rows,
                "warnings": list(report.warnings),
                "error_file": str(errors_out) if errors_out and not problems else None,
                # Only --json prints the document: skip a dict per failed row otherwise.
                "failures": [failure._asdict() for failure in failures] if json_out else [],
            }
        }

        def render(out: Output) -> None:
            # Plain lines need no rich (a clean file prints without loading it); the table does.
            out.line(
                f"{cell(file)}: {report.total_rows} rows, {report.valid_rows} valid, "
                f"{report.invalid_rows} invalid ({report.duplicate_rows} duplicates), "
                f"{report.blank_rows} blank"
            )
            if failures:
                from rich.table import Table

                table = Table(
                    "row",
                    "phone_number",
                    "error_code",
                    "error_message",
                    title=f"first {min(len(failures), _SHOWN_FAILURES)} of {len(failures)} failed rows",
                )
                for failure in failures[:_SHOWN_FAILURES]:
                    table.add_row(
                        *map(
                            cell,
                            (
                                failure.row_number,
                                failure.phone_number,
                                failure.error_code,
                                failure.error_message,
                            ),
                        )
                    )
                out.print(table)
            for warning in report.warnings:
                out.line(f"warning: {cell(warning)}")
            if errors_out is not None and not problems:
                out.line(f"error CSV: {cell(errors_out)}")

        return CommandResult(document, EXIT_ROWS_FAILED if failures else EXIT_OK, render, problems)

    run_command(action, json_out=json_out, debug=debug, sends=False)
