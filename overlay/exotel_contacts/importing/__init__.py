"""Local half of importing a contact file of any size: read, check, split, report (no network code).

What the checks decide where the seeds are silent: docs/guides/imports.md.
"""

from exotel_contacts.base.exceptions import (
    ContactFileError,
    DuplicateColumnError,
    EmptyFileError,
    FieldTooLargeError,
    FileEncodingError,
    ListCapExceededError,
    MalformedCsvError,
    MissingHeaderError,
    MissingPhoneColumnError,
    NulByteError,
)

from .checks import E164, EMAIL_FAST, check_email, make_phone_check
from .columns import CAMPAIGN_COLUMNS, CANONICAL_COLUMNS, CCM_COLUMNS, Family, HeaderPlan, plan_header
from .reader import ContactSource, ValidationReport, read_contacts, validate_file
from .report import ERROR_CSV_COLUMNS, HasFailures, ImportReport, neutralise_cell, write_error_csv
from .rows import FailureSource, RowErrorCode, RowFailure, RowResult
from .split import Limits, ListKind, Part, SplitResult, split_file

__all__ = [
    "CAMPAIGN_COLUMNS",
    "CANONICAL_COLUMNS",
    "CCM_COLUMNS",
    "E164",
    "EMAIL_FAST",
    "ERROR_CSV_COLUMNS",
    "ContactFileError",
    "ContactSource",
    "DuplicateColumnError",
    "EmptyFileError",
    "FailureSource",
    "Family",
    "FieldTooLargeError",
    "FileEncodingError",
    "HasFailures",
    "HeaderPlan",
    "ImportReport",
    "Limits",
    "ListCapExceededError",
    "ListKind",
    "MalformedCsvError",
    "MissingHeaderError",
    "MissingPhoneColumnError",
    "NulByteError",
    "Part",
    "RowErrorCode",
    "RowFailure",
    "RowResult",
    "SplitResult",
    "ValidationReport",
    "check_email",
    "make_phone_check",
    "neutralise_cell",
    "plan_header",
    "read_contacts",
    "split_file",
    "validate_file",
    "write_error_csv",
]
