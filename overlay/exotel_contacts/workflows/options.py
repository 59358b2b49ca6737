"""The options of the client constructors and of ``import_contacts``, typed (docs/decisions/0016).

A new import option is one line in :class:`ImportOptions`, one in :class:`ImportKwargs` (a test checks
that they agree), and its use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from exotel_contacts.core.base_client import ClientOptions

from .journal_spec import JournalInput

if TYPE_CHECKING:
    from exotel_contacts.importing import Limits

    from .imports import ImportProgress

__all__ = ["ClientOptions", "ImportKwargs", "ImportOptions"]


class ImportKwargs(TypedDict, total=False):
    """Keyword arguments of ``import_contacts`` (defaults and meaning: :class:`ImportOptions`)."""

    family: str
    list_id: str | None
    duplicate_action: str
    list_name: str | None
    type: str
    strict: bool
    default_region: str | None
    send_invalid: bool
    detect_duplicates: bool
    wait: bool
    timeout: float | None
    errors_out: str | Path | None
    limits: Limits | None
    on_progress: Callable[[ImportProgress], None] | None
    journal: JournalInput | None
    reconcile: bool


@dataclass(frozen=True, kw_only=True)
class ImportOptions:
    """How to import a file (see ``Client.import_contacts`` for what each option does)."""

    family: str = "ccm"
    """``"ccm"`` or ``"campaign"``."""
    list_id: str | None = None
    """CCM: the list the contacts join."""
    duplicate_action: str = "skip"
    """CCM: ``skip``, ``update`` or ``create_new``."""
    list_name: str | None = None
    """Campaign: the list the contacts go into (required for Campaign)."""
    type: str = "static"
    """Campaign: ``static`` or ``dynamic``."""
    strict: bool = False
    """Validate numbers with phonenumbers, not just their shape."""
    default_region: str | None = None
    """Accept national numbers of this region (``IN``, ...)."""
    send_invalid: bool = False
    """Send rows that failed the local checks too (the server judges them)."""
    detect_duplicates: bool = True
    """Check the file for repeated numbers (memory grows with distinct numbers)."""
    wait: bool = True
    """Wait for the server's verdict on every part."""
    timeout: float | None = 3600.0
    """Seconds to wait for each part's verdict."""
    errors_out: str | Path | None = None
    """Also write every failed row as an error CSV here."""
    limits: Limits | None = None
    """The split's caps (default: Exotel's documented limits)."""
    on_progress: Callable[[ImportProgress], None] | None = None
    """Called after each step with an ``ImportProgress``."""
    journal: JournalInput | None = None
    """A file (a path) or a :class:`RedisJournal` recording the plan and each step, so that running again
    after a crash (on this machine or, with Redis, on another) resumes the import."""
    reconcile: bool = True
    """Campaign, with ``wait``: read the list back afterwards and name, by original row number, the rows
    the server only counted (``source="reconciliation"``). Only when it counted rows failed or duplicate:
    an import whose every row was taken reads nothing back (``ImportResult.reconciled`` stays None)."""
