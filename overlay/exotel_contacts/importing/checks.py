"""Field checks: phone numbers (E.164; `phonenumbers` for strict mode and national numbers) and email
addresses (the spec's rule, docs/decisions/0018), per batch first (docs/decisions/0024).

Both libraries load on first use, so checking a file of clean rows never imports them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = [
    "E164",
    "E164_LINES",
    "EMAIL_FAST",
    "EMAIL_FAST_OR_EMPTY",
    "EMAIL_LINES",
    "EMAIL_LINES_MAX_LENGTH",
    "EMAIL_MAX_LENGTH",
    "PhoneCheck",
    "bad_email_cells",
    "bad_lines",
    "bad_phone_lines",
    "check_email",
    "make_phone_check",
]

E164 = re.compile(r"\+[1-9][0-9]{1,14}")
"""E.164 shape; use with `fullmatch`. `[0-9]`, not `\\d`, which also matches non-ASCII digits."""

EMAIL_MAX_LENGTH = 254
"""`components.schemas.EmailAddress.maxLength` of openapi.yaml."""

_LOCAL_MAX = 64  # the rule's local part: 64 characters without dots, 32 besides the dots with them

_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]"
# A DNS label is at most 63 characters, and hyphens in its 3rd and 4th place are kept for IDNA A-labels
# (xn--...), which a pattern cannot check (validators that decode them refuse `ab--c`): refused here.
_LABEL_START = r"(?![A-Za-z0-9-]{64})(?![A-Za-z0-9-]{2}--)"
EMAIL_FAST = re.compile(
    # The spec's EmailAddress pattern and length bound (a property test compares them), written so that
    # nothing backtracks: possessive runs, and a label as alnum (-* alnum)* behind a look-ahead for its
    # length instead of `[A-Za-z0-9-]{0,61}[A-Za-z0-9]`, which gives back a character at every label's end.
    rf"(?=.{{1,{EMAIL_MAX_LENGTH}}}\Z)"
    rf"(?:{_ATEXT}{{1,{_LOCAL_MAX}}}+(?=@)|{_ATEXT}(?:\.?{_ATEXT}){{1,{_LOCAL_MAX // 2 - 1}}}+)"
    rf"@(?:{_LABEL_START}[A-Za-z0-9](?:-*+[A-Za-z0-9])*+\.)++{_LABEL_START}[A-Za-z](?:-*+[A-Za-z0-9])*+"
)
"""The whole `EmailAddress` rule, length included; use with `fullmatch`."""

EMAIL_FAST_OR_EMPTY = re.compile(f"(?:{EMAIL_FAST.pattern})?")
"""`EMAIL_FAST` or the empty string (email is optional); use with `fullmatch`."""

_E164_LINE = r"\+[1-9][0-9]{1,14}+"
_LABEL = r"[A-Za-z0-9]++(?:-++[A-Za-z0-9]++)*+"  # the rule's label (length: see below)
_LAST_LABEL = r"[A-Za-z][A-Za-z0-9]*+(?:-++[A-Za-z0-9]++)*+"


def _email_line(label_start: str) -> str:
    return rf"(?:{_ATEXT}++(?:\.{_ATEXT}++)*+@(?:{label_start}{_LABEL}\.)++{label_start}{_LAST_LABEL})?"


def _bad_line_finder(good_line: str) -> re.Pattern[str]:
    # A match: from a line start, a run of good lines (possessive), then the bad line, in group 1.
    return re.compile(rf"(?<![^\n])(?:{good_line}\n)*+([^\n]*+)\n")


E164_LINES = _bad_line_finder(_E164_LINE)
"""Finds the lines of a text that are not an E.164 number (see `bad_lines`)."""

EMAIL_LINES = _bad_line_finder(_email_line(_LABEL_START))
"""Finds the lines of a text that are neither empty nor an address by the rule; decides lines of at
most `EMAIL_LINES_MAX_LENGTH` characters only (docs/decisions/0024)."""

EMAIL_LINES_MAX_LENGTH = 36
"""Up to here an address's local part has at most 32 characters (the '@' and a host of at least
three follow it) and no label can reach 64, so the rule's length bounds hold by themselves."""


_EMAIL_LINES_WITHOUT_DOUBLE_HYPHENS = _bad_line_finder(_email_line(""))
"""`EMAIL_LINES` for a text with no "--" anywhere (then no label has hyphens in its 3rd and 4th places,
and the look-ahead at every label, a tenth of the batch check, can go)."""


def bad_lines(finder: re.Pattern[str], lines: list[str]) -> list[int] | None:
    """Indices of the `lines` that `finder` (`E164_LINES` or `EMAIL_LINES`) calls bad.

    None when a line holds a line break itself (the text's lines would not be the list's): the
    caller checks those lines one by one.
    """
    # The last line, a NUL (which no contact file has: the prescan refuses them), is bad for every
    # finder: the search ends there instead of trying every position after the last bad line.
    text = "\n".join(lines) + "\n\x00\n" if lines else "\x00\n"
    if text.count("\n") != len(lines) + 1:
        return None
    if finder is EMAIL_LINES and "--" not in text:
        finder = _EMAIL_LINES_WITHOUT_DOUBLE_HYPHENS
    found: list[int] = []
    line = position = 0
    count = text.count
    for matched in finder.finditer(text):
        start = matched.start(1)
        line += count("\n", position, start)
        found.append(line)
        line += 1
        position = matched.end()
    found.pop()  # the NUL line
    return found


