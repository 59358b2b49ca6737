"""Building the client a command talks through."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from exotel_contacts.base.settings import env_number

from ._app import State

if TYPE_CHECKING:
    from exotel_contacts.client._sync.client import Client

__all__ = ["make_client"]


def make_client(ctx: typer.Context) -> Client:
    """A :class:`Client` from the global options, else the ``EXOTEL_*`` environment."""
    from exotel_contacts.client._sync.client import Client

    state = ctx.find_object(State) or State()
    options = state.client_options()
    if "timeout" in options:
        # Checked here, inside the command, so that a bad value is a one-line error (exit 2).
        options["timeout"] = env_number(options["timeout"], "--timeout / EXOTEL_TIMEOUT")
    return Client(**options)
