"""The options of the client constructors and of ``import_contacts``, typed (docs/decisions/0016).

A new import option is one line in :class:`ImportOptions`, one in :class:`ImportKwargs` (a test checks
that they agree), one in the table of docs/guides/imports.md, and its use.
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
    """Keyword arguments of ``import_contacts`` (defaults: :class:`ImportOptions`)."""

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
    """How to import a file: each option and its default, docs/guides/imports.md#options."""

    family: str = "ccm"
    list_id: str | None = None
    duplicate_action: str = "skip"
    list_name: str | None = None
    type: str = "static"
    strict: bool = False
    default_region: str | None = None
    send_invalid: bool = False
    detect_duplicates: bool = True
    wait: bool = True
    timeout: float | None = 3600.0
    errors_out: str | Path | None = None
    limits: Limits | None = None
    on_progress: Callable[[ImportProgress], None] | None = None
    journal: JournalInput | None = None
    reconcile: bool = True
