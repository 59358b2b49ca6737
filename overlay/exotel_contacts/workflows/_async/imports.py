"""Import, the sending half: upload the parts of a checked file, at most five at a time, and wait."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from exotel_contacts.base._async._primitives import Event, Window, on_the_loop, run_blocking
from exotel_contacts.base.exceptions import ExotelError, UploadTimeoutError
from exotel_contacts.importing import Part
from exotel_contacts.operations.answers import first_wait

from ..imports import ImportOptions, ImportResult, has_error_rows, journal_plan, prepare
from ..imports_answers import Importer
from .campaign_report import reconcile_campaign
from .hooks import AsyncClientHooks
from .journaled import opened

__all__ = ["aimport_contacts"]


async def _send_ccm(client: AsyncClientHooks, job: Importer, part: Part) -> None:
    options = job.options
    # A resumed part that was accepted before the crash is waited for, not sent again.
    upload_id = job.part(part).upload_id
    wait_first = 0.0
    if upload_id is None:
        await run_blocking(job.sending, part)
        sent = await client._upload_contacts(
            part.path, list_id=options.list_id, duplicate_action=options.duplicate_action
        )
        accepted = sent.value
        upload_id, wait_first = accepted.upload_id, first_wait(accepted)
        await run_blocking(job.uploaded, part, upload_id, replayed=sent.replayed)
    if not options.wait:
        return
    status = await client.wait_for_upload(
        upload_id,
        timeout=options.timeout,
        first_wait=wait_first,
        on_progress=job.watcher(part),
        raise_on_failure=False,
    )
    errors = await client.get_upload_errors(upload_id) if has_error_rows(status) else None
    await run_blocking(job.ccm_done, part, status, errors)


async def _send_campaign(client: AsyncClientHooks, job: Importer, part: Part) -> None:
    options = job.options
    upload_id = job.part(part).upload_id
    if upload_id is None:
        await run_blocking(job.sending, part)
        sent = await client._csv_upload(part.path, list_name=options.list_name or "", type=options.type)
        summary = sent.value.summary
        upload_id = summary.upload_id
        job.campaign_uploaded(summary.list_sid, summary.date_created)
        await run_blocking(job.uploaded, part, upload_id, replayed=sent.replayed)
    if options.wait:
        status = await client.wait_for_csv_upload(
            upload_id, timeout=options.timeout, on_progress=job.watcher(part), raise_on_failure=False
        )
        await run_blocking(job.campaign_done, part, status)


async def _run_part(client: AsyncClientHooks, job: Importer, part: Part, first_answer: Event) -> None:
    # Until the first part has its answer the others wait: bad credentials cost one request.
    if part.index > 1:
        await first_answer.wait()
    if await run_blocking(job.skip_if_aborted, part):
        return
    try:
        if job.resume(part):
            return
        if job.result.family == "ccm":
            await _send_ccm(client, job, part)
        else:
            await _send_campaign(client, job, part)
    except UploadTimeoutError as error:
        await run_blocking(job.timed_out, part, error)
    except ExotelError as error:
        await run_blocking(job.part_failed, part, error)
    finally:
        job.answered(part)


async def aimport_contacts(
    client: AsyncClientHooks, path: str | Path, options: ImportOptions
) -> ImportResult:
    """Import ``path`` with ``client`` (see ``AsyncClient.import_contacts``)."""
    with tempfile.TemporaryDirectory(prefix="exotel-import-") as tmp:
        # Reading and splitting is CPU and disk work: on the async side it runs off the event loop.
        source, family, split = await run_blocking(prepare, path, options, Path(tmp))
        plan = journal_plan(source, options, split) if options.journal is not None else {}
        async with opened(
            options.journal, "import", plan, redis_url=client._redis_url, outage=client._redis_outage
        ) as journal:
            first_answer = Event()
            # Journal steps run in threads (run_blocking); what they call back runs on the loop.
            if options.on_progress is not None:
                options = dataclasses.replace(options, on_progress=on_the_loop(options.on_progress))
            job = Importer(source, family, split, options, on_the_loop(first_answer.set), journal=journal)
            job.emit("checked")
            parts = iter(split.parts)
            workers = max(1, min(client._max_concurrent_uploads, len(split.parts)))
            async with Window[None](workers, name="exotel-import") as window:
                while True:
                    while window.has_room and (part := next(parts, None)) is not None:
                        window.start(_run_part, client, job, part, first_answer)
                    if not window:
                        break
                    await window.next_done()
            if family == "campaign" and options.wait and options.reconcile and job.list_sid is not None:
                await reconcile_campaign(client, job)
            return await run_blocking(job.finish)
