"""Progress display for imports, bulk creates and lists: rich bars on a terminal, plain lines otherwise."""

from __future__ import annotations

import dataclasses
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Self

import attrs
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from exotel_contacts.workflows.bulk import BulkProgress
from exotel_contacts.workflows.imports import ImportProgress
from exotel_contacts.workflows.lists import AddToListProgress, SyncProgress

from ._app import CommandResult, interactive, stderr_console

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

__all__ = ["BulkDisplay", "ImportDisplay", "ListDisplay", "progress_outcome"]


class _Display:
    """Receives a workflow's progress events; draws bars when given a ``Progress`` (on a terminal)."""

    quiet_lines = False
    """Whether ``quiet`` silences the stage lines too (they go to stderr otherwise)."""
    last: ImportProgress | BulkProgress | None = None
    """The latest import or bulk event: what an unexpected error leaves to report."""

    def __init__(self, progress: Progress | None, console: Console) -> None:
        self._progress = progress
        self._console = console
        self._tasks: dict[str, TaskID] = {}
        self._stage = ""

    @classmethod
    @contextmanager
    def shown(cls, *, quiet: bool = False) -> Iterator[Self]:
        """Bars while the block runs when on a terminal (not in CI) and not ``quiet``; else plain lines."""
        console = Console(quiet=True) if quiet and cls.quiet_lines else stderr_console()
        if quiet or not interactive():
            yield cls(None, console)
            return
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=False) as progress:
            yield cls(progress, console)

    def _bar(self, description: str, completed: int, total: int | None = None) -> None:
        if self._progress is None:
            return
        task = self._tasks.get(description)
        if task is None:
            task = self._tasks[description] = self._progress.add_task(description, total=total)
        self._progress.update(task, completed=completed, total=total)


class ImportDisplay(_Display):
    """Receives :class:`ImportProgress` events; without a terminal, one line per stage change."""

    def __call__(self, event: ImportProgress) -> None:
        self.last = event
        if self._progress is not None:
            if event.stage == "checking":
                self._bar("rows checked", event.rows_checked)
                return
            if "parts uploaded" not in self._tasks:  # the check is over: its bar fills
                self._bar("rows checked", event.rows_checked, event.rows_checked)
            self._bar("parts uploaded", event.parts_uploaded, event.parts)
            self._bar("rows processed by the server", event.rows_processed, event.rows_sent)
        elif event.stage not in {self._stage, "processing", "checking"}:
            self._stage = event.stage
            if event.stage == "checked":
                self._console.print(
                    f"checked {event.rows_checked} rows; sending {event.rows_sent} in {event.parts} part(s)"
                )
            elif event.stage == "done":
                self._console.print(f"done: {event.parts_done} of {event.parts} part(s) finished")


class BulkDisplay(_Display):
    """Receives :class:`BulkProgress` events for ``create``."""

    def __call__(self, event: BulkProgress) -> None:
        self.last = event
        if self._progress is not None:
            self._bar("contacts sent", event.done)


class ListDisplay(_Display):
    """Receives ``add_to_list`` and ``sync_list`` events: a bar of contacts added, a line per stage."""

    quiet_lines = True

    def __call__(self, event: AddToListProgress | SyncProgress) -> None:
        if isinstance(event, SyncProgress):
            if event.stage not in (self._stage, "done"):
                self._stage = event.stage
                detail = f" ({event.total})" if event.total else ""
                self._console.print(f"{event.stage.replace('_', ' ')}{detail}")
        elif self._progress is not None:
            self._bar("contacts added to the list", event.done, event.total)


def progress_outcome(shown: Sequence[ImportDisplay | BulkDisplay]) -> CommandResult | None:
    """The counts of the latest progress event of the latest display ``shown``, as a result to print when
    a command stops unexpectedly."""
    last = shown[-1].last if shown else None
    if last is None:
        return None
    counts: dict[str, Any] = (
        attrs.asdict(last) if isinstance(last, BulkProgress) else dataclasses.asdict(last)
    )
    document = {"partial": {"note": "stopped before the end; these are the last counts seen", **counts}}
    line = "stopped before the end; last counts seen: " + ", ".join(f"{k}={v}" for k, v in counts.items())
    return CommandResult(document, render=lambda out: out.line(line))
