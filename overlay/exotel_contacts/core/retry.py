"""Which failures are replayed (the sets of :mod:`exotel_contacts.base.outcomes`), how long to wait, and
the record each retry leaves. See docs/guides/retries-and-bounds.md.
"""

from __future__ import annotations

import logging
import math
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import attrs
import httpx

from exotel_contacts.base.outcomes import (
    MAY_HAVE_ACTED_ERRORS,
    MAY_HAVE_ACTED_STATUSES,
    NEVER_SENT_ERRORS,
    REFUSED_STATUSES,
    SAFE_METHODS,
)
from exotel_contacts.base.settings import check_count, check_fraction, check_seconds
from exotel_contacts.quota.server_rates import http_date, reset_wait

__all__ = [
    "ATTEMPTS",
    "REPLAY_SAFE",
    "RetryPolicy",
    "RetryRecord",
    "RetryState",
    "checked",
    "is_replay_safe",
    "parse_retry_after",
    "retry_after_of",
]

logger = logging.getLogger("exotel_contacts")

#: Request extension carrying the overlay's replay-safety decision to the transport (``bool``).
REPLAY_SAFE = "exotel_contacts.replay_safe"
#: Response extension set by the retry transports: how many attempts the answer took (1 = no replay).
ATTEMPTS = "exotel_contacts.attempts"


def is_replay_safe(request: httpx.Request) -> bool:
    """Whether replaying ``request`` cannot create duplicates (the overlay's mark, else the method)."""
    mark = request.extensions.get(REPLAY_SAFE)
    if mark is None:
        return request.method in SAFE_METHODS
    return bool(mark)


def retry_after_of(response: httpx.Response) -> float | None:
    """The server's wait: ``Retry-After``, else (on a 429) the seconds until ``X-RateLimit-Reset``."""
    wait = parse_retry_after(response.headers.get("Retry-After"))
    if wait is None and response.status_code == 429:
        wait = reset_wait(response.headers)
    return wait


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or HTTP date); ``None`` if unusable."""
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        when = http_date(value)
        if when is None:
            return None
        seconds = when - (now or datetime.now(UTC)).timestamp()
    if not math.isfinite(seconds):
        return None
    return max(0.0, seconds)


@attrs.frozen
class RetryRecord:
    """One scheduled retry, as given to ``RetryPolicy.on_retry`` (no headers, no secrets)."""

    method: str
    url: str
    attempt: int
    """The attempt that failed, 1-based."""
    max_attempts: int
    wait: float
    """Seconds until the next attempt."""
    reason: str
    """``"429"``, ``"503"``, ``"ConnectError"``, ...."""
    status_code: int | None
    retry_after: float | None
    elapsed: float
    """Seconds since the first attempt started."""


def checked(check: Callable[..., object], **bounds: Any) -> Callable[[object, Any, object], None]:
    """An attrs validator calling ``check(value, field name, **bounds)`` (the range checks of settings)."""

    def validate(_: object, field: Any, value: object) -> None:
        check(value, field.name, **bounds)

    return validate


_WAIT = checked(check_seconds, allow_zero=True, maximum=3600)


@attrs.frozen
class RetryPolicy:
    """How the transport retries: attempts, overall deadline, back-off, and a hook per retry.

    Back-off is ``wait_initial * 2**(attempt-1)`` capped at ``wait_max``, times a jitter factor in
    ``[1 - jitter, 1]``; a ``Retry-After`` answer replaces it (capped at ``retry_after_max``). A retry
    that would end past ``deadline`` seconds after the first attempt is not made (the client's
    ``call_timeout`` also ends attempts in flight). Every number is range-checked here
    (:class:`~exotel_contacts.InvalidSettingError`). To remove the waits
    in tests use stamina's switch: ``stamina.set_testing(True, attempts=100, cap=True)``.
    """

    max_attempts: int = attrs.field(default=5, validator=checked(check_count, minimum=1, maximum=100))
    deadline: float = attrs.field(default=180.0, validator=checked(check_seconds))
    wait_initial: float = attrs.field(default=0.5, validator=_WAIT)
    wait_max: float = attrs.field(default=8.0, validator=_WAIT)
    jitter: float = attrs.field(default=0.25, validator=checked(check_fraction))
    retry_after_max: float = attrs.field(default=120.0, validator=checked(check_seconds, allow_zero=True))
    on_retry: Callable[[RetryRecord], object] | None = attrs.field(default=None, eq=False)
    clock: Callable[[], float] = attrs.field(default=time.monotonic, eq=False, repr=False)
    random: Callable[[], float] = attrs.field(default=random.random, eq=False, repr=False)

    def backoff(self, attempt: int) -> float:
        """The jittered wait after failed attempt number ``attempt`` (1-based)."""
        try:
            base = min(self.wait_max, self.wait_initial * 2 ** (attempt - 1))
        except OverflowError:
            base = self.wait_max
        return float(base * (1 - self.jitter * self.random()))


class RetryableResponse(Exception):
    """Raised inside the retry loop to replay an answer; the last one is returned if retries run out."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.response = response


class RetryState:
    """The retry bookkeeping of one request; :meth:`decide` is the stamina ``on=`` predicate."""

    def __init__(
        self, policy: RetryPolicy, request: httpx.Request, *, call_timeout: float | None = None
    ) -> None:
        self.policy = policy
        self.request = request
        self.safe = is_replay_safe(request)
        self.attempt = 0
        self.started = policy.clock()
        self.call_timeout = call_timeout

    def remaining(self) -> float:
        """Seconds left of the call's deadline (``call_timeout``); infinite without one."""
        if self.call_timeout is None:
            return math.inf
        return max(0.0, self.call_timeout - (self.policy.clock() - self.started))

    def begin_attempt(self) -> None:
        """Count an attempt about to be made."""
        self.attempt += 1

    def should_replay(self, response: httpx.Response) -> bool:
        """Whether ``response`` is one to replay (the attempt budget is checked in :meth:`decide`)."""
        status = response.status_code
        return status in REFUSED_STATUSES or (self.safe and status in MAY_HAVE_ACTED_STATUSES)

    def decide(self, exc: BaseException) -> bool | float:
        """``False`` to stop, else the seconds to wait before the next attempt."""
        status: int | None = None
        retry_after: float | None = None
        if isinstance(exc, RetryableResponse):
            status = exc.response.status_code
            reason = str(status)
            if status in REFUSED_STATUSES:
                retry_after = retry_after_of(exc.response)
        elif isinstance(exc, NEVER_SENT_ERRORS) or (self.safe and isinstance(exc, MAY_HAVE_ACTED_ERRORS)):
            reason = type(exc).__name__
        else:
            return False
        policy = self.policy
        if self.attempt >= policy.max_attempts:
            return False
        if retry_after is not None:
            wait = min(retry_after, policy.retry_after_max)
        else:
            wait = policy.backoff(self.attempt)
        elapsed = policy.clock() - self.started
        if elapsed + wait > policy.deadline or elapsed + wait >= (self.call_timeout or math.inf):
            return False
        record = RetryRecord(
            method=self.request.method,
            url=str(self.request.url.copy_with(query=None)),
            attempt=self.attempt,
            max_attempts=policy.max_attempts,
            wait=wait,
            reason=reason,
            status_code=status,
            retry_after=retry_after,
            elapsed=elapsed,
        )
        logger.warning(
            "Retrying %s %s in %.2f s (attempt %d of %d failed: %s)",
            record.method,
            record.url,
            wait,
            record.attempt,
            record.max_attempts,
            reason,
        )
        if policy.on_retry is not None:
            policy.on_retry(record)
        return wait