def _not_matching(rule: re.Pattern[str], cells: list[str]) -> list[int]:
    """Indices of the `cells` that `rule` does not match whole, one by one."""
    return [index for index, cell in enumerate(cells) if not rule.fullmatch(cell)]


def bad_phone_lines(lines: list[str]) -> list[int]:
    """Indices of the cells that are not an E.164 number (`E164.fullmatch`), in order: one regex
    search over the batch."""
    found = bad_lines(E164_LINES, lines)
    return _not_matching(E164, lines) if found is None else found


def bad_email_cells(cells: list[str]) -> list[int]:
    """Indices of the cells that are neither empty nor an address by the rule (`EMAIL_FAST_OR_EMPTY`),
    in order: `EMAIL_LINES` over the batch (docs/decisions/0024), then the whole rule for the
    long addresses it cannot decide, or for every cell when one holds a line break."""
    found = bad_lines(EMAIL_LINES, cells)
    if found is None:
        return _not_matching(EMAIL_FAST_OR_EMPTY, cells)
    if cells and max(map(len, cells)) > EMAIL_LINES_MAX_LENGTH:
        # EMAIL_LINES may have stopped at a long one already: each index once.
        longer = [cell if len(cell) > EMAIL_LINES_MAX_LENGTH else "" for cell in cells]
        return sorted({*found, *_not_matching(EMAIL_FAST_OR_EMPTY, longer)})
    return found


PhoneCheck = Callable[[str], "tuple[str, None, None] | tuple[None, str, str]"]
"""Slow-path phone check: (normalised, None, None) or (None, error code, message)."""

_MSG_MISSING = "Phone number is missing; fill in the phone_number (or number) column"
_NOT_E164 = (
    "Phone number {!r} is not in valid E.164 format; write + country code and number without spaces or "
    "dashes, e.g. +919876543210"
)
_NOT_VALID = "Phone number {!r} is not a valid number for its country; check the digits and the country code"
_NOT_PARSED = (
    "Phone number {!r} could not be read as a number for region {}; write it in E.164 format, "
    "e.g. +919876543210"
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
            return None, "INVALID_PHONE", _NOT_E164.format(value)
        import phonenumbers  # noqa: PLC0415 - tens of ms to import; national numbers and strict mode only

        try:
            parsed = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            if region is None:
                return None, "INVALID_PHONE", _NOT_E164.format(value)
            return None, "INVALID_PHONE", _NOT_PARSED.format(value, region)
        if strict:
            if not phonenumbers.is_valid_number(parsed):
                return None, "INVALID_PHONE", _NOT_VALID.format(value)
        elif not phonenumbers.is_possible_number(parsed):
            return None, "INVALID_PHONE", _NOT_E164.format(value)
        normalised: str = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        if not e164_fullmatch(normalised):
            return None, "INVALID_PHONE", _NOT_E164.format(value)
        return normalised, None, None

    return check


def _obvious_email_problem(value: str) -> str | None:  # noqa: PLR0911 - one return per mistake
    """Mistakes named without email-validator's ~25 us parse."""
    local, at, domain = value.rpartition("@")
    if not at:
        return "An email address must have an @-sign."
    if not local:
        return "There must be something before the @-sign."
    if not domain:
        return "There must be something after the @-sign."
    if not value.isascii():
        return "Only ASCII characters are accepted, not internationalised addresses (nor their xn-- form)."
    if len(value) > EMAIL_MAX_LENGTH:
        return f"It is longer than {EMAIL_MAX_LENGTH} characters."
    if "." not in domain:
        return "The part after the @-sign is not valid. It should have a period."
    if ".." in value:
        return "An email address cannot have two periods in a row."
    if len(local) > _LOCAL_MAX:
        return f"The part before the @-sign is longer than {_LOCAL_MAX} characters."
    if "." in local and len(local) - local.count(".") > _LOCAL_MAX // 2:
        return f"The part before the @-sign has dots and more than {_LOCAL_MAX // 2} other characters."
    return None


def check_email(raw: str) -> str | None:
    """Slow path: None when `raw` (stripped) meets the spec's `EmailAddress` rule, else what to fix."""
    value = raw.strip()
    if not value or EMAIL_FAST.fullmatch(value):
        return None
    problem = _obvious_email_problem(value)
    if problem is None:
        from email_validator import EmailNotValidError, validate_email  # noqa: PLC0415 - see the docstring

        try:
            validate_email(value, check_deliverability=False, globally_deliverable=False)
        except EmailNotValidError as exc:
            problem = str(exc)
        else:
            problem = (
                "It needs letters, digits and !#$%&'*+/=?^_`{|}~- in dot-separated parts before the "
                "@-sign, and a host name of letters, digits and inner hyphens after it (not in a "
                "part's 3rd and 4th places together) whose last part starts with a letter."
            )
    return f"Email address {value!r} is invalid: {problem} Fix the address or leave the cell empty"
