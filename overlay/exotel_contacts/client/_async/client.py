"""The Exotel contacts client: every operation of both API families, configured once."""

from __future__ import annotations

import os
from collections.abc import AsyncIterable, Awaitable, Callable, Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar, Unpack

import httpx

from exotel_contacts.base._async._primitives import sleep
from exotel_contacts.base.exceptions import ErrorFileExpiredError, NotFoundError, UploadFailedError
from exotel_contacts.base.families import Family
from exotel_contacts.base.outcomes import is_failed
from exotel_contacts.base.rates import RATE_CLASS
from exotel_contacts.core import otel as _otel
from exotel_contacts.core import raw as _raw
from exotel_contacts.core._async.download import adownload
from exotel_contacts.core._async.network import network_transport
from exotel_contacts.core._async.polling import apoll_upload
from exotel_contacts.core._async.transport import AsyncRetryTransport
from exotel_contacts.core.base_client import (
    DEFAULT_WAIT_TIMEOUT,
    BaseClient,
    Destination,
    Sent,
    ccm_failure,
    csv_failure,
)
from exotel_contacts.core.download import Spool
from exotel_contacts.core.files import FileInput, open_upload
from exotel_contacts.core.local_paths import check_output_file
from exotel_contacts.core.polling import UploadProgress
from exotel_contacts.core.response import error_from_transport
from exotel_contacts.core.retry import ATTEMPTS, REPLAY_SAFE
from exotel_contacts.operations import answers, inputs
from exotel_contacts.operations import spec_requests as requests
from exotel_contacts.operations.answers import MAX_CONTACTS_PER_REQUEST
from exotel_contacts.operations.operation import Operation
from exotel_contacts.quota._async.limiter import AsyncQuota
from exotel_contacts.workflows import bulk as _bulk
from exotel_contacts.workflows._async import bulk
from exotel_contacts.workflows.journal_spec import JournalInput
from exotel_contacts_api.models import (
    ContactCreate,
    CsvStatus,
    CsvUploadData,
    CsvUploadRequest,
    DuplicateAction,
    ListType,
    UploadAccepted,
    UploadContactsRequest,
    UploadErrors,
    UploadStatus,
)
from exotel_contacts_api.types import UNSET, File

from .directory import AsyncDirectory
from .operations import AsyncOperationGroups

if TYPE_CHECKING:
    from exotel_contacts.core.base_client import ClientOptions
    from exotel_contacts.workflows.imports import ImportResult
    from exotel_contacts.workflows.options import ImportKwargs

__all__ = ["AsyncClient"]

T = TypeVar("T")
S = TypeVar("S")
ProgressCallback = Callable[[UploadProgress], Any]


