"""Importing a contact file of any size: check it locally, split it into compliant parts, upload the
parts (at most five at a time), wait for the server, and report every failed row by its ORIGINAL row
number.

The local half (reading, checks, splitting, the report) lives in :mod:`exotel_contacts.importing`;
this module sends the parts through a client and folds the server's verdicts back in. The sync and
async drivers share everything but the sending: :class:`_Importer` holds the bookkeeping.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import tempfile
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import httpx

from ._exceptions import (
    AuthenticationError,
    ConfigurationError,
    ExotelError,
    InvalidInputError,
    OutcomeUnknownError,
    PermissionDeniedError,
    UploadTimeoutError,
)
from ._operations import first_wait
from ._polling import UploadProgress
from ._retry import last_attempts
from .importing import (
    Family,
    ImportReport,
    Limits,
    Part,
    RowFailure,
    SplitResult,
    split_file,
    write_error_csv,
)

if TYPE_CHECKING:
    from exotel_contacts_api.models import CsvStatus, UploadErrors, UploadStatus

    from ._async_client import AsyncClient
    from ._client import Client

__all__ = ["ImportProgress", "ImportResult", "PartResult", "aimport_contacts", "import_contacts"]

#: Row codes this client adds for rows whose part never got a verdict (not Exotel codes).
UPLOAD_FAILED = "UPLOAD_FAILED"
OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN"
#: Errors that no other part would escape either: stop sending instead of failing part after part.
_FATAL = (AuthenticationError, PermissionDeniedError, ConfigurationError)
#: Transport failures after the request was sent: it may have taken effect (even when it was marked
#: replay-safe and the replays ran out or were not attempted).
_SENT_NO_ANSWER = (
    httpx.ReadTimeout,
    httpx.WriteTimeout,
    httpx.RemoteProtocolError,
    httpx.ReadError,
    httpx.WriteError,
)


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
    replayed: bool = False
    """The upload was sent again after an answer was lost; its duplicates may be its own first attempt's."""

    @property
    def confirmed(self) -> bool:
        """Whether the server finished judging this part's rows."""
        return self.status in {"completed", "failed"} and self.error is None


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

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able summary (failures included)."""
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
            "parts": [vars(part) for part in self.parts],
            "failures": [failure._asdict() for failure in self.failures()],
        }


class _Importer:
    """The bookkeeping of one import, shared by the sync and async drivers (thread-safe)."""

    def __init__(
        self,
        path: Path,
        family: Family,
        split: SplitResult,
        on_progress: Callable[[ImportProgress], None] | None,
        release: Callable[[], None] = lambda: None,
    ) -> None:
        self.split = split
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
                parts_done=sum(1 for p in parts if p.status in {"completed", "failed"} or p.error),
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

    # ---- verdicts ------------------------------------------------------------------------------
    def skip_if_aborted(self, part: Part) -> bool:
        """After a fatal error no further part is sent; its rows are reported as not imported."""
        if self._fatal is None:
            return False
        self.part_failed(part, self._fatal)
        return True

    def uploaded(self, part: Part, upload_id: str) -> None:
        record = self.result.parts[part.index - 1]
        record.upload_id = upload_id
        # Read right after the upload, in the thread or task that sent it.
        record.replayed = last_attempts() > 1
        self.answered(part)
        self.emit("uploaded")

    def answered(self, part: Part) -> None:
        """The first part's upload got an answer: let the others go (idempotent)."""
        if part.index == 1:
            self._release()

    def part_failed(self, part: Part, error: ExotelError) -> None:
        """No verdict for this part: each of its rows is reported, never silently dropped.

        UPLOAD_FAILED only when the upload provably did nothing; when it was accepted (it has an upload
        id) and the verdict could not be read, or the request was sent and its answer lost, the rows
        are OUTCOME_UNKNOWN: they may well be in the account.
        """
        upload_id = self.result.parts[part.index - 1].upload_id
        unknown = (
            upload_id is not None
            or isinstance(error, OutcomeUnknownError)
            or isinstance(error.__cause__, _SENT_NO_ANSWER)
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
            record.error, record.error_type = str(error), type(error).__name__
            if isinstance(error, _FATAL) and self._fatal is None:
                self._fatal = error
                self.result.aborted = error
            self.result.report.add_part_failure(part, code, message)
        self.answered(part)
        self.emit("processing")

    def timed_out(self, part: Part, error: UploadTimeoutError) -> None:
        """Still processing at the deadline: its rows stay pending (the upload id says where to look)."""
        with self._lock:
            status = getattr(error.status, "status", None)
            self.result.parts[part.index - 1].status = status if isinstance(status, str) else "processing"
        self.emit("processing")

    def ccm_done(self, part: Part, status: UploadStatus, errors: UploadErrors | None) -> None:
        """Fold a finished CCM part's status and error rows into the report."""
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
            self.result.parts[part.index - 1].status = status.status
            report = self.result.report
            report.add_server_failures(part, listed)
            if status.status == "failed":
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

    def campaign_done(self, part: Part, status: CsvStatus) -> None:
        """Fold a finished Campaign part's stats (counts only: Campaign names no rows) into the report."""
        stats = status.stats
        failed = _int(getattr(stats, "failed", 0))
        duplicates = _int(getattr(stats, "duplicate", 0))
        success = _int(getattr(stats, "success", 0))
        with self._lock:
            self.result.parts[part.index - 1].status = status.status
            if status.status == "failed":
                failed = max(failed, part.rows - success - duplicates)
            self.result.report.add_server_counts(failed=failed, duplicates=duplicates)
            self._processed[part.index - 1] = part.rows
        self.emit("processing")

    def finish(self, errors_out: Path | None) -> ImportResult:
        if errors_out is not None:
            write_error_csv(self.result.report, errors_out)
            self.result.error_file = errors_out
        self.emit("done")
        return self.result


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _prepare(
    path: str | Path,
    family: str,
    work_dir: Path,
    *,
    limits: Limits | None,
    list_type: str,
    send_invalid: bool,
    strict: bool,
    default_region: str | None,
    detect_duplicates: bool = True,
    on_progress: Callable[[ImportProgress], None] | None = None,
) -> tuple[Path, Family, SplitResult]:
    if family not in ("ccm", "campaign"):
        raise InvalidInputError(f"family must be 'ccm' or 'campaign', not {family!r}")
    if list_type not in ("static", "dynamic"):
        raise InvalidInputError(f"type must be 'static' or 'dynamic', not {list_type!r}")
    source = Path(path)
    if not source.is_file():
        raise InvalidInputError(f"{source}: no such file; give the path of a CSV contact file")
    split = split_file(
        source,
        family=family,  # type: ignore[arg-type]
        out_dir=work_dir,
        limits=limits,
        list_type=list_type,  # type: ignore[arg-type]
        send_invalid=send_invalid,
        strict=strict,
        default_region=default_region,
        detect_duplicates=detect_duplicates,
        on_rows=None if on_progress is None else lambda rows: on_progress(_checking(rows)),
    )
    return source, family, split  # type: ignore[return-value]


def _has_error_rows(status: UploadStatus) -> bool:
    """Whether a finished CCM upload has rows to read from its error report."""
    return bool(_int(status.failed) + _int(status.duplicates_skipped)) or status.status == "failed"


def _checking(rows: int) -> ImportProgress:
    return ImportProgress("checking", 0, 0, 0, rows, 0, 0)


def _check_target(family: Family, list_name: str | None) -> None:
    if family == "campaign" and not list_name:
        raise InvalidInputError("a Campaign import needs list_name: the list the contacts go into")


def import_contacts(
    client: Client,
    path: str | Path,
    *,
    family: str = "ccm",
    list_id: str | None = None,
    duplicate_action: str = "skip",
    list_name: str | None = None,
    type: str = "static",
    strict: bool = False,
    default_region: str | None = None,
    send_invalid: bool = False,
    detect_duplicates: bool = True,
    wait: bool = True,
    timeout: float | None = 3600.0,
    errors_out: str | Path | None = None,
    limits: Limits | None = None,
    on_progress: Callable[[ImportProgress], None] | None = None,
) -> ImportResult:
    """See :meth:`exotel_contacts.Client.import_contacts`."""
    _check_target(family, list_name)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory(prefix="exotel-import-") as tmp:
        source, fam, split = _prepare(
            path,
            family,
            Path(tmp),
            limits=limits,
            list_type=type,
            send_invalid=send_invalid,
            strict=strict,
            default_region=default_region,
            detect_duplicates=detect_duplicates,
            on_progress=on_progress,
        )
        first_answer = threading.Event()
        job = _Importer(source, fam, split, on_progress, first_answer.set)
        job.emit("checked")

        def run(part: Part) -> None:
            if part.index > 1:
                first_answer.wait()
            if job.skip_if_aborted(part):
                return
            try:
                if fam == "ccm":
                    accepted = client.upload_contacts(
                        part.path, list_id=list_id, duplicate_action=duplicate_action
                    )
                    job.uploaded(part, accepted.upload_id)
                    if not wait:
                        return
                    status = client.wait_for_upload(
                        accepted.upload_id,
                        timeout=timeout,
                        first_wait=first_wait(accepted),
                        on_progress=job.watcher(part),
                        raise_on_failure=False,
                    )
                    errors = client.get_upload_errors(accepted.upload_id) if _has_error_rows(status) else None
                    job.ccm_done(part, status, errors)
                else:
                    data = client.csv_upload(part.path, list_name=list_name or "", type=type)
                    job.uploaded(part, data.summary.upload_id)
                    if wait:
                        job.campaign_done(
                            part,
                            client.wait_for_csv_upload(
                                data.summary.upload_id,
                                timeout=timeout,
                                on_progress=job.watcher(part),
                                raise_on_failure=False,
                            ),
                        )
            except UploadTimeoutError as error:
                job.timed_out(part, error)
            except ExotelError as error:
                job.part_failed(part, error)
            finally:
                job.answered(part)

        workers = max(1, min(client._max_concurrent_uploads, len(split.parts)))
        with concurrent.futures.ThreadPoolExecutor(workers, thread_name_prefix="exotel-import") as pool:
            for future in [pool.submit(run, part) for part in split.parts]:
                future.result()
        return job.finish(Path(errors_out) if errors_out is not None else None)


async def aimport_contacts(
    client: AsyncClient,
    path: str | Path,
    *,
    family: str = "ccm",
    list_id: str | None = None,
    duplicate_action: str = "skip",
    list_name: str | None = None,
    type: str = "static",
    strict: bool = False,
    default_region: str | None = None,
    send_invalid: bool = False,
    detect_duplicates: bool = True,
    wait: bool = True,
    timeout: float | None = 3600.0,
    errors_out: str | Path | None = None,
    limits: Limits | None = None,
    on_progress: Callable[[ImportProgress], None] | None = None,
) -> ImportResult:
    """See :meth:`exotel_contacts.AsyncClient.import_contacts`."""
    _check_target(family, list_name)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory(prefix="exotel-import-") as tmp:
        # Reading and splitting is CPU and disk work: keep it off the event loop.
        source, fam, split = await asyncio.to_thread(
            _prepare,
            path,
            family,
            Path(tmp),
            limits=limits,
            list_type=type,
            send_invalid=send_invalid,
            strict=strict,
            default_region=default_region,
            detect_duplicates=detect_duplicates,
            on_progress=on_progress,
        )
        first_answer = asyncio.Event()
        job = _Importer(source, fam, split, on_progress, first_answer.set)
        job.emit("checked")
        slots = asyncio.Semaphore(max(1, client._max_concurrent_uploads))

        async def guarded(part: Part, send: Callable[[Part], Awaitable[None]]) -> None:
            if part.index > 1:
                await first_answer.wait()
            async with slots:
                if job.skip_if_aborted(part):
                    return
                try:
                    await send(part)
                except UploadTimeoutError as error:
                    job.timed_out(part, error)
                except ExotelError as error:
                    job.part_failed(part, error)
                finally:
                    job.answered(part)

        async def send_ccm(part: Part) -> None:
            accepted = await client.upload_contacts(
                part.path, list_id=list_id, duplicate_action=duplicate_action
            )
            job.uploaded(part, accepted.upload_id)
            if not wait:
                return
            status = await client.wait_for_upload(
                accepted.upload_id,
                timeout=timeout,
                first_wait=first_wait(accepted),
                on_progress=job.watcher(part),
                raise_on_failure=False,
            )
            errors = await client.get_upload_errors(accepted.upload_id) if _has_error_rows(status) else None
            job.ccm_done(part, status, errors)

        async def send_campaign(part: Part) -> None:
            data = await client.csv_upload(part.path, list_name=list_name or "", type=type)
            job.uploaded(part, data.summary.upload_id)
            if wait:
                status = await client.wait_for_csv_upload(
                    data.summary.upload_id,
                    timeout=timeout,
                    on_progress=job.watcher(part),
                    raise_on_failure=False,
                )
                job.campaign_done(part, status)

        send = send_ccm if fam == "ccm" else send_campaign
        await asyncio.gather(*(guarded(part, send) for part in split.parts))
        return job.finish(Path(errors_out) if errors_out is not None else None)
