"""What truly differs on the async side (hand-written; the sync side is :mod:`.._sync._primitives`).

The generated sync code imports the same names from its own ``_primitives``; keep the two modules'
names and signatures alike.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import threading
from collections.abc import AsyncIterator, Callable, Coroutine
from types import TracebackType
from typing import Any, Generic, ParamSpec, Self, TypeVar

import httpx

from ..deadline import Deadline

__all__ = [
    "Event",
    "Semaphore",
    "Window",
    "on_the_loop",
    "repeat",
    "run_blocking",
    "sleep",
    "time_limit",
]

T = TypeVar("T")
P = ParamSpec("P")


@contextlib.asynccontextmanager
async def repeat(every: float, fn: Callable[[], Coroutine[Any, Any, None]]) -> AsyncIterator[None]:
    """Run ``fn`` every ``every`` seconds (as a task) while the block runs."""

    async def loop() -> None:
        while True:
            await asyncio.sleep(every)
            await fn()

    task = asyncio.create_task(loop())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


Semaphore = asyncio.BoundedSemaphore
"""Limits what is in flight at once (``async with``)."""
Event = asyncio.Event
"""Set once, awaited by the others."""


async def sleep(seconds: float) -> None:
    """Wait without blocking the event loop (``asyncio.sleep``, looked up at each call)."""
    await asyncio.sleep(seconds)


@contextlib.asynccontextmanager
async def time_limit(deadline: Deadline, request: httpx.Request) -> AsyncIterator[None]:
    """End the block at ``deadline`` exactly, as the deadline's ``AttemptTimedOut`` (a ``ReadTimeout``)."""
    try:
        async with asyncio.timeout(deadline.remaining()):
            yield
    except TimeoutError:
        raise deadline.expired(request) from None


async def run_blocking(fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """Run CPU or disk work (reading and splitting a file, a journal step) in a thread, off the loop."""
    return await asyncio.to_thread(fn, *args, **kwargs)


def on_the_loop(fn: Callable[P, T]) -> Callable[P, T]:
    """``fn`` for code that :func:`run_blocking` runs in a thread: called there, it runs on this event
    loop (a user's callback, an ``Event.set``) and the thread waits for its result or its error."""
    loop = asyncio.get_running_loop()
    owner = threading.get_ident()

    def call(*args: P.args, **kwargs: P.kwargs) -> T:
        if threading.get_ident() == owner or loop.is_closed():
            return fn(*args, **kwargs)
        done: concurrent.futures.Future[T] = concurrent.futures.Future()

        def run() -> None:
            try:
                done.set_result(fn(*args, **kwargs))
            except BaseException as exc:
                done.set_exception(exc)

        loop.call_soon_threadsafe(run)
        return done.result()

    return call


class Window(Generic[T]):
    """At most ``size`` calls in flight, each as a task; leaving it cancels what is still running.

    ``name`` is the thread-name prefix on the sync side (unused here).
    """

    def __init__(self, size: int, *, name: str) -> None:
        self.size = size
        self.name = name
        self._tasks: set[asyncio.Task[T]] = set()

    def __len__(self) -> int:
        return len(self._tasks)

    @property
    def has_room(self) -> bool:
        """Whether another call may start."""
        return len(self._tasks) < self.size

    def start(self, fn: Callable[P, Coroutine[Any, Any, T]], /, *args: P.args, **kwargs: P.kwargs) -> None:
        """Start ``fn(*args, **kwargs)`` as a task."""
        self._tasks.add(asyncio.create_task(fn(*args, **kwargs)))

    async def next_done(self) -> list[T]:
        """Wait until at least one call ends; the results of those that ended (a failure raises)."""
        done, self._tasks = await asyncio.wait(self._tasks, return_when=asyncio.FIRST_COMPLETED)
        return [task.result() for task in done]

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        # Cancelled, or a callback raised: stop what is in flight rather than leave it running.
        for task in self._tasks:
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = set()
