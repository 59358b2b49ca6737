"""The two API families, in a module of its own so that the file checks need not load the config."""

from __future__ import annotations

from typing import Literal

__all__ = ["Family"]

Family = Literal["ccm", "campaign"]
"""The two API families: CCM (contact center uploads) and Campaign (lists and contacts)."""
