"""Waiting for an upload to finish: plain functions with sync and async twins.

The schedule keeps detection delay within ``max(min_interval, ratio * processing time)`` while asking
far less often than once a second: the first look comes after the server's ``estimated_time_seconds``,
then the interval grows with the time already waited (``ratio`` of it, floored at ``min_interval`` and
capped at ``max_interval``). ``completed`` and ``failed`` end the wait; any other status, including one
this client has never seen, means "not yet".
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import attrs

from ._exceptions import UploadTimeoutError

__all__ = [
    "TERMINAL_STATUSES",
    "PollSchedule",
    "UploadProgress",
    "apoll_upload",
    "is_terminal",
    "poll_upload",
]

S = TypeVar("S")

#: Upload statuses after which nothing changes any more.
TERMINAL_STATUSES = frozenset({"completed", "failed"})


def is_terminal(status: object) -> bool:
    """Whether an upload status string is final (unknown values are not)."""
    return isinstance(status, str) and status.strip().lower() in TERMINAL_STATUSES


@attrs.frozen
class UploadProgress:
    """What one look at an upload showed; given to ``on_progress`` callbacks.

    Counts are ``None`` while the server does not know them yet. ``processed`` is
    ``successful + failed + duplicates`` when all three are known.
    """

    upload_id: str
    status: str
    total: int | None
    successful: int | None
    failed: int | None
    duplicates: int | None
    elapsed: float

    @property
    def processed(self) -> int | None:
        """Rows processed so far, or ``None`` when a count is unknown."""
        counts = (self.successful, self.failed, self.duplicates)
        if any(c is None for c in counts):
            return None
        return sum(c for c in counts if c is not None)

    @property
    def done(self) -> bool:
        """Whether the status is terminal."""
        return is_terminal(self.status)


@attrs.frozen
class PollSchedule:
    """When to look again: ``ratio`` of the time waited so far, within ``[min_interval, max_interval]``.

    The first look comes after the server's estimate; an estimate of ``hedge_from`` seconds or more
    is hedged: the first look comes at ``hedge_ratio`` of it, so an estimate that is too long costs
    a few extra looks instead of a late detection. Below ``hedge_from`` those looks would cost more
    than polling is worth, and the estimate is trusted.
    """

    min_interval: float = 1.0
    max_interval: float = 30.0
    ratio: float = 0.1
    hedge_from: float = 40.0
    hedge_ratio: float = 0.5

    def first_wait(self, estimate: float) -> float:
        """Seconds to wait before the first look, given the server's estimate."""
        estimate = max(0.0, estimate)
        return estimate * self.hedge_ratio if estimate >= self.hedge_from else estimate

    def next_wait(self, elapsed: float) -> float:
        """Seconds to wait after a look made ``elapsed`` seconds into the wait."""
        return min(self.max_interval, max(self.min_interval, self.ratio * elapsed))


def _timed_out(upload_id: str, last: object, waited: float) -> UploadTimeoutError:
    return UploadTimeoutError(
        f"Upload {upload_id} was not finished after {waited:.1f} s (last status: {_status_text(last)})",
        upload_id=upload_id,
        status=last,
        waited=waited,
    )


def _status_text(status: object) -> str:
    value = getattr(status, "status", None)
    return value if isinstance(value, str) else "none seen"


def poll_upload(
    fetch: Callable[[], S],
    progress_of: Callable[[S, float], UploadProgress],
    *,
    upload_id: str,
    first_wait: float = 0.0,
    timeout: float | None = None,
    schedule: PollSchedule | None = None,
    on_progress: Callable[[UploadProgress], Any] | None = None,
    sleep: Callable[[float], Any] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> S:
    """Call ``fetch`` until the status is terminal; return the last status.

    Raises :class:`UploadTimeoutError` (carrying the last status) when ``timeout`` seconds pass first.
    """
    schedule = schedule or PollSchedule()
    start = clock()
    last: S | None = None
    wait = schedule.first_wait(first_wait)
    while True:
        if wait > 0:
            if timeout is not None:
                remaining = timeout - (clock() - start)
                if remaining <= 0:
                    raise _timed_out(upload_id, last, clock() - start)
                wait = min(wait, remaining)
            sleep(wait)
        last = fetch()
        elapsed = clock() - start
        progress = progress_of(last, elapsed)
        if on_progress is not None:
            on_progress(progress)
        if progress.done:
            return last
        if timeout is not None and elapsed >= timeout:
            raise _timed_out(upload_id, last, elapsed)
        wait = schedule.next_wait(elapsed)


async def apoll_upload(
    fetch: Callable[[], Awaitable[S]],
    progress_of: Callable[[S, float], UploadProgress],
    *,
    upload_id: str,
    first_wait: float = 0.0,
    timeout: float | None = None,
    schedule: PollSchedule | None = None,
    on_progress: Callable[[UploadProgress], Any] | None = None,
    sleep: Callable[[float], Awaitable[Any]] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> S:
    """Async twin of :func:`poll_upload` (``sleep`` defaults to ``asyncio.sleep``)."""
    if sleep is None:
        import asyncio  # noqa: PLC0415 - only the async path needs it

        sleep = asyncio.sleep
    schedule = schedule or PollSchedule()
    start = clock()
    last: S | None = None
    wait = schedule.first_wait(first_wait)
    while True:
        if wait > 0:
            if timeout is not None:
                remaining = timeout - (clock() - start)
                if remaining <= 0:
                    raise _timed_out(upload_id, last, clock() - start)
                wait = min(wait, remaining)
            await sleep(wait)
        last = await fetch()
        elapsed = clock() - start
        progress = progress_of(last, elapsed)
        if on_progress is not None:
            on_progress(progress)
        if progress.done:
            return last
        if timeout is not None and elapsed >= timeout:
            raise _timed_out(upload_id, last, elapsed)
        wait = schedule.next_wait(elapsed)
