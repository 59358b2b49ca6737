"""Decoding an answer's JSON: any document the server sends becomes a value or an :class:`Unreadable` reason.

Nesting deeper than :data:`MAX_DEPTH` is refused on every interpreter alike (no ``RecursionError``), floats
must be finite, integers stay Python ints checked where used, and strings are cleaned of control
characters (docs/decisions/0011, 0012).
"""

from __future__ import annotations

import json
import math
from typing import Any

from .sanitize import clean_json, json_may_need_cleaning

__all__ = ["MAX_DEPTH", "MAX_INT", "Unreadable", "decode_answer"]

#: The largest count or code this client takes from an answer (64-bit signed); see ``_answers``.
MAX_INT = 2**63 - 1
#: The deepest nesting of arrays and objects this client takes from an answer. The deepest the spec
#: describes is a contact's ``custom_field`` (``x-max-depth`` 32) inside a 207's envelope: under 40.
MAX_DEPTH = 512


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
    if content.count(b"[") + content.count(b"{") > MAX_DEPTH and _deeper_than(value, MAX_DEPTH):
        raise Unreadable("JSON nested too deeply")
    if json_may_need_cleaning(content):
        value = clean_json(value)
    return value


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether arrays and objects nest more than `limit` levels in `value` (a walk without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        for child in children:
            if isinstance(child, dict | list):
                if depth >= limit:
                    return True
                stack.append((child, depth + 1))
    return False
