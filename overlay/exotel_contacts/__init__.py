"""exotel-contacts: a typed client for Exotel's contact APIs (CCM uploads, Campaign lists and contacts).

Start with :class:`Client` (or :class:`AsyncClient`)::

    import exotel_contacts

    with exotel_contacts.Client() as client:  # EXOTEL_ACCOUNT_SID, EXOTEL_API_KEY, EXOTEL_API_TOKEN
        status = client.upload_and_wait("contacts.csv")
"""

from ._async.client import AsyncClient
from ._async.polling import apoll_upload
from ._async.quota import AsyncRateLimiter
from ._async.transport import AsyncRetryTransport
from ._bulk import BulkAbortedError, BulkCreateResult, BulkInputError, BulkProgress, ContactOutcome, Outcome
from ._catalog import CATALOG_SCHEMAS, CodeInfo, explain
from ._config import DEFAULT_TIMEOUT, REGIONS, ClientConfig
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
    JournalMismatchError,
    NotFoundError,
    OutcomeUnknownError,
    PayloadTooLargeError,
    PaymentRequiredError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    TooManyContactsError,
    UploadFailedError,
    UploadTimeoutError,
    ValidationError,
)
from ._files import FileInput
from ._list_operations import MAX_PAGE_SIZE, Page
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
from ._operations import MAX_CONTACTS_PER_REQUEST
from ._polling import TERMINAL_STATUSES, PollSchedule, UploadProgress
from ._retry import REPLAY_SAFE, RetryPolicy, RetryRecord
from ._sync.client import Client
from ._sync.polling import poll_upload
from ._sync.quota import RateLimiter
from ._sync.transport import RetryTransport
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
from ._version import __version__

__all__ = [
    "CATALOG_SCHEMAS",
    "DEFAULT_TIMEOUT",
    "MAX_CONTACTS_PER_REQUEST",
    "MAX_PAGE_SIZE",
    "REGIONS",
    "REPLAY_SAFE",
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
    "NotFoundError",
    "Outcome",
    "OutcomeUnknownError",
    "Page",
    "PartResult",
    "PayloadTooLargeError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "PollSchedule",
    "RateLimitError",
    "RateLimiter",
    "ReconciliationResult",
    "RetryPolicy",
    "RetryRecord",
    "RetryTransport",
    "ServerError",
    "SortOrder",
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
]


_LAZY = {"ImportProgress", "ImportResult", "PartResult"}
_LAZY_REPORT = {"ReconciliationResult"}


def __getattr__(name: str) -> object:
    # The import types load on first use: their module pulls in phonenumbers and email-validator,
    # which `import exotel_contacts` should not pay for (start-up is benchmarked).
    if name in _LAZY:
        from . import _import  # noqa: PLC0415

        return getattr(_import, name)
    if name in _LAZY_REPORT:
        from . import _campaign_report  # noqa: PLC0415

        return getattr(_campaign_report, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
