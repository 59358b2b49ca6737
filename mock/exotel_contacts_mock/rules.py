"""Pure per-contact checks shared by the CSV paths and bulk create."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .spec import rules

__all__ = [
    "ASCII_SPACE",
    "E164",
    "EMAIL_MAX_LENGTH",
    "EMAIL_PATTERN",
    "INVALID_EMAIL",
    "INVALID_PHONE",
    "MISSING_REQUIRED",
    "RowError",
    "check_email",
    "check_fields",
    "check_phone",
    "check_row",
    "normalise_number",
    "strip_ascii",
]

_RULES = rules()
E164 = _RULES.e164
"""The spec's `E164PhoneNumber.pattern` (ASCII digits only; matched whole)."""
EMAIL_PATTERN = _RULES.email.pattern
"""The spec's `EmailAddress.pattern`: what is accepted is what is answered."""
EMAIL_MAX_LENGTH = _RULES.email_max_length
"""The spec's `EmailAddress.maxLength`."""
ASCII_SPACE = " \t\r\n\x0b\x0c"
"""What `strip_ascii` takes off: ASCII white space only (`str.strip()` also takes U+00A0, U+3000...)."""
# Tab, CR and LF may sit inside a quoted field; every other control character is a format error.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class RowError:
    """Why one row (or contact) failed: a `ContactUploadErrorCode` and its message."""

    code: str
    message: str


INVALID_PHONE = RowError("INVALID_PHONE", "Phone number is not in valid E.164 format")
MISSING_REQUIRED = RowError("MISSING_REQUIRED", "Required field (phone_number) is missing or empty")
INVALID_EMAIL = RowError("INVALID_EMAIL", "Email address format is invalid")


def check_fields(values: dict[str, str], max_length: int) -> RowError | None:
    """INVALID_FORMAT when a field is too long or holds a control character (NUL included)."""
    for name, value in values.items():
        if len(value) > max_length:
            return RowError("INVALID_FORMAT", f"Field {name} is longer than {max_length} characters")
        if _CONTROL.search(value):
            return RowError("INVALID_FORMAT", f"Field {name} contains a control character")
    return None


def check_email(email: str) -> RowError | None:
    """INVALID_EMAIL for a non-empty email outside the spec's `EmailAddress` rule."""
    if email and (len(email) > EMAIL_MAX_LENGTH or not _RULES.email.fullmatch(email)):
        return INVALID_EMAIL
    return None


def check_phone(phone: str) -> RowError | None:
    """MISSING_REQUIRED for an empty number, INVALID_PHONE for one that is not E.164."""
    if not phone:
        return MISSING_REQUIRED
    if not E164.fullmatch(phone):
        return INVALID_PHONE
    return None


def check_row(values: dict[str, str], phone_field: str, max_length: int) -> RowError | None:
    """The static checks of one CSV row, in the order their codes are reported."""
    return (
        check_fields(values, max_length)
        or check_phone(values.get(phone_field, ""))
        or check_email(values.get("email", ""))
    )


def strip_ascii(text: str) -> str:
    """`text` without leading and trailing ASCII white space."""
    return text.strip(ASCII_SPACE)


def normalise_number(number: str, country_code: str) -> str | None:
    """E.164 as is; a national number (a leading 0, the spec's rule) gets `country_code`; else None."""
    number = strip_ascii(number)
    if E164.fullmatch(number):
        return number
    if _RULES.e164_or_national.fullmatch(number):
        candidate = f"+{country_code}{number[1:]}"
        return candidate if E164.fullmatch(candidate) else None
    return None
