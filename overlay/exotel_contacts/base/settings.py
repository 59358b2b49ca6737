"""Range checks for every numeric setting, made when the setting is given (``EXOTEL_TIMEOUT=1e10`` would
otherwise fail deep in the socket layer): a value outside its range is an :class:`InvalidSettingError`.
"""

from __future__ import annotations

import math

from .exceptions import InvalidSettingError

__all__ = [
    "MAX_SECONDS",
    "check_count",
    "check_fraction",
    "check_seconds",
    "env_number",
]

#: The longest duration any setting takes: one day. Socket timeouts and sleeps overflow far beyond it.
MAX_SECONDS = 86_400.0


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _named(name: str, var: str | None) -> str:
    return f"{name} ({var})" if var else name


def env_number(raw: str | None, var: str) -> float | None:
    """The number in an environment variable (``None`` when unset or blank)."""
    if raw is None or not raw.strip():
        return None
    try:
        return float(raw)
    except ValueError:
        raise InvalidSettingError(f"{var} must be a number, got {raw!r}") from None


def check_seconds(
    value: object,
    name: str,
    *,
    var: str | None = None,
    allow_zero: bool = False,
    maximum: float = MAX_SECONDS,
) -> float:
    """A duration in seconds: finite, positive (or zero when ``allow_zero``), at most ``maximum``."""
    low = "0" if allow_zero else "more than 0"
    if (
        not _is_number(value)
        or not math.isfinite(value)  # type: ignore[arg-type]
        or not (value >= 0 if allow_zero else value > 0)  # type: ignore[operator]
        or value > maximum  # type: ignore[operator]
    ):
        raise InvalidSettingError(
            f"{_named(name, var)} must be a number of seconds from {low} to {maximum:g}, got {value!r}"
        )
    return float(value)  # type: ignore[arg-type]


def check_count(value: object, name: str, *, minimum: int, maximum: int, var: str | None = None) -> int:
    """A whole number from ``minimum`` to ``maximum``."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not minimum <= value <= maximum:
        raise InvalidSettingError(
            f"{_named(name, var)} must be a whole number from {minimum} to {maximum}, got {value!r}"
        )
    return value


def check_fraction(value: object, name: str) -> float:
    """A number from 0 to 1."""
    if not _is_number(value) or not 0 <= value <= 1:  # type: ignore[operator]
        raise InvalidSettingError(f"{name} must be a number from 0 to 1, got {value!r}")
    return float(value)  # type: ignore[arg-type]
