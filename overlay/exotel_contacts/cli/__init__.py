"""The ``exotel-contacts`` command line: a thin shell over the overlay (one module per command).

Importing this package loads nothing; ``app`` (the typer application) loads the group and its global
options on first use, and each command's module loads when that command is looked up (see
:mod:`._root`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._root import app

__all__ = ["app", "main"]


def main() -> None:
    """Console entry point."""
    import gc

    # Start-up allocates objects that live as long as the process (typer, the group, the command's
    # module): the cyclic collector would walk them over and over while they load, and once more at
    # exit (~15 ms of a ~90 ms start). It stays off until the command is loaded; then those objects
    # are frozen out of every later collection and the collector runs as usual for the command's work.
    gc.disable()
    from . import _root

    _root.START_UP.collector_paused = True
    try:
        _root.app()
    finally:
        _root.START_UP.resume_collector()


def __getattr__(name: str) -> Any:
    if name == "app":
        from ._root import app as loaded

        return loaded
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
