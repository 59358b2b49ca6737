"""The two API families, in a module of its own so that the file checks need not load the config."""

from __future__ import annotations

from typing import Final, Literal, get_args

__all__ = ["API_FAMILIES", "Family"]

Family = Literal["ccm", "campaign"]
"""The two API families: CCM (contact center uploads) and Campaign (lists and contacts)."""

API_FAMILIES: Final[tuple[Family, ...]] = get_args(Family)
"""The same two, as values (for checking an argument at run time)."""
