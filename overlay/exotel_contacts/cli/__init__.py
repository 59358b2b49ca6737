"""The ``exotel-contacts`` command line: a thin shell over the overlay (one module per command)."""

from __future__ import annotations

from . import (  # noqa: F401  (each module registers its command)
    contacts,
    create,
    csv_status,
    csv_upload,
    demo,
    errors,
    explain,
    lists,
    mock,
    status,
    upload,
    validate,
)
from ._app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console entry point."""
    app()