class AsyncClient(AsyncDirectory, AsyncOperationGroups, BaseClient):
    """Exotel contacts client; safe to share between tasks of one event loop.

    Configure with keyword arguments, else ``EXOTEL_*`` environment variables, else defaults (see
    :class:`~exotel_contacts.ClientConfig`). ``proxy``, ``verify``, ``cert`` and ``trust_env`` say how
    requests leave (see :class:`~exotel_contacts.NetworkSettings`: environment proxies are honoured as
    httpx honours them). ``transport`` replaces the innermost httpx transport (tests); retries and the
    rate limit wrap it. Use as an async context manager, or await :meth:`close`.
    """

    def __init__(
        self, *, transport: httpx.AsyncBaseTransport | None = None, **options: Unpack[ClientOptions]
    ) -> None:
        super().__init__(**options)
        # The innermost transport: the given one, else the pools the network settings call for.
        self._inner = transport if transport is not None else network_transport(self._network)
        self._quota = AsyncQuota(
            self._config.account_sid,
            rates=self._rates,
            redis_url=self._redis_url,
            max_uploads=self._max_concurrent_uploads,
            outage=self._redis_outage,
        )
        self._limiter = self._quota.limiter
        self._upload_slots = self._quota.uploads
        self._sleep: Callable[[float], Awaitable[Any]] = sleep
        self._wire()

    def _wire(self) -> None:
        # The retrying transports and httpx clients over the shared pool (again for each with_options).
        def retrying(api: Family | None) -> AsyncRetryTransport:
            if api is None:
                return AsyncRetryTransport(self._inner, policy=self._retry_policy, bounds=self._bounds)
            return AsyncRetryTransport(
                self._inner, policy=self._retry_policy, limiter=self._limiter, bounds=self._bounds, api=api
            )

        self._ccm = self._generated("ccm", retrying("ccm"))
        self._campaign = self._generated("campaign", retrying("campaign"))
        self._clients = {
            "ccm": self._ccm.get_async_httpx_client(),
            "campaign": self._campaign.get_async_httpx_client(),
        }
        self._files_http = httpx.AsyncClient(transport=retrying(None), **self._files_client_kwargs())

    # ---- plumbing (also the hooks for methods built on top) -------------------------------------

    def _http(self, family: Family) -> httpx.AsyncClient:
        return self._clients[family]

    async def _send(self, operation: Operation[T]) -> T:
        """Send ``operation`` (taking an upload slot when it is an upload) and parse its answer."""
        sent = await self._send_counted(operation)
        return sent.value

    async def _send_counted(self, operation: Operation[T]) -> Sent[T]:
        """As :meth:`_send`, with the number of attempts the answer took."""
        if operation.upload:
            async with self._upload_slots.hold():
                response = await self._request(operation)
        else:
            response = await self._request(operation)
        attempts = int(response.extensions.get(ATTEMPTS, 1))
        value = operation.parse(response, self._config.redact)
        _raw.remember(value, response, self._config.redact)
        _raw.answered(response, attempts)
        return Sent(value, attempts)

    async def _request(self, operation: Operation[Any]) -> httpx.Response:
        request = dict(operation.request)
        extensions = {**request.pop("extensions", {}), REPLAY_SAFE: operation.replay_safe}
        if operation.rate_class is not None:
            extensions[RATE_CLASS] = operation.rate_class
        _raw.sending()
        try:
            response = await self._http(operation.family).request(**request, extensions=extensions)
        except httpx.HTTPError as exc:
            raise error_from_transport(exc, redact=self._config.redact) from exc
        return response

    async def _poll(
        self,
        fetch: Callable[[], Awaitable[S]],
        progress_of: Callable[[S, float], UploadProgress],
        upload_id: str,
        *,
        timeout: float | None,
        first_wait: float,
        on_progress: ProgressCallback | None,
    ) -> S:
        """Poll one upload on this client's schedule, sleep and clock."""
        return await apoll_upload(
            fetch,
            progress_of,
            upload_id=upload_id,
            first_wait=first_wait,
            timeout=timeout,
            schedule=self._poll_schedule,
            on_progress=on_progress,
            sleep=self._sleep,
            clock=self._clock,
        )

    async def close(self) -> None:
        """Close connections and stop the rate limiter's background task (not on a ``with_options`` copy)."""
        if not self._owns_pool:
            return
        for http in self._clients.values():
            await http.aclose()
        await self._files_http.aclose()
        await self._quota.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    # ---- CCM ------------------------------------------------------------------------------------

    async def upload_contacts(
        self,
        file: FileInput,
        *,
        list_id: str | None = None,
        duplicate_action: str | DuplicateAction = "skip",
    ) -> UploadAccepted:
        """Upload a CCM contact CSV (at most 10 MB, 50,000 rows); returns the accepted upload.

        At most ``max_concurrent_uploads`` (5) uploads of this client are in flight; others wait.
        Replayed on transient failures unless ``duplicate_action="create_new"``, whose unknown
        outcomes raise :class:`~exotel_contacts.OutcomeUnknownError` instead.
        """
        sent = await self._upload_contacts(file, list_id=list_id, duplicate_action=duplicate_action)
        return sent.value

    async def _upload_contacts(
        self, file: FileInput, *, list_id: str | None, duplicate_action: str | DuplicateAction
    ) -> Sent[UploadAccepted]:
        with open_upload(file) as (name, stream):
            body = UploadContactsRequest(
                file=File(payload=stream, file_name=name, mime_type="text/csv"),
                list_id=list_id if list_id is not None else UNSET,
                duplicate_action=inputs.duplicate_action(duplicate_action),
            )
            operation = requests.upload_contacts(self._config.account_sid, body=body)
            return await self._send_counted(operation.then(answers.accepted_upload))

    async def download_error_file(self, upload_id: str, dest: Destination) -> bool:
        """Write the upload's error CSV to ``dest``; ``False`` when the upload has no error file.

        The pre-signed ``error_file_url`` is fetched as given, without credentials. The file streams
        to a temporary file (beside ``dest`` when it is a path) and reaches ``dest`` only complete, so
        ``dest`` never holds part of a file; a replayed download starts again from the first byte.
        Raises :class:`~exotel_contacts.ErrorFileExpiredError` when the file has expired,
        :class:`~exotel_contacts.InvalidResponseError` for an unusable URL or a file over
        ``max_download_bytes``.
        """
        if isinstance(dest, str | os.PathLike):
            check_output_file(dest, what="download destination")
        url = self._error_file_url((await self.get_upload_errors(upload_id)).error_file_url)
        if url is None:
            return False
        with Spool(dest) as spool:
            await adownload(
                self._files_http,
                url,
                spool,
                policy=self._retry_policy,
                bounds=self._bounds,
                redact=self._config.redact,
            )
            spool.commit()
        return True

    async def wait_for_upload(
        self,
        upload_id: str,
        *,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        first_wait: float = 0.0,
        on_progress: ProgressCallback | None = None,
        raise_on_failure: bool = True,
    ) -> UploadStatus:
        """Poll a CCM upload until ``completed`` or ``failed``; return its final status.

        Raises :class:`~exotel_contacts.UploadFailedError` (with the error report) when it failed and
        ``raise_on_failure``, :class:`~exotel_contacts.UploadTimeoutError` after ``timeout`` seconds.
        """
        status = await self._poll(
            lambda: self.get_upload_status(upload_id),
            answers.upload_progress,
            upload_id,
            timeout=timeout,
            first_wait=first_wait,
            on_progress=on_progress,
        )
        if raise_on_failure and is_failed(status.status):
            raise await self._upload_failed(status)
        return status

    async def upload_and_wait(
        self,
        file: FileInput,
        *,
        list_id: str | None = None,
        duplicate_action: str | DuplicateAction = "skip",
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        on_progress: ProgressCallback | None = None,
        raise_on_failure: bool = True,
    ) -> UploadStatus:
        """:meth:`upload_contacts`, then :meth:`wait_for_upload` (first look after the estimate)."""
        accepted = await self.upload_contacts(file, list_id=list_id, duplicate_action=duplicate_action)
        return await self.wait_for_upload(
            accepted.upload_id,
            timeout=timeout,
            first_wait=answers.first_wait(accepted),
            on_progress=on_progress,
            raise_on_failure=raise_on_failure,
        )

    async def _upload_failed(self, status: UploadStatus) -> UploadFailedError:
        errors: UploadErrors | None
        try:
            errors = await self.get_upload_errors(status.upload_id)
        except (NotFoundError, ErrorFileExpiredError):
            errors = None
        return ccm_failure(status, errors)

    # ---- Campaign -------------------------------------------------------------------------------

    async def csv_upload(
        self, file: FileInput, *, list_name: str, type: str | ListType = "static"
    ) -> CsvUploadData:
        """Add a CSV's contacts to the list ``list_name`` (created if new); returns the list and summary."""
        sent = await self._csv_upload(file, list_name=list_name, type=type)
        return sent.value

    async def _csv_upload(
        self, file: FileInput, *, list_name: str, type: str | ListType
    ) -> Sent[CsvUploadData]:
        with open_upload(file) as (name, stream):
            body = CsvUploadRequest(
                list_name=inputs.list_name(list_name),
                file_name=File(payload=stream, file_name=name, mime_type="text/csv"),
                type_=inputs.list_type(type),
            )
            operation = requests.csv_upload_contacts(self._config.account_sid, body=body)
            return await self._send_counted(operation.then(answers.csv_upload_data))

    async def wait_for_csv_upload(
        self,
        upload_id: str,
        *,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        first_wait: float = 0.0,
        on_progress: ProgressCallback | None = None,
        raise_on_failure: bool = True,
    ) -> CsvStatus:
        """Poll a Campaign CSV upload until ``completed`` or ``failed``; return its final status."""
        status = await self._poll(
            lambda: self.get_csv_status(upload_id),
            answers.csv_progress,
            upload_id,
            timeout=timeout,
            first_wait=first_wait,
            on_progress=on_progress,
        )
        if raise_on_failure and is_failed(status.status):
            raise csv_failure(status)
        return status

    async def csv_upload_and_wait(
        self,
        file: FileInput,
        *,
        list_name: str,
        type: str | ListType = "static",
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        on_progress: ProgressCallback | None = None,
        raise_on_failure: bool = True,
    ) -> CsvStatus:
        """:meth:`csv_upload`, then :meth:`wait_for_csv_upload`."""
        data = await self.csv_upload(file, list_name=list_name, type=type)
        return await self.wait_for_csv_upload(
            data.summary.upload_id,
            timeout=timeout,
            on_progress=on_progress,
            raise_on_failure=raise_on_failure,
        )

    async def create_contacts_bulk(
        self,
        contacts: Iterable[ContactCreate | Mapping[str, Any]]
        | AsyncIterable[ContactCreate | Mapping[str, Any]],
        *,
        chunk_size: int = MAX_CONTACTS_PER_REQUEST,
        concurrency: int = _bulk.DEFAULT_BULK_CONCURRENCY,
        on_progress: Callable[[_bulk.BulkProgress], Any] | None = None,
        journal: JournalInput | None = None,
        journal_source: Mapping[str, object] | None = None,
    ) -> _bulk.BulkCreateResult:
        """Create any number of contacts: chunks of ``chunk_size`` (at most 5000), ``concurrency`` at once.

        ``contacts`` (dicts or ``ContactCreate``, iterable or async iterable) is read lazily. Every input
        contact ends created, failed, already existed or unknown in the returned
        :class:`~exotel_contacts.BulkCreateResult`, by input position; a 401/402/403/404 raises
        :class:`~exotel_contacts.BulkAbortedError` with the partial result. ``journal=`` makes the job
        resumable, ``journal_source`` is checked against it too (docs/guides/bulk-create.md).
        """
        with _otel.job_span("bulk_create", chunk_size=chunk_size, concurrency=concurrency) as span:
            result = await bulk.acreate_contacts_bulk(
                self,
                contacts,
                chunk_size=chunk_size,
                concurrency=concurrency,
                on_progress=on_progress,
                journal=journal,
                journal_source=journal_source,
            )
            _otel.report_bulk(span, result)
        return result

    async def import_contacts(self, path: str | Path, **options: Unpack[ImportKwargs]) -> ImportResult:
        """Import a contact file of any size into CCM (``family="ccm"``) or a Campaign list.

        The file is checked locally; the rows that pass are split within the family's limits, uploaded at
        most five parts at a time and, with ``wait``, waited for. The result has the totals and every
        failed row by its original row number; ``journal=`` makes the import resumable. What each option
        does, and how a resumed import goes on: docs/guides/imports.md.
        """
        # Imported here: the file checks pull in phonenumbers and email-validator, which only imports need.
        from exotel_contacts.workflows._async import imports as importer  # noqa: PLC0415
        from exotel_contacts.workflows.imports import ImportOptions  # noqa: PLC0415

        settings = ImportOptions(**options)
        with _otel.job_span("import", family=settings.family) as span:
            result = await importer.aimport_contacts(self, path, settings)
            _otel.report_import(span, result)
        return result
