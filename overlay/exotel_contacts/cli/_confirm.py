"""Destructive commands ask first: on a terminal they show what goes and wait for "y"; elsewhere they
refuse unless given ``--yes`` (a typo in a cron job must not delete a list)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from exotel_contacts.base.exceptions import InvalidInputError

from ._app import cell, stderr_console

__all__ = ["DryRunOption", "YesOption", "confirm", "terminal"]

YesOption = Annotated[
    bool, typer.Option("--yes", "-y", help="Do not ask before deleting (needed without a terminal).")
]
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Change nothing; show what would go.")]
_SHOWN = 20


def terminal() -> bool:
    """Whether a person can answer: standard input and standard error are terminals."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def confirm(action: str, goes: Sequence[str], *, yes: bool, total: int | None = None) -> None:
    """Ask before ``action`` (``"delete list 'x'"``), listing what ``goes``; refuse without a terminal.

    Raises :class:`InvalidInputError` (one ``error:`` line, exit 2, nothing changed) when refused.
    """
    if yes:
        return
    if not terminal():
        raise InvalidInputError(
            f"refusing to {action} without a terminal to confirm on: pass --yes to go ahead"
        )
    console = stderr_console()
    count = len(goes) if total is None else total
    console.print(f"This will {cell(action)}:", markup=False)
    for line in goes[:_SHOWN]:
        console.print(f"  - {cell(line)}", markup=False)
    if count > _SHOWN:
        console.print(f"  ... and {count - _SHOWN} more", markup=False)
    if not typer.confirm("Go ahead?", default=False, err=True):
        raise InvalidInputError(f"not confirmed: did not {action}")
