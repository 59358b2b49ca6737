"""Importing a contact file of any size: the results, the options checked, the file split into parts
(by :mod:`exotel_contacts.importing`) and the journal's plan. The verdicts are folded in by
:mod:`.imports_answers`; the parts are sent by ``_async/imports.py``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import attrs

from exotel_contacts.base.exceptions import ExotelError, InvalidInputError
from exotel_contacts.base.families import API_FAMILIES
from exotel_contacts.base.outcomes import is_failed, is_terminal
from exotel_contacts.core.local_paths import check_input_file, check_output_file
from exotel_contacts.core.polling import check_wait_timeout
from exotel_contacts.importing import Family, ImportReport, Part, RowFailure, SplitResult, split_file
from exotel_contacts.operations.inputs import list_type
from exotel_contacts.spec.operations import OPERATIONS
from exotel_contacts_api.models import UploadStatus

from .campaign_report import ReconciliationResult
from .failure_summary import CodeSummary, summarize_by_code
from .journal import file_identity
from .options import ImportKwargs, ImportOptions

__all__ = [
    "ImportKwargs",
    "ImportOptions",
    "ImportProgress",
    "ImportResult",
    "PartResult",
    "journal_plan",
    "part_replay_safe",
]

#: The options that shape the parts, as a journal's plan holds them (in this order).
_PLANNED = (
    "family",
    "list_id",
    "duplicate_action",
    "list_name",
    "type",
    "strict",
    "default_region",
    "send_invalid",
    "detect_duplicates",
)

#: Row codes this client adds for rows whose part never got a verdict (not Exotel codes).
UPLOAD_FAILED = "UPLOAD_FAILED"
OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN"


@dataclass(frozen=True)
class ImportProgress:
    """Where an import is; given to ``on_progress`` after each step.

    ``rows_processed`` sums the server's processed counts over the parts (what it has judged so far).
    While ``checking``, only ``rows_checked`` is known (the parts are not written yet).
    """

    stage: Literal["checking", "checked", "uploaded", "processing", "done"]
    parts: int
    parts_uploaded: int
    parts_done: int
    rows_checked: int
    rows_sent: int
    rows_processed: int


@dataclass
class PartResult:
    """What happened to one part: its upload id, final status, and the error if it got none."""

    index: int
    rows: int
    first_row: int
    last_row: int
    upload_id: str | None = None
    status: str | None = None
    error: str | None = None
    error_type: str | None = None
    """The name of ``exception``'s type (for JSON output)."""
    replayed: bool = False
    """The upload was sent again after an answer was lost; its duplicates may be its own first attempt's."""
    exception: ExotelError | None = field(default=None, repr=False, compare=False)
    """The error that left this part without a verdict, if any."""

    @property
    def confirmed(self) -> bool:
        """Whether the server finished judging this part's rows."""
        return is_terminal(self.status) and self.error is None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able record of the part."""
        return {name: value for name, value in vars(self).items() if name != "exception"}


@dataclass
class ImportResult:
    """The outcome of an import: totals, every failed row, and each part.

    ``pending`` counts rows sent but not yet judged (``wait=False``, or still processing at the
    deadline): they are neither accepted nor failed yet; their parts' ``upload_id`` tells where to look.
    """

    path: Path
    family: Family
    report: ImportReport
    parts: list[PartResult] = field(default_factory=list)
    error_file: Path | None = None
    aborted: ExotelError | None = None
    """The error that stopped the import part-way (bad credentials, a journal that could not record a
    step, Redis away longer than ``redis_outage``): no further part was sent after it, and every row is
    still accepted, pending or in :meth:`failures`. Running it again with its journal resumes it."""
    reconciled: ReconciliationResult | None = None
    """Campaign: what reading the list back found (None: not done: turned off, or nothing to name)."""
    problems: list[str] = field(default_factory=list)
    """Failures after the import itself (the error CSV could not be written): the result is whole."""

    @property
    def total(self) -> int:
        """Data rows in the file (blank rows not counted)."""
        return self.report.total_rows

    @property
    def pending(self) -> int:
        """Rows sent whose verdict is not known yet."""
        return sum(part.rows for part in self.parts if part.error is None and not part.confirmed)

    @property
    def failed(self) -> int:
        """Rows not imported (found locally or by the server, or their part's upload failed)."""
        return self.report.failed

    @property
    def duplicates(self) -> int:
        """Rows not imported because the number was already there (in the file or the account)."""
        return self.report.duplicates

    @property
    def accepted(self) -> int:
        """Rows the server accepted."""
        return self.report.accepted - self.pending

    @property
    def ok(self) -> bool:
        """True when every row was accepted."""
        return self.accepted == self.total

    def failures(self) -> list[RowFailure]:
        """Every failed row, by original row number."""
        return self.report.sorted_failures()

    def by_code(self) -> list[CodeSummary]:
        """The failed rows summed by error code, largest count first (count, first rows, how to fix)."""
        return summarize_by_code(self.failures())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able summary (failures included, and summed by error code)."""
        failures = self.failures()
        return {
            "path": str(self.path),
            "family": self.family,
            "total": self.total,
            "accepted": self.accepted,
            "failed": self.failed,
            "duplicates": self.duplicates,
            "pending": self.pending,
            "warnings": list(self.report.warnings),
            "error_file": str(self.error_file) if self.error_file else None,
            "aborted": str(self.aborted) if self.aborted else None,
            "reconciled": attrs.asdict(self.reconciled) if self.reconciled else None,
            "problems": list(self.problems),
            "parts": [part.to_dict() for part in self.parts],
            "by_code": [summary.to_dict() for summary in summarize_by_code(failures)],
            "failures": [failure._asdict() for failure in failures],
        }


def count_of(value: object) -> int:
    """A count from an answer: the value when it is a whole number, else 0 (never a bool)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def prepare(path: str | Path, options: ImportOptions, work_dir: Path) -> tuple[Path, Family, SplitResult]:
    """Check the options and the file, then check and split the file into ``work_dir``."""
    if options.family == "campaign" and not options.list_name:
        raise InvalidInputError("a Campaign import needs list_name: the list the contacts go into")
    if options.family not in API_FAMILIES:
        raise InvalidInputError(f"family must be 'ccm' or 'campaign', not {options.family!r}")
    list_type(options.type)  # the spec's rule for a Campaign list's type
    check_wait_timeout(options.timeout)
    source = check_input_file(path, what="contact file")
    if options.errors_out is not None:
        check_output_file(options.errors_out, what="errors_out")
    on_progress = options.on_progress
    split = split_file(
        source,
        family=options.family,
        out_dir=work_dir,
        limits=options.limits,
        list_type=options.type,  # type: ignore[arg-type]
        send_invalid=options.send_invalid,
        strict=options.strict,
        default_region=options.default_region,
        detect_duplicates=options.detect_duplicates,
        on_rows=None
        if on_progress is None
        else lambda rows: on_progress(ImportProgress("checking", 0, 0, 0, rows, 0, 0)),
    )
    return source, options.family, split


def journal_plan(source: Path, options: ImportOptions, split: SplitResult) -> dict[str, Any]:
    """What a journal checks before it is resumed: the file, the options that shape the parts, the parts."""
    planned = {name: getattr(options, name) for name in _PLANNED}
    return {
        "file": file_identity(source),
        "options": {**planned, "limits": repr(options.limits)},
        "parts": [[p.index, p.rows, *row_span(p)] for p in split.parts],
    }


def row_span(part: Part) -> tuple[int, int]:
    """A part's first and last original row numbers (0, 0 when it is empty)."""
    return (part.row_map[0], part.row_map[-1]) if part.rows else (0, 0)


def part_replay_safe(options: ImportOptions) -> bool:
    """Whether a part may be sent again without creating its contacts twice (openapi.yaml's rule)."""
    if options.family == "campaign":
        return OPERATIONS["csvUploadContacts"].safe_to_replay({})
    return OPERATIONS["uploadContacts"].safe_to_replay({"duplicate_action": options.duplicate_action})


def has_error_rows(status: UploadStatus) -> bool:
    """Whether a finished CCM upload has rows to read from its error report."""
    return bool(count_of(status.failed) + count_of(status.duplicates_skipped)) or is_failed(status.status)
