"""``exotel-contacts create FILE``: create Campaign contacts from a CSV or JSON Lines file, in bulk."""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from exotel_contacts.base.exceptions import InvalidInputError
from exotel_contacts.workflows.journal import file_identity

from ._app import (
    EXIT_CODES_HELP,
    EXIT_OK,
    EXIT_ROWS_FAILED,
    CommandResult,
    DebugOption,
    JsonOption,
    Output,
    PartialResult,
    command_app,
    make_client,
    run_command,
    write_output,
)
from ._shared_options import (
    DefaultRegionOption,
    ErrorsOutOption,
    FileArgument,
    JournalOption,
    StrictOption,
    check_paths,
    journal_of,
)

if TYPE_CHECKING:
    from exotel_contacts.workflows.bulk import BulkCreateResult

    from ..importing import RowFailure

__all__ = ["create"]

app = command_app()

_SHOWN = 20
_COLUMNS = ("row", "number", "outcome", "status_code", "code", "reason")  # of a failure, and --errors-out
#: Longest JSON Lines line taken (one contact is well under 2 KB).
_MAX_LINE = 1 << 20


@dataclass
class _Input:
    """The contacts to send, the input row of each (CSV row or JSONL line), and what failed locally."""

    rows: list[int] = field(default_factory=list)
    local_failures: list[RowFailure] = field(default_factory=list)

    def bad_line(self, line_number: int, reason: str) -> None:
        """A JSON Lines line that is not a contact: failed locally, not sent."""
        from ..importing import RowFailure  # the file checks load when a file is read

        self.local_failures.append(RowFailure(line_number, "", "", "", "INVALID_FORMAT", reason, "local"))


def _from_jsonl(path: Path, source: _Input) -> Iterator[dict[str, Any]]:
    # Read as bytes, one bounded line at a time: a line is one contact, so memory per row stays small
    # even when a file has no newlines at all, and a byte that is not UTF-8 is named by its line.
    with path.open("rb") as handle:
        line_number = 0
        while raw := handle.readline(_MAX_LINE + 1):
            line_number += 1
            if line_number == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            if len(raw) > _MAX_LINE and not raw.endswith(b"\n"):
                while (rest := handle.readline(_MAX_LINE)) and not rest.endswith(b"\n"):
                    pass
                reason = f"line {line_number} is longer than {_MAX_LINE} bytes; write one contact per line"
                source.bad_line(line_number, reason)
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise InvalidInputError(
                    f"{path}: line {line_number} is not UTF-8 text (byte 0x{raw[error.start]:02x} at byte "
                    f"{error.start + 1} of the line); save the file as UTF-8. Contacts before it were sent"
                ) from None
            if not line.strip():
                continue
            try:
                contact = json.loads(line)
                reason = "each line must be a JSON object with at least a 'number'"
            except (ValueError, RecursionError) as error:
                detail = error.msg if isinstance(error, json.JSONDecodeError) else type(error).__name__
                contact, reason = (
                    None,
                    f"line {line_number} is not JSON ({detail}); write one object per line",
                )
            if not isinstance(contact, dict) or not contact.get("number"):
                source.bad_line(line_number, reason)
                continue
            source.rows.append(line_number)
            yield contact


def _from_csv(
    path: Path, work: Path, source: _Input, strict: bool, region: str | None
) -> Iterator[dict[str, Any]]:
    # The same local checks and column mapping as an import; parts are in Campaign's column names.
    from ..importing import Limits, split_file  # the file checks load when a file is read

    one_part = Limits(
        campaign_max_bytes=2**62, campaign_static_list_cap=2**31, campaign_dynamic_list_cap=2**31
    )
    split = split_file(
        path, family="campaign", out_dir=work, limits=one_part, strict=strict, default_region=region
    )
    source.local_failures.extend(split.validation.failures)
    for part in split.parts:
        with part.path.open(encoding="utf-8", newline="") as handle:
            for offset, row in enumerate(csv.DictReader(handle)):
                source.rows.append(part.row_map[offset])
                yield {key: value for key, value in row.items() if value}


