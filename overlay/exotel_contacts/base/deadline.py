"""A point in time an attempt must end by, and the error for an attempt still running then."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx

__all__ = ["AttemptTimedOut", "Deadline"]


class AttemptTimedOut(httpx.ReadTimeout):
    """The attempt's overall deadline passed while the answer was still arriving."""


class Deadline:
    """A point in time on ``clock``; ``remaining()`` seconds until it (never below 0)."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self.at = clock() + seconds

    def remaining(self) -> float:
        """Seconds left."""
        return max(0.0, self.at - self.clock())

    def check(self, request: httpx.Request) -> None:
        """Raise :class:`AttemptTimedOut` once the deadline has passed."""
        if self.clock() >= self.at:
            raise self.expired(request)

    def expired(self, request: httpx.Request) -> AttemptTimedOut:
        """The error for an attempt still running at the deadline."""
        return AttemptTimedOut(
            f"the attempt took longer than its deadline of {self.seconds:.3g} s "
            "(attempt_timeout / EXOTEL_ATTEMPT_TIMEOUT, call_timeout / EXOTEL_CALL_TIMEOUT)",
            request=request,
        )
