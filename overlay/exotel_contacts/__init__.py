# ruff: noqa: F405 - the names in __all__ that the star imports below bring (for type checkers)
"""exotel-contacts: a typed client for Exotel's contact APIs (CCM uploads, Campaign lists and contacts).

Start with :class:`Client` (or :class:`AsyncClient`)::

    import exotel_contacts

    with exotel_contacts.Client() as client:  # EXOTEL_ACCOUNT_SID, EXOTEL_API_KEY, EXOTEL_API_TOKEN
        status = client.upload_and_wait("contacts.csv")


Every public name but the exceptions loads on first use (module ``__getattr__``): ``import
exotel_contacts`` costs less than ``import httpx``, and a command that sends nothing never loads the
network stack, the generated models or the rate limiter. Type checkers read the ``TYPE_CHECKING`` imports.
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

_MODULE_OF: dict[str, str] = {
    **dict.fromkeys(_exceptions.__all__, ".base.exceptions"),
    "MAX_CONTACTS_PER_REQUEST": ".operations.answers",
    "MAX_PAGE_SIZE": ".operations.answers",
    "Page": ".operations.answers",
    "AsyncClient": ".client._async.client",
    "apoll_upload": ".core._async.polling",
    "AsyncRateLimiter": ".quota._async.limiter",
    "AsyncRetryTransport": ".core._async.transport",
    "BulkCreateResult": ".workflows.bulk",
    "BulkProgress": ".workflows.bulk",
    "ContactOutcome": ".workflows.bulk",
    "Outcome": ".workflows.bulk",
    "ReconciliationResult": ".workflows.campaign_report",
    "CATALOG_SCHEMAS": ".core.catalog",
    "CodeInfo": ".core.catalog",
    "explain": ".core.catalog",
    "ClientConfig": ".core.config",
    "SPEC_VERSION": ".core.base_client",
    "DEFAULT_TIMEOUT": ".core.config",
    "REGIONS": ".core.config",
    "RedisJournal": ".workflows.journal_spec",
    "CodeSummary": ".workflows.failure_summary",
    "FileInput": ".core.files",
    "ImportProgress": ".workflows.imports",
    "ImportResult": ".workflows.imports",
    "PartResult": ".workflows.imports",
    "AddToListProgress": ".workflows.lists",
    "AddToListResult": ".workflows.lists",
    "MemberOutcome": ".workflows.lists",
    "MemberResult": ".workflows.lists",
    "SyncChange": ".workflows.lists",
    "SyncFailure": ".workflows.lists",
    "SyncListResult": ".workflows.lists",
    "SyncProgress": ".workflows.lists",
    "NetworkSettings": ".core.network",
    "PollSchedule": ".core.polling",
    "TERMINAL_STATUSES": ".core.polling",
    "UploadProgress": ".core.polling",
    "Rate": ".base.rates",
    "RawResponse": ".core.raw",
    "request_id_of": ".core.raw",
    "REPLAY_SAFE": ".core.retry",
    "RetryPolicy": ".core.retry",
    "RetryRecord": ".core.retry",
    "Client": ".client._sync.client",
    "poll_upload": ".core._sync.polling",
    "RateLimiter": ".quota._sync.limiter",
    "RetryTransport": ".core._sync.transport",
    "BulkMetadata": ".operations.types",
    "Contact": ".operations.types",
    "ContactCreate": ".operations.types",
    "ContactList": ".operations.types",
    "ContactPatch": ".operations.types",
    "ContactResult": ".operations.types",
    "ContactUpdate": ".operations.types",
    "CreateContactsResponse": ".operations.types",
    "CsvStatus": ".operations.types",
    "CsvUploadData": ".operations.types",
    "CsvUploadStats": ".operations.types",
    "CsvUploadSummary": ".operations.types",
    "DuplicateAction": ".operations.types",
    "ErrorData": ".operations.types",
    "FailedItem": ".operations.types",
    "ListCreate": ".operations.types",
    "ListMembership": ".operations.types",
    "ListPatch": ".operations.types",
    "ListReference": ".operations.types",
    "ListResult": ".operations.types",
    "ListType": ".operations.types",
    "ListUpdate": ".operations.types",
    "ListsMultiStatus": ".operations.types",
    "MembershipResult": ".operations.types",
    "MembershipsMultiStatus": ".operations.types",
    "SortOrder": ".operations.types",
    "UploadAccepted": ".operations.types",
    "UploadErrors": ".operations.types",
    "UploadRowError": ".operations.types",
    "UploadStatus": ".operations.types",
}
"""Where each public name lives, relative to this package."""

__all__ = [
    "CATALOG_SCHEMAS",
    "DEFAULT_TIMEOUT",
    "MAX_CONTACTS_PER_REQUEST",
    "MAX_PAGE_SIZE",
    "REGIONS",
    "REPLAY_SAFE",
    "SPEC_VERSION",
    "TERMINAL_STATUSES",
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AddToListProgress",
    "AddToListResult",
    "AsyncClient",
    "AsyncRateLimiter",
    "AsyncRetryTransport",
    "AuthenticationError",
    "BadRequestError",
    "BulkAbortedError",
    "BulkCreateResult",
    "BulkInputError",
    "BulkMetadata",
    "BulkProgress",
    "Client",
    "ClientConfig",
    "CodeInfo",
    "CodeSummary",
    "ConfigurationError",
    "ConflictError",
    "Contact",
    "ContactCreate",
    "ContactFileError",
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
    "DuplicateColumnError",
    "EmptyFileError",
    "ErrorData",
    "ErrorFileExpiredError",
    "ExotelError",
    "FailedItem",
    "FieldTooLargeError",
    "FileEncodingError",
    "FileInput",
    "ImportProgress",
    "ImportResult",
    "InvalidInputError",
    "InvalidResponseError",
    "InvalidSettingError",
    "ItemCountMismatchError",
    "JournalInUseError",
    "JournalMismatchError",
    "ListCapExceededError",
    "ListCreate",
    "ListMembership",
    "ListPatch",
    "ListReference",
    "ListResult",
    "ListType",
    "ListUpdate",
    "ListsMultiStatus",
    "MalformedCsvError",
    "MemberOutcome",
    "MemberResult",
    "MembershipResult",
    "MembershipsMultiStatus",
    "MissingHeaderError",
    "MissingPhoneColumnError",
    "NetworkSettings",
    "NotFoundError",
    "NulByteError",
    "Outcome",
    "OutcomeUnknownError",
    "Page",
    "PartResult",
    "PayloadTooLargeError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "PollSchedule",
    "Rate",
    "RateLimitError",
    "RateLimiter",
    "RawResponse",
    "ReconciliationResult",
    "RedisJournal",
    "RetryPolicy",
    "RetryRecord",
    "RetryTransport",
    "ServerError",
    "SortOrder",
    "StoreUnavailableError",
    "SyncChange",
    "SyncFailure",
    "SyncListResult",
    "SyncProgress",
    "TooManyContactsError",
    "UploadAccepted",
    "UploadErrors",
    "UploadFailedError",
    "UploadProgress",
    "UploadRowError",
    "UploadStatus",
    "UploadTimeoutError",
    "ValidationError",
    "__version__",
    "apoll_upload",
    "explain",
    "poll_upload",
    "request_id_of",
]


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
