"""``exotel-contacts validate FILE``: check a contact file locally, sending nothing."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ._app import (
    EXIT_OK,
    EXIT_ROWS_FAILED,
    CommandResult,
    JsonOption,
    Output,
    cell,
    command_app,
    json_command,
    write_output,
)
from ._shared_options import DefaultRegionOption, ErrorsOutOption, FileArgument, StrictOption, check_paths

__all__ = ["validate"]

app = command_app()

_SHOWN_FAILURES = 20
_PHONE_CELLS = 24  # a longer "number" is cut here; the message and --errors-out hold it whole


def width(text: str) -> int:
    """Terminal cells of ``text``: wide (East Asian) characters take two, combining marks none.

    Not wcwidth (26 ms to import, measured) nor rich.cells (12 ms): this command's start is benchmarked,
    and its cells are already cleaned of controls (``cell``), which is where the two differ from this.
    """
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def clip(text: str, cells: int) -> str:
    """``text`` cut to ``cells`` terminal cells, ending in an ellipsis when cut."""
    if width(text) <= cells:
        return text
    kept: list[str] = []
    used = 1  # the ellipsis
    for char in text:
        used += width(char)
        if used > cells:
            break
        kept.append(char)
    return "".join(kept) + "\u2026"


def columns(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """A header and rows as plain aligned columns, two spaces apart, the last not padded; not rich's
    Table, which costs every run that finds a bad row ~17 ms of imports (docs/decisions/0025)."""
    every = [header, *rows]
    widths = [max(width(row[index]) for row in every) for index in range(len(header) - 1)]
    lines = []
    for row in every:
        padded = [value + " " * (size - width(value)) for value, size in zip(row, widths, strict=False)]
        lines.append("  ".join([*padded, row[-1]]))
    return lines


@json_command(app, sends=False)
def validate(
    file: FileArgument,
    errors_out: ErrorsOutOption = None,
    strict: StrictOption = False,
    default_region: DefaultRegionOption = None,
    json_out: JsonOption = False,
) -> CommandResult:
    """Check a contact CSV without sending it: encoding, columns, phone numbers, emails, duplicates."""
    from ..importing import validate_file, write_error_csv  # the file checks load when used

    check_paths(file, errors_out)
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
        # Plain lines and columns: no rich to load (this command's start is benchmarked).
        out.line(
            f"{cell(file)}: {report.total_rows} rows, {report.valid_rows} valid, "
            f"{report.invalid_rows} invalid ({report.duplicate_rows} duplicates), "
            f"{report.blank_rows} blank"
        )
        if failures:
            shown = failures[:_SHOWN_FAILURES]
            out.line(f"first {len(shown)} of {len(failures)} failed rows")
            for line in columns(
                ("row", "phone_number", "error_code", "error_message"),
                [
                    (
                        cell(failure.row_number),
                        clip(cell(failure.phone_number), _PHONE_CELLS),
                        cell(failure.error_code),
                        cell(failure.error_message),
                    )
                    for failure in shown
                ],
            ):
                out.line(line)
        for warning in report.warnings:
            out.line(f"warning: {cell(warning)}")
        if errors_out is not None and not problems:
            out.line(f"error CSV: {cell(errors_out)}")

    return CommandResult(document, EXIT_ROWS_FAILED if failures else EXIT_OK, render, problems)