def _source_of(path: Path, strict: bool, region: str | None) -> dict[str, Any]:
    """What a resumed ``create`` checks besides the contacts: the same file, read the same way."""
    return {"file": file_identity(path), "strict": strict, "default_region": region}


def _failures(result: BulkCreateResult, source: _Input) -> list[dict[str, Any]]:
    from exotel_contacts.workflows.bulk import Outcome

    rows = [
        (source.rows[item.index], item.number, str(item.outcome), item.status_code, item.code, item.reason)
        for item in result
        if item.outcome is not Outcome.CREATED
    ]
    rows += [
        (f.row_number, f.phone_number, "failed_locally", None, f.error_code, f.error_message)
        for f in source.local_failures
    ]
    return sorted((dict(zip(_COLUMNS, row, strict=True)) for row in rows), key=lambda item: int(item["row"]))


def _write_failures(path: Path, failures: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, _COLUMNS)
        writer.writeheader()
        writer.writerows(failures)


@app.command(epilog=EXIT_CODES_HELP)
def create(
    ctx: typer.Context,
    file: FileArgument,
    errors_out: ErrorsOutOption = None,
    strict: StrictOption = False,
    default_region: DefaultRegionOption = None,
    journal: JournalOption = None,
    json_out: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Create Campaign contacts from FILE (CSV, or JSON Lines when it ends in .jsonl/.ndjson) in
    requests of up to 5000; report each contact: created, failed, already existed, or unknown."""

    # The network stack, the progress bars and rich load when the command runs.
    import tempfile

    from exotel_contacts.base.exceptions import BulkAbortedError

    from ._progress import BulkDisplay, progress_outcome

    display: list[BulkDisplay] = []

    def action() -> CommandResult:
        check_paths(file, errors_out, journal)
        source = _Input()
        try:
            with tempfile.TemporaryDirectory(prefix="exotel-create-") as tmp, make_client(ctx) as client:
                if Path(file).suffix.lower() in {".jsonl", ".ndjson"}:
                    contacts = _from_jsonl(Path(file), source)
                else:
                    contacts = _from_csv(Path(file), Path(tmp), source, strict, default_region)
                with BulkDisplay.shown(quiet=json_out) as shown:
                    display.append(shown)
                    result = client.create_contacts_bulk(
                        contacts,
                        on_progress=shown,
                        journal=journal_of(journal),
                        journal_source=_source_of(Path(file), strict, default_region) if journal else None,
                    )
        except BulkAbortedError as stopped:
            # What was sent before the stop is reported in full, then the error that stopped it.
            raise PartialResult(stopped, _outcome(result=stopped.result, source=source)) from None
        return _outcome(result=result, source=source)

    def _outcome(*, result: BulkCreateResult, source: _Input) -> CommandResult:
        failures = _failures(result, source)
        problems = write_output(errors_out, lambda path: _write_failures(path, failures))
        # "total" is what was sent; "input" also counts the rows that failed locally and were not sent.
        counts = {
            "input": result.total + len(source.local_failures),
            **result.summary(),
            "failed_locally": len(source.local_failures),
        }
        document = {
            "create": {
                "path": str(file),
                "counts": counts,
                "failures": failures,
                "error_file": str(errors_out) if errors_out and not problems else None,
            }
        }

        def render(out: Output) -> None:
            out.record(f"contacts from {file}", counts)
            if failures:
                title = f"not created ({len(failures)}; first {min(len(failures), _SHOWN)})"
                out.records(title, failures[:_SHOWN], ("row", "number", "outcome", "code", "reason"))
            if errors_out is not None and not problems:
                out.print(f"error CSV: {errors_out}")

        return CommandResult(document, EXIT_ROWS_FAILED if failures else EXIT_OK, render, problems)

    run_command(action, json_out=json_out, debug=debug, partial=lambda: progress_outcome(display))
