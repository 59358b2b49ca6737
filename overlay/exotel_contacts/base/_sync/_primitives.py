"""What truly differs on the sync side (hand-written; the async side is :mod:`.._async._primitives`).

The generated sync modules import these names where their async sources import the async ones.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import contextvars
import functools
import threading
import time
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Generic, ParamSpec, Self, TypeVar

import httpx

from ..deadline import Deadline

__all__ = [
    "Event",
    "Semaphore",
    "Window",
    "WindowLeft",
    "on_the_loop",
    "repeat",
    "run_blocking",
    "sleep",
    "time_limit",
]

T = TypeVar("T")
P = ParamSpec("P")


@contextlib.contextmanager
def repeat(every: float, fn: Callable[[], None]) -> Iterator[None]:
    """Run ``fn`` every ``every`` seconds (in a thread) while the block runs."""
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(every):
            fn()

    thread = threading.Thread(target=loop, daemon=True, name="exotel-renew")
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


Semaphore = threading.BoundedSemaphore
"""Limits what is in flight at once (``with``)."""
Event = threading.Event
"""Set once, waited for by the others."""


class WindowLeft(BaseException):
    """Raised in a :class:`Window`'s worker that sleeps after the window was left on an exception.

    A ``BaseException``, like ``asyncio.CancelledError`` on the async side, so that no ``except
    Exception`` in the workflows reads it as a failure of the part or chunk.
    """


_worker = threading.local()
"""``left``: the leaving event of the Window whose worker runs in this thread, if any."""


def sleep(seconds: float) -> None:
    """Block the calling thread (``time.sleep``, looked up at each call).

    In a :class:`Window`'s worker, the sleep ends early with :class:`WindowLeft` once the window is left
    on an exception (Ctrl-C included), as the async side cancels its tasks, so that leaving never waits
    for a poll that could last hours.
    """
    left: threading.Event | None = getattr(_worker, "left", None)
    if left is None:
        time.sleep(seconds)
    elif left.wait(seconds):
        raise WindowLeft


@contextlib.contextmanager
def time_limit(deadline: Deadline, request: httpx.Request) -> Iterator[None]:
    """Nothing to do here: a thread cannot be interrupted. The sync side keeps the deadline with
    timeouts capped at the time left (``limit_timeouts``) and a check after every chunk."""
    yield


def run_blocking(fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """Run CPU or disk work in the calling thread (the async side moves it off the event loop)."""
    return fn(*args, **kwargs)


def on_the_loop(fn: Callable[P, T]) -> Callable[P, T]:
    """``fn`` itself: the sync side has no event loop to hand calls to."""
    return fn


class Window(Generic[T]):
    """At most ``size`` calls in flight, each in a worker thread named ``name``; leaving it waits for them.

    Threads cannot be cancelled: on leaving, calls still running finish first (none is started after).
    Leaving on an exception (Ctrl-C included) also ends their :func:`sleep` with :class:`WindowLeft`, so
    what remains to wait for is at most the request each is in, which its timeouts bound.
    """

    def __init__(self, size: int, *, name: str) -> None:
        self.size = size
        self.name = name
        self._pool = concurrent.futures.ThreadPoolExecutor(size, thread_name_prefix=name)
        self._futures: set[concurrent.futures.Future[T]] = set()
        self._left = threading.Event()

    def __len__(self) -> int:
        return len(self._futures)

    @property
    def has_room(self) -> bool:
        """Whether another call may start."""
        return len(self._futures) < self.size

    def start(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> None:
        """Start ``fn(*args, **kwargs)`` in a worker thread, in a copy of the caller's context.

        The copy is what an asyncio task gets: the current OpenTelemetry span (a job's requests are its
        children) and any other context variable of the caller.
        """
        context = contextvars.copy_context()
        call = functools.partial(self._run, fn, *args, **kwargs)
        self._futures.add(self._pool.submit(context.run, call))

    def _run(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        _worker.left = self._left
        try:
            return fn(*args, **kwargs)
        finally:
            _worker.left = None

    def next_done(self) -> list[T]:
        """Wait until at least one call ends; the results of those that ended (a failure raises)."""
        done, pending = concurrent.futures.wait(self._futures, return_when=concurrent.futures.FIRST_COMPLETED)
        self._futures = pending
        return [future.result() for future in done]

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc is not None:
            self._left.set()
        self._pool.shutdown(wait=True, cancel_futures=exc is not None)
        self._futures = set()
