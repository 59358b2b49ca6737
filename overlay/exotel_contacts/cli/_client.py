"""Building the client a command talks through."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from ._app import State

if TYPE_CHECKING:
    from .._sync.client import Client

__all__ = ["make_client"]


def make_client(ctx: typer.Context) -> Client:
    """A :class:`Client` from the global options, else the ``EXOTEL_*`` environment."""
    from .._sync.client import Client  # the network stack loads only for commands that use it

    state = ctx.find_object(State) or State()
    return Client(**state.client_options())
