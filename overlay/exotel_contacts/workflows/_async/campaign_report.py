"""The Campaign per-row report, the sending half: the list read back page by page and matched against the
file (the matching: :mod:`exotel_contacts.workflows.campaign_report`)."""

from __future__ import annotations

from collections.abc import Container
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exotel_contacts.base._async._primitives import run_blocking

from .lists import created_at, member_pages

if TYPE_CHECKING:
    from exotel_contacts.importing import ImportReport

    from ..campaign_report import ListNumbers, ReconciliationResult

__all__ = ["reconcile_campaign"]

_MAX_PRESIZED_MEMBERS = 1 << 21
"""Members a reconciliation's table is sized for up front (~20 MB); past that it grows as it reads."""


async def reconcile_campaign(
    client: Any,
    report: ImportReport,
    path: str | Path,
    list_sid: str,
    *,
    started: str | datetime | None,
    sent: Container[int] | None = None,
    default_region: str | None = None,
    strict: bool = False,
) -> ReconciliationResult:
    """Read the list back and name, by ORIGINAL row number, the rows of ``path`` that did not make it."""
    # Imported here: the file reader pulls in phonenumbers, which only imports need.
    from exotel_contacts.importing import read_contacts  # noqa: PLC0415

    from ..campaign_report import ListNumbers, parse_timestamp, reconcile  # noqa: PLC0415

    when = started if isinstance(started, datetime) else parse_timestamp(started)
    # Page by page into a compact table (number and one bit), never a list of every member.
    members: ListNumbers | None = None
    async for page in member_pages(client, list_sid):
        if members is None:
            # Sized for the server's total, within reason: a hostile total must not allocate terabytes.
            members = ListNumbers(when, expected=min(page.total or 0, _MAX_PRESIZED_MEMBERS))
        for contact in page.items:
            members.add(contact.number, parse_timestamp(created_at(contact)))
    if members is None:
        members = ListNumbers(when)

    def against_file() -> ReconciliationResult:
        rows = read_contacts(path, strict=strict, default_region=default_region, detect_duplicates=False)
        return reconcile(report, rows, members, started=when, sent=sent)

    # Reading the file again is disk and CPU work: off the event loop on the async side.
    return await run_blocking(against_file)
