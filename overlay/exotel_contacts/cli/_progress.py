"""Progress display for imports and bulk creates: rich bars on a terminal, plain lines otherwise."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager

import attrs
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from exotel_contacts.workflows.bulk import BulkProgress
from exotel_contacts.workflows.imports import ImportProgress
from exotel_contacts.workflows.lists import AddToListProgress, SyncProgress

from ._app import CommandResult, Output, interactive, stderr_console

__all__ = [
    "BulkDisplay",
    "ImportDisplay",
    "ListDisplay",
    "bulk_display",
    "import_display",
    "list_display",
    "progress_outcome",
]


class ImportDisplay:
    """Receives :class:`ImportProgress` events; draws bars (terminal) or prints stage lines (not)."""

    def __init__(self, progress: Progress | None, console: Console) -> None:
        self._progress = progress
        self._console = console
        self._tasks: dict[str, TaskID] = {}
        self._last_stage = ""
        self.last: ImportProgress | None = None
        """The latest event: what an unexpected error leaves to report."""

    def __call__(self, event: ImportProgress) -> None:
        self.last = event
        if self._progress is None:
            self._plain(event)
            return
        add = self._progress.add_task
        if "checked" not in self._tasks:
            self._tasks["checked"] = add("rows checked", total=None)
        if event.stage == "checking":
            self._progress.update(self._tasks["checked"], completed=event.rows_checked)
            return
        if "parts" not in self._tasks:
            self._progress.update(
                self._tasks["checked"], total=event.rows_checked, completed=event.rows_checked
            )
            self._tasks["parts"] = add("parts uploaded", total=event.parts)
            self._tasks["rows"] = add("rows processed by the server", total=event.rows_sent)
        self._progress.update(self._tasks["parts"], completed=event.parts_uploaded)
        self._progress.update(self._tasks["rows"], completed=event.rows_processed)

    def _plain(self, event: ImportProgress) -> None:
        # Without a terminal: one line per stage change, nothing animated.
        if event.stage in {self._last_stage, "processing", "checking"}:
            return
        self._last_stage = event.stage
        if event.stage == "checked":
            self._console.print(
                f"checked {event.rows_checked} rows; sending {event.rows_sent} in {event.parts} part(s)"
            )
        elif event.stage == "done":
            self._console.print(f"done: {event.parts_done} of {event.parts} part(s) finished")


class BulkDisplay:
    """Receives :class:`BulkProgress` events for ``create``."""

    def __init__(self, progress: Progress | None, console: Console) -> None:
        self._progress = progress
        self._console = console
        self._task: TaskID | None = None
        self.last: BulkProgress | None = None
        """The latest event: what an unexpected error leaves to report."""

    def __call__(self, event: BulkProgress) -> None:
        self.last = event
        if self._progress is None:
            return
        if self._task is None:
            self._task = self._progress.add_task("contacts sent", total=None)
        self._progress.update(self._task, completed=event.done)


class ListDisplay:
    """Receives ``add_to_list`` (:class:`AddToListProgress`) and ``sync_list`` (:class:`SyncProgress`)
    events: a bar of contacts added on a terminal, one line per stage otherwise."""

    def __init__(self, progress: Progress | None, console: Console) -> None:
        self._progress = progress
        self._console = console
        self._task: TaskID | None = None
        self._stage = ""

    def __call__(self, event: AddToListProgress | SyncProgress) -> None:
        if isinstance(event, SyncProgress):
            if event.stage not in (self._stage, "done"):
                self._stage = event.stage
                detail = f" ({event.total})" if event.total else ""
                self._console.print(f"{event.stage.replace('_', ' ')}{detail}")
            return
        if self._progress is None:
            return
        if self._task is None:
            self._task = self._progress.add_task("contacts added to the list", total=event.total)
        self._progress.update(self._task, completed=event.done)


def progress_outcome(display: ImportDisplay | BulkDisplay | None) -> CommandResult | None:
    """The counts of the latest progress event, as a result to print when a command stops unexpectedly."""
    last = display.last if display is not None else None
    if last is None:
        return None
    counts: dict[str, object] = (
        attrs.asdict(last) if isinstance(last, BulkProgress) else dataclasses.asdict(last)
    )
    document = {"partial": {"note": "stopped before the end; these are the last counts seen", **counts}}

    def render(console: Output) -> None:
        console.print(
            "stopped before the end; last counts seen: " + ", ".join(f"{k}={v}" for k, v in counts.items()),
            markup=False,
        )

    return CommandResult(document, render=render)


def _bars(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


@contextmanager
def import_display(*, quiet: bool = False) -> Iterator[ImportDisplay]:
    """Bars while the block runs when on a terminal (not in CI); else plain stage lines on stderr."""
    console = stderr_console()
    if quiet or not interactive():
        yield ImportDisplay(None, console)
        return
    with _bars(console) as progress:
        yield ImportDisplay(progress, console)


@contextmanager
def bulk_display(*, quiet: bool = False) -> Iterator[BulkDisplay]:
    """Bars for a bulk create when on a terminal (not in CI)."""
    console = stderr_console()
    if quiet or not interactive():
        yield BulkDisplay(None, console)
        return
    with _bars(console) as progress:
        yield BulkDisplay(progress, console)


@contextmanager
def list_display(*, quiet: bool = False) -> Iterator[ListDisplay]:
    """Progress of ``lists add`` and ``lists sync``: bars on a terminal, stage lines on stderr otherwise."""
    console = stderr_console()
    if quiet:
        yield ListDisplay(None, Console(quiet=True))
        return
    if not interactive():
        yield ListDisplay(None, console)
        return
    with _bars(console) as progress:
        yield ListDisplay(progress, console)
