"""The ``exotel-contacts`` command line: a thin shell over the overlay (one module per command).

Importing this package loads the group and its global options only; each command's module loads when
that command is looked up (see :mod:`._root`).
"""

from __future__ import annotations

from ._root import app, main

__all__ = ["app", "main"]
