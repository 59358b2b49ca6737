"""Leaving the sync Window on an exception (Ctrl-C) does not wait for its workers' polls to end."""

from __future__ import annotations

import threading

import pytest

from exotel_contacts.base._sync import _primitives
from exotel_contacts.base._sync._primitives import (
    Window,
    WindowLeft,
)


def _leave_on(error: BaseException, started: threading.Event, outcome: list[BaseException]) -> None:
    def poll() -> None:
        started.set()
        _primitives.sleep(3600)  # a wait for a slow upload

    try:
        with Window(2, name="t") as window:
            window.start(poll)
            window.start(poll)
            window.start(poll)  # queued: never started
            started.wait()
            raise error
    except BaseException as raised:  # what the window let through is the point
        outcome.append(raised)


@pytest.mark.parametrize("error", [KeyboardInterrupt(), RuntimeError("a callback failed")])
def test_leaving_on_an_exception_ends_the_workers_sleeps(error: BaseException) -> None:
    started, outcome = threading.Event(), []
    leaver = threading.Thread(target=_leave_on, args=(error, started, outcome), daemon=True)
    leaver.start()
    leaver.join(30)  # before the fix: an hour
    assert not leaver.is_alive(), "leaving the Window waited for a sleeping worker"
    assert outcome == [error]  # the caller's exception, not the workers'


def test_a_sleep_outside_a_window_or_in_one_left_normally_is_a_plain_sleep() -> None:
    _primitives.sleep(0)
    with Window(1, name="t") as window:
        window.start(_primitives.sleep, 0)
        assert window.next_done() == [None]


def test_the_stop_is_not_an_exception_the_workflows_would_catch() -> None:
    assert not issubclass(WindowLeft, Exception)
