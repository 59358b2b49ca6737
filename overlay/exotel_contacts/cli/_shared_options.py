"""Options several commands share, declared once; and the confirmation destructive commands ask for."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from exotel_contacts.base.exceptions import InvalidInputError
from exotel_contacts.core.local_paths import check_input_file, check_output_file

from ._app import cell, stderr_console

if TYPE_CHECKING:
    from exotel_contacts.workflows.journal_spec import RedisJournal

__all__ = [
    "DefaultRegionOption",
    "DryRunOption",
    "DuplicateCheckOption",
    "ErrorsOutOption",
    "FileArgument",
    "JournalOption",
    "SendInvalidOption",
    "SortOption",
    "StrictOption",
    "WaitOption",
    "WaitTimeoutOption",
    "YesOption",
    "check_paths",
    "confirm",
    "journal_of",
    "terminal",
]

# Not Click's exists/readable checks: those print a multi-line usage box. Commands check the file with
# check_input_file, which fails in one line (exit 2) like every other input error.
FileArgument = Annotated[
    Path,
    typer.Argument(
        help="The contact CSV (UTF-8; columns of either family: phone_number or number, ...).",
    ),
]
WaitOption = Annotated[
    bool, typer.Option("--wait/--no-wait", help="Wait until Exotel has processed every row.")
]
ErrorsOutOption = Annotated[
    Path | None,
    typer.Option("--errors-out", help="Write every failed row to this CSV (Exotel's error format)."),
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Check that numbers are valid (phonenumbers), not only E.164-shaped.")
]
DefaultRegionOption = Annotated[
    str | None,
    typer.Option(help="Normalise national numbers with this region, e.g. IN: 09876543210 -> +919876543210."),
]
SendInvalidOption = Annotated[
    bool,
    typer.Option("--send-invalid", help="Send rows that fail local checks too, and let Exotel judge them."),
]
WaitTimeoutOption = Annotated[float, typer.Option(help="Seconds to wait for processing before giving up.")]
DuplicateCheckOption = Annotated[
    bool,
    typer.Option(
        "--duplicate-check/--no-duplicate-check",
        help="Find duplicate numbers within the file before sending (memory grows with distinct numbers).",
    ),
]

SortOption = Annotated[
    str | None,
    typer.Option("--sort-by", help="date_created:asc (default), date_created:desc, name:asc, name:desc"),
]
YesOption = Annotated[
    bool, typer.Option("--yes", "-y", help="Do not ask before deleting (needed without a terminal).")
]
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Change nothing; show what would go.")]
JournalOption = Annotated[
    str | None,
    typer.Option(
        "--journal",
        help="Record the plan and each step in this file, or in Redis with redis:JOB_ID (the Redis of "
        "--redis-url; any machine can then resume the job); after a crash, the same command with the "
        "same --journal resumes where it stopped (a journal of another file or other options is refused).",
        show_default=False,
    ),
]


def journal_of(given: str | None) -> Path | RedisJournal | None:
    """What ``--journal`` names: ``redis:JOB_ID`` is a journal in Redis, anything else a file's path."""
    if given is None:
        return None
    if given.startswith("redis:"):
        from exotel_contacts.workflows.journal_spec import RedisJournal

        return RedisJournal(given.removeprefix("redis:"))
    return Path(given)


def check_paths(file: Path, errors_out: Path | None = None, journal: str | None = None) -> None:
    """The input readable and the outputs writable, before anything is sent (one-line errors, exit 2)."""
    check_input_file(file)
    if errors_out is not None:
        check_output_file(errors_out, what="--errors-out")
    if journal is not None and not journal.startswith("redis:"):
        check_output_file(Path(journal), what="--journal")


_SHOWN = 20  # lines of what goes before "... and N more"


def terminal() -> bool:
    """Whether a person can answer: standard input and standard error are terminals."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def confirm(action: str, goes: Sequence[str], *, yes: bool) -> None:
    """Ask before ``action`` (``"delete list 'x'"``), listing what ``goes``, and wait for "y"; without a
    terminal, refuse (a typo in a cron job must not delete a list) unless ``yes``.

    Raises :class:`InvalidInputError` (one ``error:`` line, exit 2, nothing changed) when refused.
    """
    if yes:
        return
    if not terminal():
        raise InvalidInputError(
            f"refusing to {action} without a terminal to confirm on: pass --yes to go ahead"
        )
    console = stderr_console()
    console.print(f"This will {cell(action)}:", markup=False)
    for line in goes[:_SHOWN]:
        console.print(f"  - {cell(line)}", markup=False)
    if len(goes) > _SHOWN:
        console.print(f"  ... and {len(goes) - _SHOWN} more", markup=False)
    if not typer.confirm("Go ahead?", default=False, err=True):
        raise InvalidInputError(f"not confirmed: did not {action}")
