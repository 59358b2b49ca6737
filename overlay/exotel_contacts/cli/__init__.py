"""The ``exotel-contacts`` command line (the ``cli`` extra): a thin shell over the overlay, one module
per command. Importing this package loads nothing; ``app`` loads the group on first use (:mod:`._root`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._root import app

__all__ = ["app", "main"]


def main() -> None:
    """Console entry point; without the ``cli`` extra, one line that says how to install it (exit 2)."""
    import gc
    from importlib.util import find_spec

    missing = next((name for name in ("typer", "rich") if find_spec(name) is None), None)
    if missing is not None:
        import sys

        sys.stderr.write(
            f"error: the command line needs the 'cli' extra ({missing} is missing); "
            "install it with: pip install 'exotel-contacts[cli]'\n"
        )
        raise SystemExit(2)
    # Off until the command is loaded; then start-up's objects are frozen (docs/decisions/0025).
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
