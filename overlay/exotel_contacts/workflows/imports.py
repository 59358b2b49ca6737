"""Importing a contact file of any size: check it locally, split it into compliant parts, upload the
parts (at most five at a time), wait for the server, and report every failed row by its ORIGINAL row
number.

The local half (reading, checks, splitting, the report) lives in :mod:`exotel_contacts.importing`;
this module holds the bookkeeping (:class:`Importer`) that folds the server's verdicts back in. The
driver that sends the parts is :mod:`exotel_contacts.workflows._async.imports` and its generated sync twin.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from exotel_contacts.base.exceptions import (
    ExotelError,
    InvalidInputError,
    InvalidResponseError,
    OutcomeUnknownError,
    StoreUnavailableError,
    UploadTimeoutError,
)
from exotel_contacts.base.families import API_FAMILIES
from exotel_contacts.base.outcomes import (
    IMPORT_FATAL,
    MAY_HAVE_ACTED_ERRORS,
    is_failed,
    is_terminal,
    upload_outcome,
)
from exotel_contacts.core.local_paths import (
    check_input_file,
    check_output_file,
)
from exotel_contacts.core.polling import (
    UploadProgress,
    check_wait_timeout,
)
from exotel_contacts.importing import (
    Family,
    ImportReport,
    Part,
    RowFailure,
    SplitResult,
    split_file,
    write_error_csv,
)
from exotel_contacts.importing.rowmap import PartRows
from exotel_contacts.spec.operations import OPERATIONS
from exotel_contacts_api.models import (
    CsvStatus,
    UploadErrors,
    UploadStatus,
)

from .campaign_report import (
    ReconciliationResult,
    parse_timestamp,
)
from .failure_summary import (
    CodeSummary,
    summarize_by_code,
)
from .journal import (
    JOURNAL_ERRORS,
    JournalBase,
    file_identity,
)
from .options import (
    ImportKwargs,
    ImportOptions,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "ImportKwargs",
    "ImportOptions",
    "ImportProgress",
    "ImportResult",
    "Importer",
    "PartResult",
    "journal_plan",
    "part_replay_safe",
]

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


class Importer:
    """The bookkeeping of one import, shared by the sync and async drivers (thread-safe)."""

    def __init__(
        self,
        path: Path,
        family: Family,
        split: SplitResult,
        on_progress: Callable[[ImportProgress], None] | None,
        release: Callable[[], None] = lambda: None,
        *,
        journal: JournalBase | None = None,
        replay_safe: bool = True,
    ) -> None:
        self.split = split
        self.journal = journal
        # Whether a part whose sending a crash cut off may be sent again (see ``resume``).
        self.replay_safe = replay_safe
        self._steps = journal.latest() if journal is not None else {}
        # Called once the first part has its answer (accepted or not): until then the other parts
        # wait, so that bad credentials cost one request, not one per concurrent upload.
        self._release = release
        self.result = ImportResult(path, family, ImportReport.from_split(split))
        self.result.parts = [
            PartResult(p.index, p.rows, p.row_map[0] if p.rows else 0, p.row_map[-1] if p.rows else 0)
            for p in split.parts
        ]
        self._lock = threading.Lock()
        self._processed = [0] * len(split.parts)
        self._on_progress = on_progress
        self._fatal: ExotelError | None = None
        self.list_sid: str | None = None
        """Campaign: the list the parts went into."""
        self.started: datetime | None = None
        """Campaign: when the first upload began (the server's ``date_created``)."""

    # ---- progress ------------------------------------------------------------------------------
    def emit(self, stage: Literal["checked", "uploaded", "processing", "done"]) -> None:
        if self._on_progress is None:
            return
        with self._lock:
            parts = self.result.parts
            event = ImportProgress(
                stage=stage,
                parts=len(parts),
                parts_uploaded=sum(1 for p in parts if p.upload_id is not None or p.error is not None),
                parts_done=sum(1 for p in parts if is_terminal(p.status) or p.error),
                rows_checked=self.split.validation.total_rows,
                rows_sent=self.split.sent_rows,
                rows_processed=sum(self._processed),
            )
        self._on_progress(event)

    def watcher(self, part: Part) -> Callable[[UploadProgress], None]:
        """A polling callback that records the part's processed count."""

        def watch(progress: UploadProgress) -> None:
            processed = progress.processed
            if processed is not None:
                self._processed[part.index - 1] = processed
            self.emit("processing")

        return watch

    # ---- the journal -----------------------------------------------------------------------------
    def _record(self, step: str, part: Part, **fields: Any) -> None:
        """Write a step; when the journal cannot, no further part is sent and the result says why.

        Only ``sending`` raises (its part must not go out unrecorded); after any other step the
        import goes on with what it has, and a resume treats that part as cut off.
        """
        if self.journal is None:
            return
        try:
            self.journal.append(step, part.index, **fields)
        except JOURNAL_ERRORS as error:
            self._stop(error)
            if step == "sending":
                raise

    def _stop(self, error: ExotelError) -> None:
        with self._lock:
            if self._fatal is None:
                self._fatal = error
                self.result.aborted = error

    def resume(self, part: Part) -> bool:
        """Take what the journal says of ``part``; True when nothing is left to do for it.

        Finished parts are folded into the report as they were; an accepted part keeps its upload id
        (the driver waits for it instead of sending it); a part whose sending was cut off is sent again
        when that is safe (``skip``, ``update``, Campaign), else its rows are ``OUTCOME_UNKNOWN``.
        """
        steps = self._steps.get(part.index)
        if not steps:
            return False
        record = self.result.parts[part.index - 1]
        if "accepted" in steps:
            record.upload_id = str(steps["accepted"]["upload_id"])
            record.replayed = bool(steps["accepted"].get("replayed"))
        if "done" in steps:
            self._restore_done(part, steps["done"])
            return True
        if "failed" in steps:
            failed = steps["failed"]
            with self._lock:
                record.error, record.error_type = str(failed["error"]), str(failed["error_type"])
                self.result.report.add_part_failure(part, str(failed["code"]), str(failed["message"]))
            return True
        if record.upload_id is not None:
            return False
        if self.replay_safe:
            record.replayed = True  # its first sending may have reached the server
            return False
        self.part_failed(
            part,
            OutcomeUnknownError(
                f"the run that sent part {part.index} stopped before its answer was recorded, and "
                "sending it again could create its contacts twice"
            ),
        )
        return True

    def _restore_done(self, part: Part, done: Mapping[str, Any]) -> None:
        if self.result.family == "ccm":
            errors = done.get("errors")
            self.ccm_done(
                part,
                UploadStatus.from_dict(done["status"]),
                UploadErrors.from_dict(errors) if errors is not None else None,
                record=False,
            )
        else:
            self.campaign_done(part, CsvStatus.from_dict(done["status"]), record=False)

    def sending(self, part: Part) -> None:
        """The part's upload is about to be sent (recorded first: a crash from here on is "unknown")."""
        self._record("sending", part)

    # ---- verdicts ------------------------------------------------------------------------------
    def skip_if_aborted(self, part: Part) -> bool:
        """After a fatal error no further part is sent; its rows are reported as not imported."""
        if self._fatal is None:
            return False
        self.part_failed(part, self._fatal, sent=False)
        return True

    def uploaded(self, part: Part, upload_id: str, *, replayed: bool) -> None:
        """The part's upload was accepted (``replayed``: after a lost answer, see ``PartResult``)."""
        record = self.result.parts[part.index - 1]
        record.upload_id = upload_id
        record.replayed = replayed or record.replayed
        self._record("accepted", part, upload_id=upload_id, replayed=record.replayed)
        self.answered(part)
        self.emit("uploaded")

    def answered(self, part: Part) -> None:
        """The first part's upload got an answer: let the others go (idempotent)."""
        if part.index == 1:
            self._release()

    def part_failed(self, part: Part, error: ExotelError, *, sent: bool = True) -> None:
        """No verdict for this part: each of its rows is reported, never silently dropped.

        UPLOAD_FAILED only when the upload provably did nothing; when it was accepted (it has an upload
        id) and the verdict could not be read, or the request was sent and its answer lost, the rows
        are OUTCOME_UNKNOWN: they may well be in the account. The journal keeps OUTCOME_UNKNOWN as
        final; a part that provably did nothing (or was not ``sent``) is sent again by a resumed run.
        """
        upload_id = self.result.parts[part.index - 1].upload_id
        unknown = (
            upload_id is not None
            # An answer that could not be read (too large, too deep, absurd numbers) is still an answer:
            # the server got the upload and may have accepted it.
            or isinstance(error, OutcomeUnknownError | InvalidResponseError)
            or isinstance(error.__cause__, MAY_HAVE_ACTED_ERRORS)
        )
        code = OUTCOME_UNKNOWN if unknown else UPLOAD_FAILED
        if upload_id is not None:
            message = (
                f"part {part.index} was accepted as upload {upload_id} but its verdict could not be read "
                f"({error.message}); check that upload's status and errors before sending these rows again"
            )
        elif unknown:
            message = (
                f"part {part.index} may or may not have been imported ({error.message}); check the account "
                "before sending these rows again"
            )
        else:
            message = f"part {part.index} was not imported: {error.message}"
        with self._lock:
            record = self.result.parts[part.index - 1]
            record.error, record.error_type, record.exception = str(error), type(error).__name__, error
            if isinstance(error, (*IMPORT_FATAL, StoreUnavailableError)) and self._fatal is None:
                # Every other part would get the same (StoreUnavailableError: the shared quota's
                # Redis stayed away past redis_outage).
                self._fatal = error
                self.result.aborted = error
            self.result.report.add_part_failure(part, code, message)
        if code == OUTCOME_UNKNOWN:
            self._record(
                "failed", part, code=code, message=message, error=str(error), error_type=type(error).__name__
            )
        elif sent:
            self._record("not_sent", part)
        self.answered(part)
        self.emit("processing")

    def timed_out(self, part: Part, error: UploadTimeoutError) -> None:
        """Still processing at the deadline: its rows stay pending (the upload id says where to look)."""
        with self._lock:
            status = getattr(error.status, "status", None)
            self.result.parts[part.index - 1].status = status if isinstance(status, str) else "processing"
        self.emit("processing")

    def ccm_done(
        self, part: Part, status: UploadStatus, errors: UploadErrors | None, *, record: bool = True
    ) -> None:
        """Fold a finished CCM part's status and error rows into the report (and the journal)."""
        if record:
            self._record(
                "done", part, status=status.to_dict(), errors=errors.to_dict() if errors is not None else None
            )
        listed = [e.to_dict() for e in errors.errors] if errors is not None else []
        if self.result.parts[part.index - 1].replayed:
            for error in listed:
                if error.get("error_code") == "DUPLICATE_ENTRY":
                    error["error_message"] = (
                        f"{error.get('error_message') or 'Duplicate'} (this part was sent twice after an "
                        "answer was lost: the contact may have been created by the first attempt)"
                    )
        counted = _int(status.failed) + _int(status.duplicates_skipped)
        with self._lock:
            self.result.parts[part.index - 1].status = _final(status.status)
            report = self.result.report
            report.add_server_failures(part, listed)
            if is_failed(status.status):
                judged = {int(str(e["row_number"])) for e in listed}
                report.add_rows_failure(
                    part,
                    [row for row in range(1, part.rows + 1) if row not in judged],
                    UPLOAD_FAILED,
                    f"the upload of part {part.index} failed on the server",
                )
            elif counted > len(listed):
                report.add_server_counts(failed=counted - len(listed))
            self._processed[part.index - 1] = part.rows
        self.emit("processing")

    def campaign_done(self, part: Part, status: CsvStatus, *, record: bool = True) -> None:
        """Fold a finished Campaign part's stats (counts only: Campaign names no rows) into the report."""
        if record:
            self._record("done", part, status=status.to_dict())
        stats = status.stats
        failed = _int(getattr(stats, "failed", 0))
        duplicates = _int(getattr(stats, "duplicate", 0))
        success = _int(getattr(stats, "success", 0))
        with self._lock:
            self.result.parts[part.index - 1].status = _final(status.status)
            if is_failed(status.status):
                failed = max(failed, part.rows - success - duplicates)
            self.result.report.add_server_counts(failed=failed, duplicates=duplicates)
            self._processed[part.index - 1] = part.rows
        self.emit("processing")

    def campaign_uploaded(self, list_sid: str | None, started: str | None) -> None:
        """Remember the Campaign list and the earliest upload time, for the reconciliation."""
        with self._lock:
            self.list_sid = self.list_sid or list_sid
            stamp = parse_timestamp(started)
            if stamp is not None and (self.started is None or stamp < self.started):
                self.started = stamp

    def reconcilable_rows(self) -> PartRows:
        """Original row numbers of the parts the server finished (``completed``), as a container."""
        return PartRows(
            part.row_map
            for part in self.split.parts
            if self.result.parts[part.index - 1].status == "completed"
            and self.result.parts[part.index - 1].error is None
        )

    def finish(self, errors_out: Path | None) -> ImportResult:
        if errors_out is not None:
            try:
                write_error_csv(self.result.report, errors_out)
            except OSError as exc:
                # Checked before sending, yet it failed now (disk full, folder removed): the import
                # happened, so its result is returned whole and the failure is named in it.
                self.result.problems.append(
                    f"could not write the error CSV {str(errors_out)!r} "
                    f"({exc.strerror or type(exc).__name__}); the failed rows are in this result"
                )
            else:
                self.result.error_file = errors_out
        self.emit("done")
        return self.result


def _final(status: object) -> str:
    """A finished part's status as recorded: ``completed``/``failed`` whatever its case and spaces."""
    outcome = upload_outcome(status)
    return outcome if outcome is not None else str(status)


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def prepare(path: str | Path, options: ImportOptions, work_dir: Path) -> tuple[Path, Family, SplitResult]:
    """Check the options and the file, then check and split the file into ``work_dir``."""
    check_target(options.family, options.list_name)
    if options.family not in API_FAMILIES:
        raise InvalidInputError(f"family must be 'ccm' or 'campaign', not {options.family!r}")
    if options.type not in ("static", "dynamic"):
        raise InvalidInputError(f"type must be 'static' or 'dynamic', not {options.type!r}")
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
        on_rows=None if on_progress is None else lambda rows: on_progress(_checking(rows)),
    )
    return source, options.family, split


