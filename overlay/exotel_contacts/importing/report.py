"""The final report of an import, and the combined error CSV in Exotel's error-file format."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from .columns import plan_header
from .rowmap import PartRows
from .rows import RowFailure
from .split import Part, SplitResult

__all__ = [
    "ERROR_CSV_COLUMNS",
    "HasFailures",
    "ImportReport",
    "neutralise_cell",
    "write_error_csv",
]

ERROR_CSV_COLUMNS = ("row_number", "phone_number", "first_name", "last_name", "error_code", "error_message")
"""Header of Exotel's upload error file (seed 000), which `write_error_csv` reproduces."""

# OWASP "CSV injection": a spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PHONE_LIKE = re.compile(r"\+[0-9]+")


def neutralise_cell(value: str) -> str:
    """Prefix a cell a spreadsheet would run as a formula with an apostrophe.

    `+` followed only by digits is a phone number, not a formula, and is left intact.
    """
    if value.startswith(_FORMULA_STARTS) and not _PHONE_LIKE.fullmatch(value):
        return "'" + value
    return value


@dataclass(slots=True)
class ImportReport:
    """Totals and every failed row of an import, local and server-reported, in ORIGINAL row numbers.

    Build it with `from_split`, then add what the server reports for each part with
    `add_server_failures` (row-level errors, CCM) or `add_server_counts` (counts only, Campaign).
    """

    total_rows: int
    """Data rows in the original file (blank rows not counted)."""
    sent_rows: int
    """Rows written to parts and sent."""
    failures: list[RowFailure] = field(default_factory=list)
    """Every failed row; `source` says whether this client or the server found it."""
    warnings: list[str] = field(default_factory=list)
    unlisted_server_failed: int = 0
    """Rows the server counted as failed without naming them (Campaign status has counts only)."""
    unlisted_server_duplicates: int = 0
    """Rows the server counted as duplicates without naming them."""

    @classmethod
    def from_split(cls, split: SplitResult) -> ImportReport:
        """Start a report from a split: its local failures count, unless failing rows were sent anyway."""
        validation = split.validation
        failures = list(validation.failures)
        if split.send_invalid:
            # Rows sent anyway get the server's verdict; only rows that could not be sent stay local.
            sent = PartRows(part.row_map for part in split.parts)  # asked of the parts' runs
            failures = [failure for failure in failures if failure.row_number not in sent]
        return cls(
            total_rows=validation.total_rows,
            sent_rows=split.sent_rows,
            failures=failures,
            warnings=list(validation.warnings),
        )

    @property
    def duplicates(self) -> int:
        """Rows not imported because their number was a duplicate (in the file or the account)."""
        listed = sum(1 for failure in self.failures if failure.error_code == "DUPLICATE_ENTRY")
        return listed + self.unlisted_server_duplicates

    @property
    def failed(self) -> int:
        """Rows not imported for any reason other than being a duplicate."""
        listed = sum(1 for failure in self.failures if failure.error_code != "DUPLICATE_ENTRY")
        return listed + self.unlisted_server_failed

    @property
    def accepted(self) -> int:
        """Rows imported: every row that neither failed nor was a duplicate."""
        return self.total_rows - self.failed - self.duplicates

    def sorted_failures(self) -> list[RowFailure]:
        """Failures by original row number (local before server for the same row)."""
        return _in_order(self.failures)

    def add_server_failures(self, part: Part, errors: Iterable[Mapping[str, object]]) -> None:
        """Add the server's row errors for one part, mapping part row numbers to original ones.

        Each error is a mapping with `row_number` (in the part) and optionally `phone_number`,
        `first_name`, `last_name`, `error_code`, `error_message` — the shape of the errors API and
        of the error CSV. Names missing from the error are read back from the part file.
        """
        pending = [dict(error) for error in errors]
        need_names = {
            int(str(error["row_number"]))
            for error in pending
            if not error.get("first_name") and not error.get("last_name")
        }
        names = _people_from_part(part.path, need_names) if need_names else {}
        for error in pending:
            part_row = int(str(error["row_number"]))
            _, first, last = names.get(part_row, ("", "", ""))
            self.failures.append(
                RowFailure(
                    part.original_row(part_row),
                    str(error.get("phone_number") or ""),
                    str(error.get("first_name") or first),
                    str(error.get("last_name") or last),
                    str(error.get("error_code") or "UNKNOWN"),
                    str(error.get("error_message") or ""),
                    "server",
                )
            )

    def add_rows_failure(self, part: Part, part_rows: Iterable[int], code: str, message: str) -> None:
        """Report rows of a part that got no verdict of their own (the part's upload failed or its
        outcome is unknown), so that no row the user gave goes unreported."""
        wanted = set(part_rows)
        people = _people_from_part(part.path, wanted) if wanted else {}
        for part_row in sorted(wanted):
            phone, first, last = people.get(part_row, ("", "", ""))
            self.failures.append(
                RowFailure(part.original_row(part_row), phone, first, last, code, message, "upload")
            )

    def add_part_failure(self, part: Part, code: str, message: str) -> None:
        """Report every row of a part whose upload got no verdict."""
        self.add_rows_failure(part, range(1, part.rows + 1), code, message)

    def add_server_counts(self, *, failed: int = 0, duplicates: int = 0) -> None:
        """Add rows the server counted as failed or duplicate without saying which."""
        self.unlisted_server_failed += failed
        self.unlisted_server_duplicates += duplicates


def _people_from_part(path: Path, rows: set[int]) -> dict[int, tuple[str, str, str]]:
    """Phone number, first and last name of some data rows of a part file (one streaming pass)."""
    found: dict[int, tuple[str, str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        plan = plan_header(next(reader, []), path=path)  # a part's header: the family's names
        at = (plan.phone_index, plan.get("first_name"), plan.get("last_name"))
        for number, row in enumerate(reader, 1):
            if number in rows:
                phone, first, last = (row[i] if 0 <= i < len(row) else "" for i in at)
                found[number] = phone, first, last
                if len(found) == len(rows):
                    break
    return found


def _in_order(failures: Iterable[RowFailure]) -> list[RowFailure]:
    return sorted(failures, key=lambda failure: (failure.row_number, failure.source != "local"))


class HasFailures(Protocol):
    """Anything with failed rows: an `ImportReport`, a `ValidationReport`."""

    @property
    def failures(self) -> Iterable[RowFailure]:
        """The failed rows."""
        ...


def write_error_csv(report: HasFailures, path: str | Path, *, include_source: bool = False) -> int:
    """Write the failed rows as Exotel's error CSV, by original row number; return the row count.

    Columns: row_number, phone_number, first_name, last_name, error_code, error_message (plus
    `found_by` = local/server with `include_source`). Cells a spreadsheet would run as formulas are
    neutralised with a leading apostrophe; `+` phone numbers stay as they are.
    """
    failures = _in_order(report.failures)
    header = [*ERROR_CSV_COLUMNS, "found_by"] if include_source else list(ERROR_CSV_COLUMNS)
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for failure in failures:
            cells = [str(failure.row_number), *map(neutralise_cell, failure[1:6])]  # phone .. message
            if include_source:
                cells.append(failure.source)
            writer.writerow(cells)
    return len(failures)
