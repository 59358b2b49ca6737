"""Field checks: phone numbers and email addresses, fast path first.

The default phone check is the E.164 shape the seeds demand (a compiled regex). Strict mode and
national-number normalisation go through `phonenumbers`, which costs tens of microseconds a call.

Emails: the spec's `EmailAddress` rule is the authority, the same one the server applies to
CSV rows and bulk contacts and promises for the addresses it answers with (`format: email`):
ASCII, a dot-atom local part of at most 64 characters (at most 32 besides its dots when it has
dots: the pattern has no lookarounds), a host name of two or more labels, at most 254 characters.
`EMAIL_PATTERN` is the spec's pattern (a test compares them), and `EMAIL_FAST` the compiled rule
with the length bound, a third of a microsecond a call. email-validator only explains a rejected
address: it accepts internationalised addresses the rule refuses (`josé@example.com`) and refuses
special-use domains the rule accepts (`a@b.test`), so its verdict would be a second rule.

Batches: the reader checks a few hundred rows at a time by joining their phone cells (and their email
cells) with line breaks and running one `finditer` over the text (`E164_LINES`, `EMAIL_LINES`): the
regex engine runs over the good lines without coming back to Python, and `bad_lines` gets only the
lines that fail, which take the per-row path. `EMAIL_LINES` is the rule
written without its length bounds, so it decides only lines of at most `EMAIL_LINES_MAX_LENGTH`
characters: in an address that short the local part has at most 32 characters and no label 64,
and there the two agree (a property test compares them); a longer address is checked with
`EMAIL_FAST` on its own.

Both libraries load on first use (the slow paths): checking a file of plain E.164 numbers and
valid addresses never imports them, which keeps `exotel-contacts validate` quick to start.
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
    "EMAIL_PATTERN",
    "PhoneCheck",
    "bad_email_cells",
    "bad_email_lines",
    "bad_lines",
    "bad_phone_lines",
    "check_email",
    "make_phone_check",
]

E164 = re.compile(r"\+[1-9][0-9]{1,14}")
"""E.164 shape; use with `fullmatch`. `[0-9]`, not `\\d`, which also matches non-ASCII digits."""

EMAIL_PATTERN = (
    r"^(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,64}"
    r"|[A-Za-z0-9!#$%&'*+/=?^_`{|}~-](?:\.?[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]){1,31})"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9]|[A-Za-z0-9-][A-Za-z0-9]|[A-Za-z0-9-](?:[A-Za-z0-9][A-Za-z0-9](?:[A-Za-z0-9-]{0,5"
    r"8}[A-Za-z0-9])?|[A-Za-z0-9]-[A-Za-z0-9-]{0,58}[A-Za-z0-9]|-[A-Za-z0-9](?:[A-Za-z0-9-]{0,58}[A-Za-z0-9])?))?\.)+"
    r"[A-Za-z](?:[A-Za-z0-9]|[A-Za-z0-9-][A-Za-z0-9]|[A-Za-z0-9-](?:[A-Za-z0-9][A-Za-z0-9](?:[A-Za-z0-9-]{0,58}"
    r"[A-Za-z0-9])?|[A-Za-z0-9]-[A-Za-z0-9-]{0,58}[A-Za-z0-9]|-[A-Za-z0-9](?:[A-Za-z0-9-]{0,58}[A-Za-z0-9])?))?$"
)
"""`components.schemas.EmailAddress.pattern` of openapi.yaml, character for character."""

EMAIL_MAX_LENGTH = 254
"""`components.schemas.EmailAddress.maxLength` of openapi.yaml."""

_LOCAL_MAX = 64  # EMAIL_PATTERN's local part: 64 characters without dots, 32 besides the dots with them

_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]"
# A DNS label is at most 63 characters, and hyphens in its 3rd and 4th place are kept for IDNA A-labels
# (xn--...), which a pattern cannot check (validators that decode them refuse `ab--c`): refused here.
_LABEL_START = r"(?![A-Za-z0-9-]{64})(?![A-Za-z0-9-]{2}--)"
EMAIL_FAST = re.compile(
    # The same language as EMAIL_PATTERN with the length bound (a property test compares them),
    # written so that nothing backtracks: possessive runs, and a label as alnum (-* alnum)* behind a
    # look-ahead for its length instead of `[A-Za-z0-9-]{0,61}[A-Za-z0-9]`, which gives back a
    # character at the end of every label. About 15 % faster, and this runs on every row.
    # The local part as in EMAIL_PATTERN: at most 64 characters without dots, 32 besides them with.
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
    # Each match starts at a line start, takes a run of good lines (possessive: never given back),
    # then the bad line that ended it, in group 1. finditer over a batch runs the good lines in C
    # and comes back only at bad ones.
    return re.compile(rf"(?<![^\n])(?:{good_line}\n)*+([^\n]*+)\n")


E164_LINES = _bad_line_finder(_E164_LINE)
"""Finds the lines of a text that are not an E.164 number (see `bad_lines`)."""

EMAIL_LINES = _bad_line_finder(_email_line(_LABEL_START))
"""Finds the lines of a text that are neither empty nor an address by the rule; decides lines of at
most `EMAIL_LINES_MAX_LENGTH` characters only (see the module docstring)."""

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
    text = _joined(lines)
    return None if text is None else _search(finder, text)


def bad_phone_lines(lines: list[str]) -> list[int]:
    """Indices of the cells that are not an E.164 number (`E164.fullmatch`), in order: one regex
    search over the batch."""
    found = bad_lines(E164_LINES, lines)
    if found is None:  # a cell holds a line break: one by one
        e164 = E164.fullmatch
        return [index for index, line in enumerate(lines) if not e164(line)]
    return found


def bad_email_cells(cells: list[str]) -> list[int]:
    """Indices of the cells that are neither empty nor an address by the rule (`EMAIL_FAST_OR_EMPTY`),
    in order: `EMAIL_LINES` over the batch (see the module docstring), then the whole rule for the
    long addresses it cannot decide, or for every cell when one holds a line break."""
    email_ok = EMAIL_FAST_OR_EMPTY.fullmatch
    found = bad_email_lines(cells)
    if found is None:  # a cell with a line break: the whole rule, one by one
        return [index for index, cell in enumerate(cells) if not email_ok(cell)]
    if cells and max(map(len, cells)) > EMAIL_LINES_MAX_LENGTH:
        # EMAIL_LINES may have stopped at a long one already: each index once.
        long_bad = {
            index
            for index, cell in enumerate(cells)
            if len(cell) > EMAIL_LINES_MAX_LENGTH and not email_ok(cell)
        }
        return sorted(long_bad.union(found))
    return found


def bad_email_lines(lines: list[str]) -> list[int] | None:
    """`bad_lines(EMAIL_LINES, lines)`, without the label look-ahead when no line holds a "--"."""
    text = _joined(lines)
    if text is None:
        return None
    return _search(EMAIL_LINES if "--" in text else _EMAIL_LINES_WITHOUT_DOUBLE_HYPHENS, text)


def _joined(lines: list[str]) -> str | None:
    # The last line, a NUL (which no contact file has: the prescan refuses them), is bad for every
    # finder: the search ends there instead of trying every position after the last bad line.
    if not lines:
        return "\x00\n"
    text = "\n".join(lines) + "\n\x00\n"
    return text if text.count("\n") == len(lines) + 1 else None


def _search(finder: re.Pattern[str], text: str) -> list[int]:
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
        import phonenumbers  # noqa: PLC0415 - tens of ms to import; national numbers and strict mode only

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
