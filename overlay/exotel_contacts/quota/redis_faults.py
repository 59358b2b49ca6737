"""Riding out a Redis that is briefly away (restart, failover, blip) for ``redis_outage`` seconds, then
:class:`~exotel_contacts.StoreUnavailableError` (docs/guides/many-workers.md); other errors fail at once.

Calling again is safe because every script is idempotent for its caller: a booking or a slot is keyed
by the caller's own ticket, and a journal step carries its sequence number.
"""

from __future__ import annotations

import os
import random
from collections.abc import Mapping
from typing import Final
from urllib.parse import urlsplit

import attrs

from exotel_contacts.base.exceptions import APIConnectionError, StoreUnavailableError
from exotel_contacts.base.settings import check_seconds, env_number

from .redis_quota import redact_url

__all__ = [
    "DEFAULT_REDIS_OUTAGE",
    "OutageClock",
    "is_blip",
    "other_error",
    "outage_setting",
    "store_error",
]

#: Seconds a Redis call keeps trying through failures before :class:`StoreUnavailableError`.
DEFAULT_REDIS_OUTAGE: Final = 30.0
#: Upper bound of ``redis_outage`` (an hour): every wait stays finite.
MAX_REDIS_OUTAGE: Final = 3600.0
FIRST_WAIT: Final = 0.05
MAX_WAIT: Final = 2.0


def outage_setting(value: float | str | None, environ: Mapping[str, str] | None = None) -> float:
    """Seconds to ride out: ``redis_outage=`` (a number, or its text from the command line), else
    ``EXOTEL_REDIS_OUTAGE``, else 30; from 0 to an hour."""
    var = "EXOTEL_REDIS_OUTAGE"
    env = os.environ if environ is None else environ
    raw = env.get(var) if value is None else value
    seconds = env_number(raw, var) if isinstance(raw, str) else raw
    if seconds is None:
        return DEFAULT_REDIS_OUTAGE
    return check_seconds(seconds, "redis_outage", var=var, allow_zero=True, maximum=MAX_REDIS_OUTAGE)


def is_blip(exc: BaseException) -> bool:
    """Whether a redis-py error is one a Redis restart, failover or network blip gives."""
    import redis  # noqa: PLC0415 - optional extra, present whenever a Redis call was made

    blips: tuple[type[BaseException], ...] = (
        redis.ConnectionError,  # refused, reset, closed; BusyLoadingError (loading after a restart)
        redis.TimeoutError,
        redis.exceptions.ReadOnlyError,  # a replica not yet promoted by a failover
        redis.exceptions.TryAgainError,
        redis.exceptions.ClusterDownError,
        redis.exceptions.MasterDownError,
        ConnectionError,  # the builtin, for a socket error redis-py lets through
    )
    # A wrong password is a ConnectionError to redis-py, but no restart mends it.
    refused = (redis.exceptions.AuthenticationError, redis.exceptions.AuthorizationError)
    return isinstance(exc, blips) and not isinstance(exc, refused)


@attrs.define
class OutageClock:
    """The bookkeeping of one call's tries: when the outage began, and the next back-off."""

    limit: float
    started: float | None = None
    tries: int = 0

    def next_wait(self, now: float) -> float | None:
        """Seconds to wait before the next try, or None when the outage has lasted too long."""
        if self.started is None:
            self.started = now
        left = self.limit - (now - self.started)
        if left <= 0:
            return None
        wait = min(MAX_WAIT, FIRST_WAIT * 2.0**self.tries) * (0.5 + random.random() / 2)  # noqa: S311
        self.tries += 1
        return min(wait, left)


def _where_and_why(url: str, what: str, exc: BaseException) -> tuple[str, str]:
    # The URL and the error's text, the password shown as *** in both (redis-py may quote the URL).
    password = urlsplit(url).password
    detail = f"{type(exc).__name__}: {exc}"
    return f"Redis at {redact_url(url)} ({what})", detail.replace(password, "***") if password else detail


def store_error(url: str, what: str, exc: BaseException, clock: OutageClock) -> StoreUnavailableError:
    """The typed error of an outage longer than the bound."""
    where, why = _where_and_why(url, what, exc)
    return StoreUnavailableError(
        f"{where} could not be reached for {clock.limit:g} s ({clock.tries} tries): {why}",
        how_to_fix=(
            "Check that Redis is running and EXOTEL_REDIS_URL (or redis_url=) points at it; raise "
            "redis_outage (EXOTEL_REDIS_OUTAGE) to wait longer. Running the job again resumes it "
            "from its journal"
        ),
    )


def other_error(url: str, what: str, exc: BaseException) -> APIConnectionError:
    """A Redis error that is not a blip (a script error, authentication): at once, typed."""
    where, why = _where_and_why(url, what, exc)
    return APIConnectionError(
        f"{where} failed: {why}",
        how_to_fix="Check that Redis is running and EXOTEL_REDIS_URL (or redis_url=) points at it",
    )
