"""Running ``upload`` and ``csv-upload``; showing an import's result, and its exit code."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.table import Table

from exotel_contacts.base.exceptions import APIConnectionError, UploadTimeoutError
from exotel_contacts.workflows.failure_summary import summarize_by_code
from exotel_contacts.workflows.imports import ImportResult

from ._app import (
    EXIT_API_ERROR,
    EXIT_NETWORK,
    EXIT_OK,
    EXIT_ROWS_FAILED,
    CommandResult,
    Output,
    cell,
    exit_code_for,
    make_client,
    run_command,
)
from ._progress import ImportDisplay, progress_outcome
from ._shared_options import check_paths, journal_of

if TYPE_CHECKING:
    import typer

__all__ = ["import_outcome", "run_import"]

_SHOWN_FAILURES = 20
_MESSAGE_WIDTH = 48
# Parts that failed only with these (APITimeoutError included) failed on the way to Exotel, not in it.
_NETWORK_ERRORS = (APIConnectionError, UploadTimeoutError)


def _first_line(message: str) -> str:
    # The row gives the error; what follows its first "; " is the how-to-fix, said once in the
    # by-code table above.
    text = cell(message).split("\n", 1)[0].split("; ", 1)[0]
    return text if len(text) <= _MESSAGE_WIDTH else text[: _MESSAGE_WIDTH - 3] + "..."


def _exit_code(result: ImportResult) -> int:
    if result.aborted is not None:
        return exit_code_for(result.aborted)
    errors = [part for part in result.parts if part.error is not None]
    if errors:
        network = all(isinstance(part.exception, _NETWORK_ERRORS) for part in errors)
        return EXIT_NETWORK if network else EXIT_API_ERROR
    return EXIT_ROWS_FAILED if result.failed or result.duplicates else EXIT_OK


def import_outcome(result: ImportResult) -> CommandResult:
    """The command's result document, exit code and human rendering for an import."""
    document: dict[str, Any] = {"import": result.to_dict()}

    def render(console: Output) -> None:
        counts = ("total", "accepted", "failed", "duplicates", "pending")
        console.table(f"import of {result.path} ({result.family})", ((n, getattr(result, n)) for n in counts))
        parts = Table("part", "rows", "original rows", "upload_id", "status", title="parts")
        for part in result.parts:
            parts.add_row(
                str(part.index),
                str(part.rows),
                f"{part.first_row}-{part.last_row}",
                cell(part.upload_id or "-"),
                cell(part.error or part.status or "sent"),
            )
        console.print(parts)
        failures = result.failures()
        if failures:
            by_code = Table(title=f"failures by error code ({len(failures)} rows)")
            by_code.add_column("error_code", no_wrap=True)
            by_code.add_column("rows", justify="right", no_wrap=True)
            by_code.add_column("first rows", no_wrap=True)
            by_code.add_column("how to fix")
            for summary in summarize_by_code(failures):
                more = ", ..." if summary.count > len(summary.first_rows) else ""
                by_code.add_row(
                    cell(summary.code),
                    str(summary.count),
                    ", ".join(str(n) for n in summary.first_rows) + more,
                    cell(summary.how_to_fix or summary.message),
                )
            console.print(by_code)
            shown = Table(title=f"failed rows ({len(failures)}; first {min(len(failures), _SHOWN_FAILURES)})")
            for name in ("row", "phone_number", "error_code"):
                shown.add_column(name, no_wrap=True)
            # The message is cut short (the how-to-fix is in the table above); it wraps only when narrow.
            shown.add_column("error_message")
            shown.add_column("found by", no_wrap=True)
            for failure in failures[:_SHOWN_FAILURES]:
                shown.add_row(
                    str(failure.row_number),
                    cell(failure.phone_number),
                    cell(failure.error_code),
                    _first_line(failure.error_message),
                    cell(failure.source),
                )
            console.print(shown)
        for warning in result.report.warnings:
            console.print(f"warning: {cell(warning)}", markup=False)
        if result.error_file is not None:
            console.print(f"error CSV: {cell(result.error_file)}", markup=False)
        if result.pending:
            console.print(
                f"{result.pending} rows are still being processed; follow them with "
                "`exotel-contacts status UPLOAD_ID`"
            )

    return CommandResult(document, _exit_code(result), render, list(result.problems))


def run_import(ctx: typer.Context, *, family: str) -> None:
    """Run ``upload`` or ``csv-upload``: their options (``ctx.params``) are ``import_contacts``' keywords
    but for the file, the output switches, ``--journal`` and two spelt otherwise on the command line."""
    options = dict(ctx.params)
    file, json_out, debug = options.pop("file"), options.pop("json_out"), options.pop("debug")
    journal = options.pop("journal", None)
    options["detect_duplicates"] = options.pop("duplicate_check")
    options["timeout"] = options.pop("wait_timeout")
    display: list[ImportDisplay] = []

    def action() -> CommandResult:
        check_paths(file, options["errors_out"], journal)
        with make_client(ctx) as client, ImportDisplay.shown(quiet=json_out) as shown:
            display.append(shown)
            result = client.import_contacts(
                Path(file), family=family, journal=journal_of(journal), on_progress=shown, **options
            )
        return import_outcome(result)

    run_command(action, json_out=json_out, debug=debug, partial=lambda: progress_outcome(display))
