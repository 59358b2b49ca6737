"""The ``exotel-contacts`` command line: a thin shell over the overlay (one module per command)."""

from __future__ import annotations

from . import csv_status, errors, explain, mock, status  # noqa: F401  (each registers its command)
from ._app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console entry point."""
    app()
