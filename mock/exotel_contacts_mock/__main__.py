"""`python -m exotel_contacts_mock`: serve the mock (see --help; the options are in `cli`)."""

from __future__ import annotations

from .cli import main

__all__ = ["main"]

if __name__ == "__main__":
    main()
