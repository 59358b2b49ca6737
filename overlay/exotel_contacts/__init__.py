"""exotel-contacts: a typed client for Exotel's contact APIs (CCM uploads, Campaign lists and contacts).

Start with :class:`Client` (or :class:`AsyncClient`)::

    import exotel_contacts

    with exotel_contacts.Client() as client:  # EXOTEL_ACCOUNT_SID, EXOTEL_API_KEY, EXOTEL_API_TOKEN
        status = client.upload_and_wait("contacts.csv")


Every public name loads on first use (module ``__getattr__``): ``import exotel_contacts`` costs
less than ``import httpx``, and a command that sends nothing never loads the network stack, the
generated models or the rate limiter. Type checkers read the same names from the
``TYPE_CHECKING`` imports below.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from ._answers import (
        MAX_CONTACTS_PER_REQUEST,
        MAX_PAGE_SIZE,
        Page,
    )
    from ._async.client import (
        AsyncClient,
    )
    from ._async.polling import (
        apoll_upload,
    )
    from ._async.quota import (
        AsyncRateLimiter,
    )
    from ._async.transport import (
        AsyncRetryTransport,
    )
    from ._base_client import (
        SPEC_VERSION,
    )
    from ._bulk import (
        BulkAbortedError,
        BulkCreateResult,
        BulkInputError,
        BulkProgress,
        ContactOutcome,
        Outcome,
    )
    from ._campaign_report import (
        ReconciliationResult,
    )
    from ._catalog import (
        CATALOG_SCHEMAS,
        CodeInfo,
        explain,
    )
    from ._config import (
        DEFAULT_TIMEOUT,
        REGIONS,
        ClientConfig,
    )
    from ._exceptions import (
        APIConnectionError,
        APIError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ConfigurationError,
        ConflictError,
        ErrorFileExpiredError,
        ExotelError,
        InvalidInputError,
        InvalidResponseError,
        InvalidSettingError,
        ItemCountMismatchError,
        JournalInUseError,
        JournalMismatchError,
        NotFoundError,
        OutcomeUnknownError,
        PayloadTooLargeError,
        PaymentRequiredError,
        PermissionDeniedError,
        RateLimitError,
        ServerError,
        StoreUnavailableError,
        TooManyContactsError,
        UploadFailedError,
        UploadTimeoutError,
        ValidationError,
    )
    from ._failure_summary import (
        CodeSummary,
    )
    from ._files import (
        FileInput,
    )
    from ._import import (
        ImportProgress,
        ImportResult,
        PartResult,
    )
    from ._journal_spec import (
        RedisJournal,
    )
    from ._list_results import (
        AddToListProgress,
        AddToListResult,
        MemberOutcome,
        MemberResult,
        SyncChange,
        SyncFailure,
        SyncListResult,
        SyncProgress,
    )
    from ._network import (
        NetworkSettings,
    )
    from ._polling import (
        TERMINAL_STATUSES,
        PollSchedule,
        UploadProgress,
    )
    from ._rates import (
        Rate,
    )
    from ._raw import (
        RawResponse,
        request_id_of,
    )
    from ._retry import (
        REPLAY_SAFE,
        RetryPolicy,
        RetryRecord,
    )
    from ._sync.client import (
        Client,
    )
    from ._sync.polling import (
        poll_upload,
    )
    from ._sync.quota import (
        RateLimiter,
    )
    from ._sync.transport import (
        RetryTransport,
    )
    from ._types import (
        BulkMetadata,
        Contact,
        ContactCreate,
        ContactList,
        ContactPatch,
        ContactResult,
        ContactUpdate,
        CreateContactsResponse,
        CsvStatus,
        CsvUploadData,
        CsvUploadStats,
        CsvUploadSummary,
        DuplicateAction,
        ErrorData,
        FailedItem,
        ListCreate,
        ListMembership,
        ListPatch,
        ListReference,
        ListResult,
        ListsMultiStatus,
        ListType,
        ListUpdate,
        MembershipResult,
        MembershipsMultiStatus,
        SortOrder,
        UploadAccepted,
        UploadErrors,
        UploadRowError,
        UploadStatus,
    )

_MODULE_OF: dict[str, str] = {
    "MAX_CONTACTS_PER_REQUEST": "._answers",
    "MAX_PAGE_SIZE": "._answers",
    "Page": "._answers",
    "SPEC_VERSION": "._base_client",
    "AsyncClient": "._async.client",
    "apoll_upload": "._async.polling",
    "AsyncRateLimiter": "._async.quota",
    "AsyncRetryTransport": "._async.transport",
    "BulkAbortedError": "._bulk",
    "BulkCreateResult": "._bulk",
    "BulkInputError": "._bulk",
    "BulkProgress": "._bulk",
    "ContactOutcome": "._bulk",
    "Outcome": "._bulk",
    "ReconciliationResult": "._campaign_report",
    "CATALOG_SCHEMAS": "._catalog",
    "CodeInfo": "._catalog",
    "explain": "._catalog",
    "ClientConfig": "._config",
    "DEFAULT_TIMEOUT": "._config",
    "REGIONS": "._config",
    "APIConnectionError": "._exceptions",
    "APIError": "._exceptions",
    "APIStatusError": "._exceptions",
    "APITimeoutError": "._exceptions",
    "AuthenticationError": "._exceptions",
    "BadRequestError": "._exceptions",
    "ConfigurationError": "._exceptions",
    "ConflictError": "._exceptions",
    "ErrorFileExpiredError": "._exceptions",
    "ExotelError": "._exceptions",
    "InvalidInputError": "._exceptions",
    "InvalidResponseError": "._exceptions",
    "InvalidSettingError": "._exceptions",
    "ItemCountMismatchError": "._exceptions",
    "JournalInUseError": "._exceptions",
    "JournalMismatchError": "._exceptions",
    "NotFoundError": "._exceptions",
    "OutcomeUnknownError": "._exceptions",
    "PayloadTooLargeError": "._exceptions",
    "PaymentRequiredError": "._exceptions",
    "PermissionDeniedError": "._exceptions",
    "RateLimitError": "._exceptions",
    "ServerError": "._exceptions",
    "StoreUnavailableError": "._exceptions",
    "RedisJournal": "._journal_spec",
    "TooManyContactsError": "._exceptions",
    "UploadFailedError": "._exceptions",
    "UploadTimeoutError": "._exceptions",
    "ValidationError": "._exceptions",
    "CodeSummary": "._failure_summary",
    "FileInput": "._files",
    "ImportProgress": "._import",
    "ImportResult": "._import",
    "PartResult": "._import",
    "AddToListProgress": "._list_results",
    "AddToListResult": "._list_results",
    "MemberOutcome": "._list_results",
    "MemberResult": "._list_results",
    "SyncChange": "._list_results",
    "SyncFailure": "._list_results",
    "SyncListResult": "._list_results",
    "SyncProgress": "._list_results",
    "NetworkSettings": "._network",
    "PollSchedule": "._polling",
    "TERMINAL_STATUSES": "._polling",
    "UploadProgress": "._polling",
    "Rate": "._rates",
    "RawResponse": "._raw",
    "request_id_of": "._raw",
    "REPLAY_SAFE": "._retry",
    "RetryPolicy": "._retry",
    "RetryRecord": "._retry",
    "Client": "._sync.client",
    "poll_upload": "._sync.polling",
    "RateLimiter": "._sync.quota",
    "RetryTransport": "._sync.transport",
    "BulkMetadata": "._types",
    "Contact": "._types",
    "ContactCreate": "._types",
    "ContactList": "._types",
    "ContactPatch": "._types",
    "ContactResult": "._types",
    "ContactUpdate": "._types",
    "CreateContactsResponse": "._types",
    "CsvStatus": "._types",
    "CsvUploadData": "._types",
    "CsvUploadStats": "._types",
    "CsvUploadSummary": "._types",
    "DuplicateAction": "._types",
    "ErrorData": "._types",
    "FailedItem": "._types",
    "ListCreate": "._types",
    "ListMembership": "._types",
    "ListPatch": "._types",
    "ListReference": "._types",
    "ListResult": "._types",
    "ListType": "._types",
    "ListUpdate": "._types",
    "ListsMultiStatus": "._types",
    "MembershipResult": "._types",
    "MembershipsMultiStatus": "._types",
    "SortOrder": "._types",
    "UploadAccepted": "._types",
    "UploadErrors": "._types",
    "UploadRowError": "._types",
    "UploadStatus": "._types",
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
    "ErrorFileExpiredError",
    "ExotelError",
    "FailedItem",
    "FileInput",
    "ImportProgress",
    "ImportResult",
    "InvalidInputError",
    "InvalidResponseError",
    "InvalidSettingError",
    "ItemCountMismatchError",
    "JournalInUseError",
    "JournalMismatchError",
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
    "NotFoundError",
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
