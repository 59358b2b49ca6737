"""Server text is data, never terminal commands: control characters are replaced where it enters.

C0 and C1 controls, DEL and the bidi overrides become U+FFFD, whitespace controls one space
(docs/decisions/0012), at the roots: every decoded JSON answer (:func:`clean_json`), every
:class:`~exotel_contacts.ExotelError`, and the command line's renderings.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["clean", "clean_json", "clean_opt", "json_may_need_cleaning"]

_SPACE = " "
_MARK = "\ufffd"
_TABLE: dict[int, str] = dict.fromkeys((*range(32), *range(127, 160)), _MARK)
_TABLE.update(dict.fromkeys((0x09, 0x0A, 0x0B, 0x0C, 0x0D), _SPACE))
_TABLE.update(dict.fromkeys((*range(0x202A, 0x202F), *range(0x2066, 0x206A)), _MARK))
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What a JSON document needs to hold to decode into an unsafe character: an escape of C0/C1/DEL
# (\u00XX, \b \f \n \r \t), an escaped bidi control (\u202X, \u206X), or those characters raw.
_RAW_UNSAFE = re.compile(
    rb"\\u00[0-9a-fA-F]{2}|\\u20[26][0-9a-fA-F]|\\[bfnrt]"
    rb"|[\x00-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
)


# Every match of _RAW_UNSAFE contains one of these; a raw C0 byte cannot be inside a valid JSON string.
# Single bytes: their search runs at memchr speed (a two-byte pattern is 50x slower on a 2 MB answer).
_MARKERS = (b"\\", b"\x7f", b"\xc2", b"\xe2")


def clean(text: str) -> str:
    """``text`` without control characters (U+FFFD in their place; whitespace controls become a space)."""
    if _UNSAFE.search(text) is None:
        return text
    return text.translate(_TABLE)


def clean_opt(text: str | None) -> str | None:
    """:func:`clean`, passing ``None`` through."""
    return None if text is None else clean(text)


def json_may_need_cleaning(raw: bytes) -> bool:
    """Whether decoding ``raw`` can yield a string with a control character (a cheap pre-check)."""
    # Substring tests first (memchr speed); the regular expression only when one of them hits.
    if not any(marker in raw for marker in _MARKERS):
        return False
    return _RAW_UNSAFE.search(raw) is not None


def clean_json(value: Any) -> Any:
    """Every string (keys included) of a decoded JSON value cleaned, in place where it can be.

    Iterative, so that an answer nested as deep as the JSON parser allows cannot exhaust the stack here.
    """
    if isinstance(value, str):
        return clean(value)
    stack: list[Any] = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key in list(node):
                item = node[key]
                if isinstance(item, str):
                    node[key] = clean(item)
                elif isinstance(item, dict | list):
                    stack.append(item)
                if isinstance(key, str) and _UNSAFE.search(key) is not None:
                    node[clean(key)] = node.pop(key)
        elif isinstance(node, list):
            for index, item in enumerate(node):
                if isinstance(item, str):
                    node[index] = clean(item)
                elif isinstance(item, dict | list):
                    stack.append(item)
    return value
