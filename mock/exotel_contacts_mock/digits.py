"""Numbers in ASCII digits: the one rule for every number the mock reads from text (options, query values,
headers). Python's ``int()`` and ``float()`` also take "٢", "1_0", " 5 ", "nan" and "inf"."""

from __future__ import annotations

import re

__all__ = ["ascii_int", "ascii_number"]

_INTEGER = re.compile(r"-?[0-9]+", re.ASCII)
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?", re.ASCII)


def ascii_int(text: str, *, signed: bool = True) -> int | None:
    """``text`` as an int if it is ASCII digits (with a leading minus when ``signed``), else None."""
    if not _INTEGER.fullmatch(text) or (not signed and text.startswith("-")):
        return None
    return int(text)


def ascii_number(text: str) -> float | None:
    """``text`` as a float if ASCII digits with an optional fraction (no exponent, nan, inf), else None."""
    return float(text) if _NUMBER.fullmatch(text) else None
