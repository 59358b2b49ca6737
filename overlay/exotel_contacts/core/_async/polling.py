"""Waiting for an upload to finish: call ``fetch`` on the schedule of :mod:`exotel_contacts.core.polling`."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from exotel_contacts.base._async._primitives import sleep as default_sleep

from ..polling import PollSchedule, UploadProgress, check_wait_timeout, timed_out

__all__ = ["apoll_upload"]

S = TypeVar("S")


async def apoll_upload(
    fetch: Callable[[], Awaitable[S]],
    progress_of: Callable[[S, float], UploadProgress],
    *,
    upload_id: str,
    first_wait: float = 0.0,
    timeout: float | None = None,
    schedule: PollSchedule | None = None,
    on_progress: Callable[[UploadProgress], Any] | None = None,
    sleep: Callable[[float], Awaitable[Any]] = default_sleep,
    clock: Callable[[], float] = time.monotonic,
) -> S:
    """Call ``fetch`` until the status is terminal; return the last status.

    The first look comes after ``first_wait`` (the server's estimate), later ones per
    ``PollSchedule.wait_after``. Raises :class:`~exotel_contacts.UploadTimeoutError` (carrying the last
    status) when ``timeout`` seconds pass first.
    """
    timeout = check_wait_timeout(timeout)
    schedule = schedule or PollSchedule()
    start = clock()
    last: S | None = None
    previous: UploadProgress | None = None
    wait = schedule.first_wait(first_wait)
    while True:
        if wait > 0:
            if timeout is not None:
                remaining = timeout - (clock() - start)
                if remaining <= 0:
                    raise timed_out(upload_id, last, clock() - start)
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
            raise timed_out(upload_id, last, elapsed)
        wait = schedule.wait_after(progress, previous)
        previous = progress
