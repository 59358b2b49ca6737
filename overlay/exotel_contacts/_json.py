"""Decoding an answer's JSON: any document the server sends becomes a value or a reason, never a crash.

:func:`json.loads` raises ``RecursionError`` on a document nested a few thousand levels deep, and
accepts numbers no consumer can use (``1e400`` is ``inf``; ``10**400`` turns into ``OverflowError``
the moment it becomes a float or a sleep). Here the nesting error is a reason like any other parse
failure, integers are kept within 64 bits and floats finite, and every string is cleaned of control
characters (:mod:`exotel_contacts._sanitize`) before anything else sees it.
"""

from __future__ import annotations

import json
import math
from typing import Any

from ._sanitize import clean_json, json_may_need_cleaning

__all__ = ["MAX_INT", "Unreadable", "decode_answer"]

#: The largest integer taken from an answer (64-bit signed); counts and codes are far below it.
MAX_INT = 2**63 - 1
# The digits of MAX_INT: longer literals are refused before int() spends time on them.
_MAX_DIGITS = len(str(MAX_INT))
# What a document needs to hold for a number to be out of range: a run of 19+ digits or a 3-digit
# exponent. Without one (nearly always) the C parser runs without Python hooks, four times faster.
# Found with translate + substring search, ten times faster than a regular expression over the body.
_SHAPES = bytes.maketrans(b"123456789E+", b"000000000e-")
_HUGE_SHAPES = (b"0" * _MAX_DIGITS, b"e000", b"e-000")


def _may_be_huge(content: bytes) -> bool:
    shapes = content.translate(_SHAPES)
    return any(shape in shapes for shape in _HUGE_SHAPES)


class Unreadable(ValueError):
    """The answer is not a JSON document this client accepts; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _int(text: str) -> int:
    digits = text.lstrip("-")
    if len(digits) > _MAX_DIGITS or abs(value := int(text)) > MAX_INT:
        raise Unreadable(f"a number out of range ({len(digits)} digits)")
    return value


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise Unreadable(f"a number out of range ({text[:20]})")
    return value


def _constant(text: str) -> Any:
    raise Unreadable(f"{text} is not JSON")


def decode_answer(content: bytes) -> Any:
    """The JSON value of ``content``, cleaned; :class:`Unreadable` with the reason when it is not one."""
    try:
        if not _may_be_huge(content):
            value = json.loads(content, parse_constant=_constant)
        else:
            value = json.loads(content, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except Unreadable:
        raise
    except RecursionError:
        raise Unreadable("JSON nested too deeply") from None
    except UnicodeDecodeError:
        raise Unreadable("not UTF-8") from None
    except ValueError as exc:
        raise Unreadable(f"not JSON ({str(exc)[:80]})") from None
    if json_may_need_cleaning(content):
        value = clean_json(value)
    return value
