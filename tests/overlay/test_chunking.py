"""One chunking rule for every chunked workflow: create_contacts_bulk, add_to_list and sync_list refuse
the same out-of-range chunk_size and concurrency, with one bound for concurrency, before sending."""

from __future__ import annotations

from typing import Any

import pytest

import exotel_contacts as ec
from exotel_contacts.workflows.chunking import MAX_CONCURRENCY, check_chunking

from .conftest import Either, FakeExotel

BAD_CONCURRENCY = [0, -1, MAX_CONCURRENCY + 1, 10**6, True, 2.0, "4", None]


def _calls(concurrency: object) -> list[tuple[str, tuple[Any, ...], dict[str, Any]]]:
    return [
        ("create_contacts_bulk", ([{"number": "+919876543210"}],), {"concurrency": concurrency}),
        ("add_to_list", ("ls_1", ["c1"]), {"concurrency": concurrency}),
        ("sync_list", ("ls_1", ["+919876543210"]), {"concurrency": concurrency}),
    ]


@pytest.mark.parametrize("concurrency", BAD_CONCURRENCY)
async def test_every_chunked_workflow_refuses_the_same_concurrency(
    either: Either, fake: FakeExotel, concurrency: object
) -> None:
    for name, args, kwargs in _calls(concurrency):
        with pytest.raises(
            ec.InvalidInputError, match=f"concurrency must be a whole number from 1 to {MAX_CONCURRENCY}"
        ):
            await either.call(name, *args, **kwargs)
    assert fake.requests == []  # refused before anything was sent


async def test_the_bound_itself_is_accepted(either: Either, fake: FakeExotel) -> None:
    # No route is scripted: whatever the unscripted answer makes of the call, it is not the check's refusal,
    # and a request went out.
    try:
        await either.call("add_to_list", "ls_1", ["c1"], concurrency=MAX_CONCURRENCY)
    except ec.InvalidInputError:
        raise
    except ec.ExotelError:
        pass
    assert fake.requests


@pytest.mark.parametrize(
    ("name", "args", "bound"),
    [
        ("create_contacts_bulk", ([{"number": "+919876543210"}],), ec.MAX_CONTACTS_PER_REQUEST),
        ("add_to_list", ("ls_1", ["c1"]), 5000),
    ],
)
async def test_chunk_size_is_bounded_by_each_operations_own_limit(
    either: Either, fake: FakeExotel, name: str, args: tuple[Any, ...], bound: int
) -> None:
    for bad in (0, bound + 1, True):
        with pytest.raises(
            ec.InvalidInputError, match=f"chunk_size must be a whole number from 1 to {bound}"
        ):
            await either.call(name, *args, chunk_size=bad)
    assert fake.requests == []


def test_the_rule_names_the_argument() -> None:
    check_chunking(1, 1, max_chunk_size=1)
    check_chunking(10, MAX_CONCURRENCY, max_chunk_size=10)
    with pytest.raises(ec.InvalidInputError, match="chunk_size"):
        check_chunking(11, 1, max_chunk_size=10)
    with pytest.raises(ec.InvalidInputError, match="concurrency"):
        check_chunking(1, False, max_chunk_size=10)
