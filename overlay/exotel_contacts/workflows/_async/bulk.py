"""Bulk create, the sending half: chunks go out through the client, ``concurrency`` at a time; why they
are marked not replay-safe and replayed here: docs/decisions/0005."""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterable, Mapping

import httpx
import stamina

from exotel_contacts.base._async._primitives import Window, run_blocking
from exotel_contacts.base.exceptions import BulkAbortedError, ExotelError, StoreUnavailableError
from exotel_contacts.base.outcomes import MAY_HAVE_ACTED_STATUSES
from exotel_contacts.core.retry import RetryableResponse
from exotel_contacts.operations.answers import MAX_CONTACTS_PER_REQUEST

from ..bulk import DEFAULT_BULK_CONCURRENCY, BulkCreateResult, Chunk, ContactInput, Last, ProgressCallback
from ..bulk_answers import REPLAYED, Job, finish, resend
from ..bulk_chunks import InputFailure, _achunks, request_body
from ..chunking import check_chunking
from ..journal_spec import JournalInput
from .hooks import AsyncClientHooks
from .journaled import opened

__all__ = ["acreate_contacts_bulk"]


async def _exchange(http: httpx.AsyncClient, job: Job, chunk: Chunk, body: bytes) -> Last:
    """Send one body, replaying ambiguous failures with the client's policy; the last answer, or the
    last failure."""
    state = job.retry_state()
    response: httpx.Response | None = None
    try:
        async for attempt in stamina.retry_context(
            on=lambda exc: isinstance(exc, REPLAYED) and state.decide(exc),
            attempts=job.policy.max_attempts,
            timeout=None,
        ):
            with attempt:
                state.begin_attempt()
                chunk.attempts += 1
                # Every attempt after the first follows an ambiguous failure (only those are replayed
                # here), so the lost attempt may have acted.
                if state.attempt > 1:
                    chunk.replays += 1
                    chunk.after_replay = True
                response = None
                response = await http.request(**job.request, content=body)
                if response.status_code in MAY_HAVE_ACTED_STATUSES:
                    raise RetryableResponse(response)
    except RetryableResponse as exc:
        return exc.response, None
    except (httpx.HTTPError, StoreUnavailableError) as exc:
        return None, exc
    return response, None


async def _send_chunk(http: httpx.AsyncClient, job: Job, chunk: Chunk) -> Chunk:
    # The journal steps (and the mapping of a 5000-item answer) go through run_blocking: off the
    # event loop on the async side.
    await run_blocking(job.sending, chunk)
    while (body := request_body(chunk)) is not None:
        response, error = await _exchange(http, job, chunk, body)
        if not resend(chunk, response):
            await run_blocking(finish, chunk, response, error, job)
            break
    return chunk


async def acreate_contacts_bulk(
    client: AsyncClientHooks,
    contacts: Iterable[ContactInput] | AsyncIterable[ContactInput],
    *,
    chunk_size: int = MAX_CONTACTS_PER_REQUEST,
    concurrency: int = DEFAULT_BULK_CONCURRENCY,
    on_progress: ProgressCallback | None = None,
    journal: JournalInput | None = None,
    journal_source: Mapping[str, object] | None = None,
) -> BulkCreateResult:
    """Create any number of contacts with ``client`` (see ``AsyncClient.create_contacts_bulk``)."""
    check_chunking(chunk_size, concurrency, max_chunk_size=MAX_CONTACTS_PER_REQUEST)
    http = client._http("campaign")
    result = BulkCreateResult()
    failure = InputFailure()
    chunks = _achunks(contacts, chunk_size, failure)
    fatal: ExotelError | None = None
    plan = {"chunk_size": chunk_size, "source": dict(journal_source or {})}
    async with opened(
        journal, "bulk create", plan, redis_url=client._redis_url, outage=client._redis_outage
    ) as journal_file:
        job = Job(client, http, journal_file)
        # A bounded window: the next chunk is read from the input only when a slot is free.
        async with Window[Chunk](concurrency, name="exotel-bulk") as window:
            while True:
                while fatal is None and window.has_room:
                    chunk = await anext(chunks, None)
                    if chunk is None:
                        break
                    if job.resume(chunk):  # finished before a crash: its outcomes, not sent again
                        result._add(chunk)
                        continue
                    window.start(_send_chunk, http, job, chunk)
                if not window:
                    break
                for done in await window.next_done():
                    result._add(done)
                    fatal = fatal or done.fatal
                    if on_progress is not None:
                        on_progress(result._progress())
    if fatal is not None:
        raise BulkAbortedError(fatal, result)
    failure.raise_if_failed(result)
    return result
