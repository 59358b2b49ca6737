"""The public names of exotel_contacts.importing are pinned."""

from __future__ import annotations

from exotel_contacts import importing


def test_exported_names() -> None:
    assert sorted(importing.__all__) == sorted(
        [
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
    )
    for name in importing.__all__:
        assert getattr(importing, name) is not None


def test_errors_share_one_base() -> None:
    base = importing.ContactFileError
    assert issubclass(base, ValueError)
    errors = [name for name in importing.__all__ if name.endswith("Error")]
    assert len(errors) == 10
    for name in errors:
        assert issubclass(getattr(importing, name), base)
