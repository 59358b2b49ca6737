"""The Campaign per-row report, the sending half: the list read back page by page and matched against the
file (the matching: :mod:`exotel_contacts.workflows.campaign_report`)."""

from __future__ import annotations

from typing import Any

from exotel_contacts.base._async._primitives import run_blocking
from exotel_contacts.base.exceptions import ExotelError
from exotel_contacts.importing import read_contacts

from ..campaign_report import ListNumbers, ReconciliationResult, parse_timestamp, reconcile
from ..imports_answers import Importer
from .lists import member_pages

__all__ = ["reconcile_campaign"]

_MAX_PRESIZED_MEMBERS = 1 << 21
"""Members a reconciliation's table is sized for up front (~20 MB); past that it grows as it reads."""


async def reconcile_campaign(client: Any, job: Importer) -> None:
    """Name, by ORIGINAL row number, the rows of the import's file the Campaign status only counted, by
    reading the list back; a failure to read it is a warning in the report."""
    options = job.options
    sent = job.reconcilable_rows()
    report = job.result.report
    if not sent or job.list_sid is None:
        return
    if not report.unlisted_server_failed and not report.unlisted_server_duplicates:
        # The server took every row sent: nothing it counted is left to name, so the list is not read
        # back (Exotel pages it 20 contacts a request: a 500,000-row import would cost 25,000 GETs).
        return
    # Page by page into a compact table (number and one bit), never a list of every member.
    members: ListNumbers | None = None
    try:
        async for page in member_pages(client, job.list_sid):
            if members is None:
                # Sized for the server's total, within reason: a hostile total must not allocate terabytes.
                members = ListNumbers(job.started, expected=min(page.total or 0, _MAX_PRESIZED_MEMBERS))
            for contact in page.items:
                members.add(contact.number, parse_timestamp(contact.date_created))
        found = members if members is not None else ListNumbers(job.started)

        def against_file() -> ReconciliationResult:
            rows = read_contacts(
                job.result.path,
                strict=options.strict,
                default_region=options.default_region,
                detect_duplicates=False,
            )
            return reconcile(report, rows, found, started=job.started, sent=sent)

        # Reading the file again is disk and CPU work: off the event loop on the async side.
        job.result.reconciled = await run_blocking(against_file)
    except ExotelError as error:
        report.warnings.append(
            f"The list could not be read back to name the rows the server counted: {error}"
        )
