"""Rate limits per rate class (``"200/minute"``, ``"200 per 1 minute"``), resolved like every setting.

A rate class (``ccm``, ``campaign``, ``reads``) is what one limit counts, per account; it is not the API
:data:`~exotel_contacts.base.families.Family`. Defaults, following the server's headers and why the notation
is parsed here without the ``limits`` library: docs/guides/rate-limits.md, docs/decisions/0027.
"""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Mapping
from typing import Final, Literal

import attrs

from .exceptions import ConfigurationError
from .families import Family

__all__ = [
    "DEFAULT_RATES",
    "OFF",
    "RATE_CLASS",
    "RATE_CLASSES",
    "UNSET",
    "Rate",
    "RateClass",
    "RateSettings",
    "Unset",
    "parse_rate",
    "rate_class_of",
]

RateClass = Literal["ccm", "campaign", "reads"]
RATE_CLASSES: Final[tuple[RateClass, ...]] = ("ccm", "campaign", "reads")
#: Request extension: the rate class the operation declares (openapi.yaml's ``x-exotel-rate-family``).
RATE_CLASS: Final = "exotel_contacts.rate_class"

#: Words that turn a limit off (``EXOTEL_RATE_LIMIT=off``).
OFF: Final = frozenset({"off", "none", "0", "unlimited"})


class Unset(enum.Enum):
    """The type of :data:`UNSET`: a keyword argument that was not passed (``None`` means off)."""

    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = Unset.UNSET


@attrs.frozen
class Rate:
    """At most ``limit`` requests in any ``window`` seconds (a moving window).

    ``follow_server=True``: ``limit`` is only where the client starts; the limit the server states in
    ``X-RateLimit-Limit`` replaces it, higher or lower (Exotel's defaults are such rates). Otherwise
    (every rate a user writes) ``limit`` is a ceiling: a lower limit from the server still applies.
    """

    limit: int
    window: float
    follow_server: bool = attrs.field(default=False, kw_only=True)

    def __str__(self) -> str:
        return f"{self.limit} per {self.window:g} s"


#: Exotel's published limits per family (see the module docstring for the sources); the headers of
#: an account with other limits replace them.
DEFAULT_RATES: Final[Mapping[RateClass, Rate]] = {
    "ccm": Rate(200, 60.0, follow_server=True),
    "campaign": Rate(30, 60.0, follow_server=True),
    "reads": Rate(300, 60.0, follow_server=True),
}

_UNITS: Final = {"second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0}
_NOTATION: Final = re.compile(
    r"(?P<count>\d{1,9})\s*(?:/|\s+per\s+)\s*(?P<n>\d{1,9})?\s*(?P<unit>second|minute|hour|day)s?",
    re.IGNORECASE,
)

RateInput = str | Rate | int | None


def parse_rate(value: RateInput | Unset, setting: str) -> Rate | None:
    """``"200 per 1 minute"``, ``"200/minute"``, ``"10 per 2 seconds"`` as a Rate (COUNT per [N] UNIT).

    ``None``, ``"off"``, ``"none"`` and ``0`` turn the limit off (``None`` is returned). An ``int`` is
    requests per minute. Anything else is a :class:`ConfigurationError` naming ``setting``.
    """
    if value is None or isinstance(value, Unset):
        return None
    if isinstance(value, Rate):
        return _checked(value, setting)
    if isinstance(value, bool):
        raise ConfigurationError(f"{setting} must be a rate like '200/minute', got {value!r}")
    if isinstance(value, int):
        return None if value == 0 else _checked(Rate(value, 60.0), setting)
    if not isinstance(value, str):
        raise ConfigurationError(f"{setting} must be a rate like '200/minute', got {type(value).__name__}")
    text = value.strip()
    if text.lower() in OFF:
        return None
    match = _NOTATION.fullmatch(text)
    if match is None:
        raise ConfigurationError(
            f"{setting} must be one rate like '200 per 1 minute' or '200/minute', got {value!r}",
            how_to_fix="Write COUNT per [N] second|minute|hour|day, or 'off' for no limit",
        )
    window = int(match["n"] or 1) * _UNITS[match["unit"].lower()]
    return _checked(Rate(int(match["count"]), window), setting)


def _checked(rate: Rate, setting: str) -> Rate:
    if isinstance(rate.limit, bool) or not isinstance(rate.limit, int) or rate.limit < 1:
        raise ConfigurationError(f"{setting} must allow at least one request, got {rate.limit!r}")
    if not 0 < rate.window < float("inf"):
        raise ConfigurationError(f"{setting} needs a positive finite window, got {rate.window!r}")
    return rate


@attrs.frozen
class RateSettings:
    """The limit of each family (``None``: not limited)."""

    ccm: Rate | None = DEFAULT_RATES["ccm"]
    campaign: Rate | None = DEFAULT_RATES["campaign"]
    reads: Rate | None = DEFAULT_RATES["reads"]

    def of(self, family: RateClass) -> Rate | None:
        """The limit of ``family``."""
        rate: Rate | None = getattr(self, family)
        return rate

    @property
    def any(self) -> bool:
        """Whether some family is limited."""
        return any(self.of(f) is not None for f in RATE_CLASSES)

    @classmethod
    def resolve(
        cls,
        *,
        rate_limit: RateInput | Unset = UNSET,
        ccm_rate_limit: RateInput | Unset = UNSET,
        campaign_rate_limit: RateInput | Unset = UNSET,
        reads_rate_limit: RateInput | Unset = UNSET,
        rate_limit_per_minute: int | Unset | None = UNSET,
        environ: Mapping[str, str] | None = None,
    ) -> RateSettings:
        """Each family's limit: its own argument, else ``EXOTEL_<FAMILY>_RATE_LIMIT``, else the shared
        ``rate_limit`` argument (or ``rate_limit_per_minute``, kept from earlier versions), else
        ``EXOTEL_RATE_LIMIT``, else Exotel's published limit of the family."""
        env = os.environ if environ is None else environ
        shared: tuple[RateInput, str] | None = None
        if not isinstance(rate_limit, Unset):
            shared = (rate_limit, "rate_limit")
        elif not isinstance(rate_limit_per_minute, Unset):
            shared = (rate_limit_per_minute, "rate_limit_per_minute")
        elif env.get("EXOTEL_RATE_LIMIT") is not None:
            shared = (env["EXOTEL_RATE_LIMIT"], "EXOTEL_RATE_LIMIT")
        own = {"ccm": ccm_rate_limit, "campaign": campaign_rate_limit, "reads": reads_rate_limit}
        resolved: dict[str, Rate | None] = {}
        for family in RATE_CLASSES:
            var = f"EXOTEL_{family.upper()}_RATE_LIMIT"
            if not isinstance(own[family], Unset):
                resolved[family] = parse_rate(own[family], f"{family}_rate_limit")
            elif env.get(var) is not None:
                resolved[family] = parse_rate(env[var], var)
            elif shared is not None:
                resolved[family] = parse_rate(*shared)
            else:
                resolved[family] = DEFAULT_RATES[family]
        return cls(**resolved)


def rate_class_of(api: Family, method: str, declared: object = None) -> RateClass:
    """Which family's limit a request counts against: the one its operation declares, else the
    default of openapi.yaml's ``info.description`` (``ccm``; Campaign: ``reads`` or ``campaign``)."""
    if declared in RATE_CLASSES:
        return declared
    if api == "ccm":
        return "ccm"
    return "reads" if method.upper() in ("GET", "HEAD") else "campaign"
