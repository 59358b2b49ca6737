"""Field checks: phone numbers and email addresses, fast path first.

The default phone check is the E.164 shape the seeds demand (a compiled regex). Strict mode and
national-number normalisation go through `phonenumbers`, which costs tens of microseconds a call.

Emails: `email_validator.validate_email` (deliverability off) is the authority, but it costs
~20 microseconds. `EMAIL_FAST` accepts only a plain ASCII subset of what email-validator accepts
(a property test pins this), so calling email-validator only when the regex does not match gives
the same verdicts at a fraction of the cost.

Both libraries load on first use (the slow paths): checking a file of plain E.164 numbers and
common addresses never imports them, which keeps `exotel-contacts validate` quick to start.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = [
    "E164",
    "EMAIL_FAST",
    "EMAIL_FAST_OR_EMPTY",
    "SPECIAL_USE_DOMAIN_NAMES",
    "PhoneCheck",
    "check_email",
    "make_phone_check",
]

E164 = re.compile(r"\+[1-9][0-9]{1,14}")
"""E.164 shape; use with `fullmatch`. `[0-9]`, not `\\d`, which also matches non-ASCII digits."""

# At most 64 characters in all (so the local part is within 64 and every DNS label within 63, and
# the UTF-8 length within email-validator's 254); a dot-atom local part of ASCII atext or Latin
# letters (U+00C0-U+024F, category L, already NFC); LDH labels with single inner hyphens (so no
# "--" that IDNA rules reject); an all-letter TLD that is not special-use (".test", ".local"...).
# Possessive quantifiers: nothing here needs backtracking, and skipping it saves a third of the time.
# One fixed-width look-behind per special-use name: cheaper than a look-ahead alternation.
SPECIAL_USE_DOMAIN_NAMES = ("arpa", "invalid", "local", "localhost", "onion", "test")
"""email-validator's `SPECIAL_USE_DOMAIN_NAMES` (a test pins the copy), spelled out here so the fast
path does not import email-validator (and idna) at start-up."""
_NOT_SPECIAL_USE = "".join(rf"(?<!\.(?i:{re.escape(name)}))" for name in sorted(SPECIAL_USE_DOMAIN_NAMES))
_ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f-]"
EMAIL_FAST = re.compile(
    rf"(?=.{{3,64}}\Z){_ATEXT}++(?:\.{_ATEXT}++)*+"
    r"@(?:[A-Za-z0-9]++(?:-[A-Za-z0-9]++)*+\.)++"
    rf"[A-Za-z]++{_NOT_SPECIAL_USE}"
)
"""Common addresses email-validator certainly accepts (a subset); use with `fullmatch`."""

EMAIL_FAST_OR_EMPTY = re.compile(f"(?:{EMAIL_FAST.pattern})?")
"""`EMAIL_FAST` or the empty string (email is optional); use with `fullmatch`."""

PhoneCheck = Callable[[str], "tuple[str, None, None] | tuple[None, str, str]"]
"""Slow-path phone check: (normalised, None, None) or (None, error code, message)."""

_MSG_MISSING = "Phone number is missing; fill in the phone_number (or number) column"


def _not_e164(value: str) -> str:
    return (
        f"Phone number {value!r} is not in valid E.164 format; write + country code and number "
        "without spaces or dashes, e.g. +919876543210"
    )


def _not_valid(value: str) -> str:
    return (
        f"Phone number {value!r} is not a valid number for its country; check the digits and the country code"
    )


def _not_parsed(value: str, region: str) -> str:
    return (
        f"Phone number {value!r} could not be read as a number for region {region}; "
        "write it in E.164 format, e.g. +919876543210"
    )


def make_phone_check(*, strict: bool, default_region: str | None) -> PhoneCheck:
    """Build the slow-path phone check for the given options.

    Non-strict callers run `E164.fullmatch` on the raw value first and call this only when it fails;
    strict callers call it for every row.
    """
    region = default_region.upper() if default_region else None
    e164_fullmatch = E164.fullmatch

    # One return per verdict reads better than a result variable threaded through the branches.
    def check(raw: str) -> tuple[str, None, None] | tuple[None, str, str]:  # noqa: PLR0911
        value = raw.strip()
        if not value:
            return None, "MISSING_REQUIRED", _MSG_MISSING
        # `value is raw`: nothing was trimmed, and the caller's regex already said no.
        if not strict and value is not raw and e164_fullmatch(value):
            return value, None, None
        if region is None and not e164_fullmatch(value):
            return None, "INVALID_PHONE", _not_e164(value)
        import phonenumbers  # noqa: PLC0415 - tens of ms to import; only national numbers and strict mode need it

        try:
            parsed = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            if region is None:
                return None, "INVALID_PHONE", _not_e164(value)
            return None, "INVALID_PHONE", _not_parsed(value, region)
        if strict:
            if not phonenumbers.is_valid_number(parsed):
                return None, "INVALID_PHONE", _not_valid(value)
        elif not phonenumbers.is_possible_number(parsed):
            return None, "INVALID_PHONE", _not_e164(value)
        normalised: str = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        if not e164_fullmatch(normalised):
            return None, "INVALID_PHONE", _not_e164(value)
        return normalised, None, None

    return check


def _obvious_email_problem(value: str) -> str | None:
    """Mistakes email-validator would certainly reject, named without its ~25 us parse."""
    local, at, domain = value.rpartition("@")
    if not at:
        return "An email address must have an @-sign."
    if not local:
        return "There must be something before the @-sign."
    if not domain:
        return "There must be something after the @-sign."
    # Domain literals ([1.2.3.4]) are refused by email-validator's defaults too, dot or not.
    if "." not in domain:
        return "The part after the @-sign is not valid. It should have a period."
    if ".." in value and '"' not in value:
        return "An email address cannot have two periods in a row."
    return None


def check_email(raw: str) -> str | None:
    """Slow path: None when `raw` (stripped) is a valid address, else a message saying what to fix."""
    value = raw.strip()
    if not value:
        return None
    if EMAIL_FAST.fullmatch(value):
        return None
    obvious = _obvious_email_problem(value)
    if obvious is not None:
        return f"Email address {value!r} is invalid: {obvious} Fix the address or leave the cell empty"
    from email_validator import EmailNotValidError, validate_email  # noqa: PLC0415 - see the docstring

    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        return f"Email address {value!r} is invalid: {exc} Fix the address or leave the cell empty"
    return None
