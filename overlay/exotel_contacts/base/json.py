"""Decoding an answer's JSON: any document the server sends becomes a value or a reason, never a crash.

:func:`json.loads` raises ``RecursionError`` on a document nested a few thousand levels deep, and
accepts numbers no consumer can use (``1e400`` is ``inf``, ``NaN`` is not a number). Here the nesting
error is a reason like any other parse failure, floats must be finite, and every string is cleaned of
control characters (:mod:`exotel_contacts.base.sanitize`) before anything else sees it. Integers of any
size are Python ints; the fields that use them check their range (``_answers``: counts and
estimates up to :data:`MAX_INT`, estimates clamped to a day), so ``10**400`` never becomes a float.
"""

from __future__ import annotations

import json
import math
from typing import Any

from .sanitize import clean_json, json_may_need_cleaning

__all__ = ["MAX_INT", "Unreadable", "decode_answer"]

#: The largest count or code this client takes from an answer (64-bit signed); see ``_answers``.
MAX_INT = 2**63 - 1


class Unreadable(ValueError):
    """The answer is not a JSON document this client accepts; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


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
        # Only floats and constants get Python hooks (answers hold few); integers stay at C speed
        # (a 5000-item 207 has 5000), and the fields that use them check their range.
        value = json.loads(content, parse_float=_float, parse_constant=_constant)
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
