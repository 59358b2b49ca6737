# ruff: noqa: F405 - the names in __all__ that the star imports below bring (for type checkers)
"""exotel-contacts: a typed client for Exotel's contact APIs (CCM uploads, Campaign lists and contacts).

Start with :class:`Client` (or :class:`AsyncClient`)::

    import exotel_contacts

    with exotel_contacts.Client() as client:  # EXOTEL_ACCOUNT_SID, EXOTEL_API_KEY, EXOTEL_API_TOKEN
        status = client.upload_and_wait("contacts.csv")


Every public name but the exceptions loads on first use (docs/decisions/0025); type checkers read the
``TYPE_CHECKING`` imports.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .base import exceptions as _exceptions

if TYPE_CHECKING:
    from .base.exceptions import *  # noqa: F403 - every public exception (its __all__)
    from .base.rates import Rate
    from .client._async.client import AsyncClient
    from .client._sync.client import Client
    from .core._async.polling import apoll_upload
    from .core._async.transport import AsyncRetryTransport
    from .core._sync.polling import poll_upload
    from .core._sync.transport import RetryTransport
    from .core.base_client import SPEC_VERSION
    from .core.catalog import CATALOG_SCHEMAS, CodeInfo, explain
    from .core.config import DEFAULT_TIMEOUT, REGIONS, ClientConfig
    from .core.files import FileInput
    from .core.network import NetworkSettings
    from .core.polling import TERMINAL_STATUSES, PollSchedule, UploadProgress
    from .core.raw import RawResponse, request_id_of
    from .core.retry import REPLAY_SAFE, RetryPolicy, RetryRecord
    from .operations.answers import MAX_CONTACTS_PER_REQUEST, MAX_PAGE_SIZE, Page
    from .operations.types import *  # noqa: F403 - every API model (its __all__)
    from .quota._async.limiter import AsyncRateLimiter
    from .quota._sync.limiter import RateLimiter
    from .workflows.bulk import BulkCreateResult, BulkProgress, ContactOutcome, Outcome
    from .workflows.campaign_report import ReconciliationResult
    from .workflows.failure_summary import CodeSummary
    from .workflows.imports import ImportProgress, ImportResult, PartResult
    from .workflows.journal_spec import RedisJournal
    from .workflows.lists import (
        AddToListProgress,
        AddToListResult,
        MemberOutcome,
        MemberResult,
        SyncChange,
        SyncFailure,
        SyncListResult,
        SyncProgress,
    )

__all__ = [
    "CATALOG_SCHEMAS",
    "DEFAULT_TIMEOUT",
    "MAX_CONTACTS_PER_REQUEST",
    "MAX_PAGE_SIZE",
    "REGIONS",
    "REPLAY_SAFE",
    "SPEC_VERSION",
    "TERMINAL_STATUSES",
    "AddToListProgress",
    "AddToListResult",
    "AsyncClient",
    "AsyncRateLimiter",
    "AsyncRetryTransport",
    "BulkCreateResult",
    "BulkMetadata",
    "BulkProgress",
    "Client",
    "ClientConfig",
    "CodeInfo",
    "CodeSummary",
    "Contact",
    "ContactCreate",
    "ContactList",
    "ContactOutcome",
    "ContactPatch",
    "ContactResult",
    "ContactUpdate",
    "CreateContactsResponse",
    "CsvStatus",
    "CsvUploadData",
    "CsvUploadStats",
    "CsvUploadSummary",
    "DuplicateAction",
    "ErrorData",
    "FailedItem",
    "FileInput",
    "ImportProgress",
    "ImportResult",
    "ListCreate",
    "ListMembership",
    "ListPatch",
    "ListReference",
    "ListResult",
    "ListType",
    "ListUpdate",
    "ListsMultiStatus",
    "MemberOutcome",
    "MemberResult",
    "MembershipResult",
    "MembershipsMultiStatus",
    "NetworkSettings",
    "Outcome",
    "Page",
    "PartResult",
    "PollSchedule",
    "Rate",
    "RateLimiter",
    "RawResponse",
    "ReconciliationResult",
    "RedisJournal",
    "RetryPolicy",
    "RetryRecord",
    "RetryTransport",
    "SortOrder",
    "SyncChange",
    "SyncFailure",
    "SyncListResult",
    "SyncProgress",
    "UploadAccepted",
    "UploadErrors",
    "UploadProgress",
    "UploadRowError",
    "UploadStatus",
    "__version__",
    "apoll_upload",
    "explain",
    "poll_upload",
    "request_id_of",
]
__all__ += _exceptions.__all__

# Where each public name lives, relative to this package, as "module: names"; every other name is an
# API model of .operations.types (which only loads on first use: it imports the generated package).
_NAMES_OF = {
    ".base.rates": "Rate",
    ".client._async.client": "AsyncClient",
    ".client._sync.client": "Client",
    ".core._async.polling": "apoll_upload",
    ".core._async.transport": "AsyncRetryTransport",
    ".core._sync.polling": "poll_upload",
    ".core._sync.transport": "RetryTransport",
    ".core.base_client": "SPEC_VERSION",
    ".core.catalog": "CATALOG_SCHEMAS CodeInfo explain",
    ".core.config": "ClientConfig DEFAULT_TIMEOUT REGIONS",
    ".core.files": "FileInput",
    ".core.network": "NetworkSettings",
    ".core.polling": "PollSchedule TERMINAL_STATUSES UploadProgress",
    ".core.raw": "RawResponse request_id_of",
    ".core.retry": "REPLAY_SAFE RetryPolicy RetryRecord",
    ".operations.answers": "MAX_CONTACTS_PER_REQUEST MAX_PAGE_SIZE Page",
    ".quota._async.limiter": "AsyncRateLimiter",
    ".quota._sync.limiter": "RateLimiter",
    ".workflows.bulk": "BulkCreateResult BulkProgress ContactOutcome Outcome",
    ".workflows.campaign_report": "ReconciliationResult",
    ".workflows.failure_summary": "CodeSummary",
    ".workflows.imports": "ImportProgress ImportResult PartResult",
    ".workflows.journal_spec": "RedisJournal",
    ".workflows.lists": "AddToListProgress AddToListResult MemberOutcome MemberResult SyncChange "
    "SyncFailure SyncListResult SyncProgress",
}
_MODULE_OF: dict[str, str] = dict.fromkeys(_exceptions.__all__, ".base.exceptions") | {
    name: module for module, names in _NAMES_OF.items() for name in names.split()
}
_MODULE_OF |= {
    name: ".operations.types" for name in __all__ if name not in _MODULE_OF and name != "__version__"
}


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use, then keep it in this module's namespace."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
