"""Helpers for tests that drive the sync and the async client through one body."""

from __future__ import annotations

import inspect
from typing import Any


async def run(value: Any) -> Any:
    """The value of a call on either client: awaited when the async client returned a coroutine."""
    return await value if inspect.isawaitable(value) else value


async def collect(iterator: Any) -> list[Any]:
    """Every item of a paging iterator of either client."""
    if hasattr(iterator, "__aiter__"):
        return [item async for item in iterator]
    return list(iterator)
