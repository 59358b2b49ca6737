"""A job's journal, opened and closed through run_blocking: off the event loop on the async side, where
a Redis journal may ride out an outage."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Mapping
from typing import Any

from exotel_contacts.base._async._primitives import run_blocking

from ..journal import JournalBase, open_journal
from ..journal_spec import JournalInput

__all__ = ["opened"]


@contextlib.asynccontextmanager
async def opened(
    where: JournalInput | None, kind: str, plan: Mapping[str, Any], *, redis_url: str | None, outage: float
) -> AsyncIterator[JournalBase | None]:
    """The journal ``where`` names, open for the block and closed after it; None when ``where`` is None."""
    journal = await run_blocking(open_journal, where, kind, plan, redis_url=redis_url, outage=outage)
    try:
        yield journal
    finally:
        if journal is not None:
            await run_blocking(journal.close)
