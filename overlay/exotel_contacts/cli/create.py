"""``exotel-contacts create FILE``: create Campaign contacts from a CSV or JSON Lines file, in bulk."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from ._app import (
    EXIT_CODES_HELP,
    EXIT_OK,
    EXIT_ROWS_FAILED,
    CommandResult,
    DebugOption,
    JsonOption,
    app,
    run_command,
)
from ._client import make_client
from ._shared_options import DefaultRegionOption, ErrorsOutOption, FileArgument, StrictOption

if TYPE_CHECKING:
    from rich.console import Console

    from .._bulk import BulkCreateResult
    from ..importing import RowFailure

__all__ = ["create"]

_SHOWN = 20


@dataclass
class _Input:
    """The contacts to send, the input row of each (CSV row or JSONL line), and what failed locally."""

    rows: list[int] = field(default_factory=list)
    local_failures: list[RowFailure] = field(default_factory=list)


def _from_jsonl(path: Path, source: _Input) -> Iterator[dict[str, Any]]:
    from ..importing import RowFailure  # the file checks load when a file is read

    with path.open(encoding="utf-8-sig") as handle:
        for line_number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                contact = json.loads(line)
            except json.JSONDecodeError as error:
                contact, reason = (
                    None,
                    f"line {line_number} is not JSON ({error.msg}); write one object per line",
                )
            else:
                reason = "each line must be a JSON object with at least a 'number'"
            if not isinstance(contact, dict) or not contact.get("number"):
                source.local_failures.append(
                    RowFailure(line_number, "", "", "", "INVALID_FORMAT", reason, "local")
                )
                continue
            source.rows.append(line_number)
            yield contact


def _from_csv(
    path: Path, work: Path, source: _Input, strict: bool, region: str | None
) -> Iterator[dict[str, Any]]:
    # The same local checks and column mapping as an import; parts are in Campaign's column names.
    from ..importing import Limits, split_file  # the file checks load when a file is read

    # One part whatever the size: contacts are sent in batches, not as one upload.
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


def _failures(result: BulkCreateResult, source: _Input) -> list[dict[str, Any]]:
    from .._bulk import Outcome  # the network stack loads only when contacts are sent

    listed = [
        {
            "row": source.rows[item.index],
            "number": item.number,
            "outcome": str(item.outcome),
            "status_code": item.status_code,
            "code": item.code,
            "reason": item.reason,
        }
        for item in result
        if item.outcome is not Outcome.CREATED
    ]
    listed += [
        {
            "row": f.row_number,
            "number": f.phone_number,
            "outcome": "failed_locally",
            "status_code": None,
            "code": f.error_code,
            "reason": f.error_message,
        }
        for f in source.local_failures
    ]
    return sorted(listed, key=lambda item: int(item["row"]))


@app.command(epilog=EXIT_CODES_HELP)
def create(
    ctx: typer.Context,
    file: FileArgument,
    errors_out: ErrorsOutOption = None,
    strict: StrictOption = False,
    default_region: DefaultRegionOption = None,
    json_out: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Create Campaign contacts from FILE (CSV, or JSON Lines when it ends in .jsonl/.ndjson) in
    requests of up to 5000; report each contact: created, failed, already existed, or unknown."""

    def action() -> CommandResult:
        import tempfile

        from ._progress import bulk_display  # with the network stack

        source = _Input()
        with tempfile.TemporaryDirectory(prefix="exotel-create-") as tmp, make_client(ctx) as client:
            if Path(file).suffix.lower() in {".jsonl", ".ndjson"}:
                contacts = _from_jsonl(Path(file), source)
            else:
                contacts = _from_csv(Path(file), Path(tmp), source, strict, default_region)
            with bulk_display(quiet=json_out) as display:
                result = client.create_contacts_bulk(contacts, on_progress=display)
        failures = _failures(result, source)
        if errors_out is not None:
            with Path(errors_out).open("w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, ["row", "number", "outcome", "status_code", "code", "reason"])
                writer.writeheader()
                writer.writerows(failures)
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
                "error_file": str(errors_out) if errors_out else None,
            }
        }

        def render(console: Console) -> None:
            from rich.table import Table  # rich loads when there is something to print

            table = Table(title=f"contacts from {file}", show_header=False)
            for key, value in counts.items():
                table.add_row(key, str(value))
            console.print(table)
            if failures:
                shown = Table(
                    "row",
                    "number",
                    "outcome",
                    "code",
                    "reason",
                    title=f"not created ({len(failures)}; first {min(len(failures), _SHOWN)})",
                )
                for item in failures[:_SHOWN]:
                    shown.add_row(
                        *(
                            str(item[k] if item[k] is not None else "")
                            for k in ("row", "number", "outcome", "code", "reason")
                        )
                    )
                console.print(shown)
            if errors_out is not None:
                console.print(f"error CSV: {errors_out}", markup=False)

        return CommandResult(document, EXIT_ROWS_FAILED if failures else EXIT_OK, render)

    run_command(action, json_out=json_out, debug=debug)