def journal_plan(source: Path, options: ImportOptions, split: SplitResult) -> dict[str, Any]:
    """What a journal checks before it is resumed: the file, the options that shape the parts, the parts."""
    return {
        "file": file_identity(source),
        "options": {
            "family": options.family,
            "list_id": options.list_id,
            "duplicate_action": options.duplicate_action,
            "list_name": options.list_name,
            "type": options.type,
            "strict": options.strict,
            "default_region": options.default_region,
            "send_invalid": options.send_invalid,
            "detect_duplicates": options.detect_duplicates,
            "limits": repr(options.limits),
        },
        "parts": [
            [p.index, p.rows, p.row_map[0] if p.rows else 0, p.row_map[-1] if p.rows else 0]
            for p in split.parts
        ],
    }


def part_replay_safe(options: ImportOptions) -> bool:
    """Whether a part may be sent again without creating its contacts twice (openapi.yaml's rule)."""
    if options.family == "campaign":
        return OPERATIONS["csvUploadContacts"].safe_to_replay({})
    return OPERATIONS["uploadContacts"].safe_to_replay({"duplicate_action": options.duplicate_action})


def has_error_rows(status: UploadStatus) -> bool:
    """Whether a finished CCM upload has rows to read from its error report."""
    return bool(_int(status.failed) + _int(status.duplicates_skipped)) or is_failed(status.status)


def _checking(rows: int) -> ImportProgress:
    return ImportProgress("checking", 0, 0, 0, rows, 0, 0)


def check_target(family: str, list_name: str | None) -> None:
    """A Campaign import needs the list's name before anything is read."""
    if family == "campaign" and not list_name:
        raise InvalidInputError("a Campaign import needs list_name: the list the contacts go into")
