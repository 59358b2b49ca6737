"""Building the client a command talks through."""

from __future__ import annotations

import typer

from .._sync.client import Client
from ._app import State

__all__ = ["make_client"]


def make_client(ctx: typer.Context) -> Client:
    """A :class:`Client` from the global options, else the ``EXOTEL_*`` environment."""
    state = ctx.find_object(State) or State()
    return Client(**state.client_options())
