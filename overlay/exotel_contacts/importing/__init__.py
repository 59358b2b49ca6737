"""Local half of importing a contact file of any size: read, check, split, report.

No network code here: the overlay's upload helpers send the parts this package writes and feed the
server's verdicts back into an `ImportReport`.

Decisions (where the seeds are silent):

- Files are UTF-8, with or without BOM; anything else is a `FileEncodingError` / `NulByteError`
  naming line and byte. CSV is the stdlib dialect (comma, double quotes) with `strict=True`, so a
  stray quote is a `MalformedCsvError` with its line rather than a silently mangled field.
- Column families: CCM (`phone_number, first_name, last_name, email, company, tag, custom_field_1`)
  and Campaign (`number, first_name, last_name, company_name, email, tag`). Either family's names
  are accepted (trimmed, case-insensitive, runs of spaces and dashes read as `_`); columns of
  neither family are dropped with a warning, never silently; `custom_field_1` is dropped with a
  warning when the target is Campaign.
- Row numbers are 1-based data records of the original file (header not counted; a quoted line
  break does not start a new row). Empty lines and rows whose every cell is blank count in the
  numbering but are skipped (`blank_rows`), as spreadsheets export them by the dozen.
- One error per row, checked in this order: field count (INVALID_FORMAT), phone (MISSING_REQUIRED,
  INVALID_PHONE), email (INVALID_EMAIL), in-file duplicate (DUPLICATE_ENTRY, naming the first row).
  Only rows that passed the earlier checks count as a first occurrence.
- Phones: default is the E.164 shape; `default_region` normalises national numbers with
  phonenumbers (possible-number check); `strict` demands `is_valid_number`. Parts carry the
  normalised, trimmed values.
- Emails: the verdict is the spec's `EmailAddress` rule (ASCII dot-atom @ host name, at most 254
  characters), the one the server applies; email-validator only words the reason for a rejection.
- "MB" in the limits is 10**6 bytes (the stricter reading); part sizes count the header.
"""

from .checks import E164, EMAIL_FAST, check_email, make_phone_check
from .columns import CAMPAIGN_COLUMNS, CANONICAL_COLUMNS, CCM_COLUMNS, Family, HeaderPlan, plan_header
from .errors import (
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
from .limits import Limits
from .reader import ContactSource, ValidationReport, read_contacts, validate_file
from .report import ERROR_CSV_COLUMNS, HasFailures, ImportReport, neutralise_cell, write_error_csv
from .rows import FailureSource, RowErrorCode, RowFailure, RowResult
from .split import ListKind, Part, SplitResult, split_file

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
