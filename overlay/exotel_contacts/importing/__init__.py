"""Local half of importing a contact file: read, check, split into compliant parts, report."""

from .reader import ContactSource, ValidationReport, read_contacts, validate_file

__all__ = ["ContactSource", "ValidationReport", "read_contacts", "validate_file"]
