"""Importing a contact file, reading the answers: :class:`Importer` folds each part's upload answer and
verdict onto the file's ORIGINAL row numbers, journals each step, and writes the report."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from exotel_contacts.base.exceptions import (
    ExotelError,
    InvalidResponseError,
    OutcomeUnknownError,
    StoreUnavailableError,
    UploadTimeoutError,
)
from exotel_contacts.base.outcomes import (
    IMPORT_FATAL,
    MAY_HAVE_ACTED_ERRORS,
    is_failed,
    is_terminal,
    upload_outcome,
)
from exotel_contacts.core.polling import UploadProgress
from exotel_contacts.importing import Family, ImportReport, Part, SplitResult, write_error_csv
from exotel_contacts.importing.rowmap import PartRows
from exotel_contacts_api.models import CsvStatus, UploadErrors, UploadStatus

from .campaign_report import parse_timestamp
from .imports import (
    OUTCOME_UNKNOWN,
    UPLOAD_FAILED,
    ImportOptions,
    ImportProgress,
    ImportResult,
    PartResult,
    count_of,
    part_replay_safe,
    row_span,
)
from .journal import JOURNAL_ERRORS, JournalBase

__all__ = ["Importer"]


class Importer:
    """The bookkeeping of one import, shared by the sync and async drivers (thread-safe)."""

    def __init__(
        self,
        path: Path,
        family: Family,
        split: SplitResult,
        options: ImportOptions,
        release: Callable[[], None] = lambda: None,
        *,
        journal: JournalBase | None = None,
    ) -> None:
        self.split = split
        self.options = options
        self.journal = journal
        # Whether a part whose sending a crash cut off may be sent again (see ``resume``).
        self.replay_safe = part_replay_safe(options)
        self._steps = journal.latest() if journal is not None else {}
        # Called once the first part has its answer (accepted or not): until then the other parts
        # wait, so that bad credentials cost one request, not one per concurrent upload.
        self._release = release
        self.result = ImportResult(path, family, ImportReport.from_split(split))
        self.result.parts = [PartResult(p.index, p.rows, *row_span(p)) for p in split.parts]
        self._lock = threading.Lock()
        self._processed = [0] * len(split.parts)
        self._on_progress = options.on_progress
        self.list_sid: str | None = None
        """Campaign: the list the parts went into."""
        self.started: datetime | None = None
        """Campaign: when the first upload began (the server's ``date_created``)."""

    def part(self, part: Part) -> PartResult:
        """The result record of ``part``."""
        return self.result.parts[part.index - 1]

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
            with self._lock:
                self.result.aborted = self.result.aborted or error
            if step == "sending":
                raise

    def resume(self, part: Part) -> bool:
        """Take what the journal says of ``part``; True when nothing is left to do for it (guide
        "Importing", resuming after a crash)."""
        steps = self._steps.get(part.index)
        if not steps:
            return False
        record = self.part(part)
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
        if self.result.aborted is None:
            return False
        self.part_failed(part, self.result.aborted, sent=False)
        return True

    def uploaded(self, part: Part, upload_id: str, *, replayed: bool) -> None:
        """The part's upload was accepted (``replayed``: after a lost answer, see ``PartResult``)."""
        record = self.part(part)
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
        """No verdict for this part: each of its rows is reported UPLOAD_FAILED when the upload provably
        did nothing (a resumed run sends it again), else OUTCOME_UNKNOWN, final (guide "Importing")."""
        upload_id = self.part(part).upload_id
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
            record = self.part(part)
            record.error, record.error_type, record.exception = str(error), type(error).__name__, error
            if isinstance(error, (*IMPORT_FATAL, StoreUnavailableError)):
                # Every other part would get the same (StoreUnavailableError: the shared quota's
                # Redis stayed away past redis_outage).
                self.result.aborted = self.result.aborted or error
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
            self.part(part).status = status if isinstance(status, str) else "processing"
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
        if self.part(part).replayed:
            for error in listed:
                if error.get("error_code") == "DUPLICATE_ENTRY":
                    error["error_message"] = (
                        f"{error.get('error_message') or 'Duplicate'} (this part was sent twice after an "
                        "answer was lost: the contact may have been created by the first attempt)"
                    )
        counted = count_of(status.failed) + count_of(status.duplicates_skipped)
        with self._lock:
            self.part(part).status = _final(status.status)
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
        failed = count_of(getattr(stats, "failed", 0))
        duplicates = count_of(getattr(stats, "duplicate", 0))
        success = count_of(getattr(stats, "success", 0))
        with self._lock:
            self.part(part).status = _final(status.status)
            if is_failed(status.status):
                failed = max(failed, part.rows - success - duplicates)
            self.result.report.add_server_counts(failed=failed, duplicates=duplicates)
            self._processed[part.index - 1] = part.rows
        self.emit("processing")

    def campaign_uploaded(self, list_sid: str | None, started: object) -> None:
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
            if self.part(part).status == "completed" and self.part(part).error is None
        )

    def finish(self) -> ImportResult:
        errors_out = None if self.options.errors_out is None else Path(self.options.errors_out)
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
