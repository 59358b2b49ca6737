"""The public API is explicit and pinned."""

from __future__ import annotations

import importlib
import pkgutil
import re
import tomllib
from pathlib import Path

import exotel_contacts

EXPECTED = {
    "APIConnectionError", "APIError", "APIStatusError", "APITimeoutError", "AsyncClient", "AsyncRateLimiter", "AsyncRetryTransport", "JournalMismatchError",
    "AuthenticationError", "BadRequestError", "BulkAbortedError", "BulkInputError", "InvalidSettingError", "ImportProgress", "ImportResult", "CodeSummary", "NetworkSettings", "RawResponse", "request_id_of", "JournalInUseError", "RedisJournal", "StoreUnavailableError", "PartResult", "BulkCreateResult", "BulkMetadata", "BulkProgress", "CATALOG_SCHEMAS", "Client", "ClientConfig",
    "CodeInfo", "ConfigurationError", "ConflictError", "Contact", "ContactCreate", "ContactList",
    "ContactOutcome", "ContactResult", "CreateContactsResponse", "CsvStatus", "CsvUploadData", "CsvUploadStats",
    "CsvUploadSummary", "DEFAULT_TIMEOUT", "DuplicateAction", "ErrorData", "ErrorFileExpiredError", "FailedItem",
    "ExotelError", "FileInput", "InvalidInputError", "InvalidResponseError", "ItemCountMismatchError", "ListType",
    "MAX_CONTACTS_PER_REQUEST", "NotFoundError", "Outcome", "OutcomeUnknownError", "PayloadTooLargeError",
    "PaymentRequiredError", "PermissionDeniedError", "PollSchedule", "REGIONS", "REPLAY_SAFE",
    "Rate", "RateLimitError", "RateLimiter", "RetryPolicy", "RetryRecord", "RetryTransport", "ServerError",
    "TERMINAL_STATUSES", "TooManyContactsError", "UploadAccepted", "UploadErrors", "UploadFailedError",
    "UploadProgress", "UploadRowError", "UploadStatus", "UploadTimeoutError", "ValidationError",
    "__version__", "SPEC_VERSION", "apoll_upload", "explain", "poll_upload",
    "MAX_PAGE_SIZE", "Page", "AddToListProgress", "AddToListResult", "MemberOutcome", "MemberResult",
    "ContactFileError", "FileEncodingError", "NulByteError", "MalformedCsvError", "FieldTooLargeError", "EmptyFileError", "MissingHeaderError", "MissingPhoneColumnError", "DuplicateColumnError", "ListCapExceededError",
    "SyncChange", "SyncFailure", "SyncListResult", "SyncProgress", "ReconciliationResult",
    "ContactPatch", "ContactUpdate", "ListCreate", "ListMembership", "ListPatch", "ListReference",
    "ListResult", "ListUpdate", "ListsMultiStatus", "MembershipResult", "MembershipsMultiStatus", "SortOrder",
}  # fmt: skip


def test_exported_names_are_pinned() -> None:
    assert set(exotel_contacts.__all__) == EXPECTED
    for name in exotel_contacts.__all__:
        assert hasattr(exotel_contacts, name), name


def test_every_public_exception_lives_in_the_exception_module_and_is_exported() -> None:
    from exotel_contacts.base import exceptions  # noqa: PLC0415

    errors = {
        name
        for name in exotel_contacts.__all__
        if isinstance(getattr(exotel_contacts, name), type)
        and issubclass(getattr(exotel_contacts, name), Exception)
    }
    assert errors == set(exceptions.__all__)
    for name in errors:
        assert getattr(exotel_contacts, name).__module__ == "exotel_contacts.base.exceptions", name
    for info in pkgutil.walk_packages(exotel_contacts.__path__, "exotel_contacts."):
        if info.name.startswith("exotel_contacts.cli"):
            continue  # the command line's own control flow (PartialResult), not the library's API
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if isinstance(obj, type) and issubclass(obj, exceptions.ExotelError):
                assert obj.__module__ == "exotel_contacts.base.exceptions", f"{info.name}.{name}"


def test_every_module_declares_all_and_documents_public_names() -> None:
    seen = 0
    for info in pkgutil.walk_packages(exotel_contacts.__path__, "exotel_contacts."):
        if info.name.startswith(("exotel_contacts.importing", "exotel_contacts.cli")):
            continue  # owned by other modules' authors
        module = importlib.import_module(info.name)
        seen += 1
        assert isinstance(getattr(module, "__all__", None), list | tuple), info.name
        for name in module.__all__:
            obj = getattr(module, name)
            if (
                callable(obj)
                and not name.isupper()
                and getattr(obj, "__module__", "").startswith("exotel_contacts.")
            ):
                assert obj.__doc__, f"{info.name}.{name}"
    assert seen > 60  # every module of every layer, not only the layers' packages


def test_version_matches_pyproject() -> None:
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    assert tomllib.loads(pyproject.read_text())["project"]["version"] == exotel_contacts.__version__


def test_spec_version_is_the_generated_clients_and_the_specs() -> None:
    """`SPEC_VERSION` is written by `make generate` from openapi.yaml's info.version (a stale generated
    package fails here and in the drift test)."""
    spec = Path(__file__).resolve().parents[2] / "openapi.yaml"
    version = re.search(r"^  version: (\S+)$", spec.read_text(encoding="utf-8"), re.MULTILINE)
    assert version is not None
    assert version.group(1) == exotel_contacts.SPEC_VERSION
    assert re.fullmatch(r"\d+\.\d+\.\d+", exotel_contacts.__version__)
