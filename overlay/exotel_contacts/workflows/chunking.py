"""One rule for the chunked workflows (bulk create, ``add_to_list``, ``sync_list``): the chunk bound is the
operation's own (openapi.yaml), the concurrency bound one for all (docs/decisions/0015)."""

from __future__ import annotations

from typing import Final

from exotel_contacts.base.exceptions import InvalidInputError

__all__ = ["MAX_CONCURRENCY", "check_chunking"]

#: Chunks in flight at once, at most (every chunked workflow): past a hundred the account's rate limit
#: sets the pace, so more would only hold memory and sockets.
MAX_CONCURRENCY: Final = 100


def _within(value: object, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= high


def check_chunking(chunk_size: object, concurrency: object, *, max_chunk_size: int) -> None:
    """Refuse a ``chunk_size`` outside 1..``max_chunk_size`` or a ``concurrency`` outside 1..100.

    Raises :class:`InvalidInputError` (before anything is read or sent) naming the argument.
    """
    if not _within(chunk_size, max_chunk_size):
        raise InvalidInputError(
            f"chunk_size must be a whole number from 1 to {max_chunk_size}, got {chunk_size!r}"
        )
    if not _within(concurrency, MAX_CONCURRENCY):
        raise InvalidInputError(
            f"concurrency must be a whole number from 1 to {MAX_CONCURRENCY}, got {concurrency!r}"
        )
