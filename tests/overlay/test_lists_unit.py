"""Contact and list methods against a scripted server, through both clients: replay safety, paging
bounds, chunk outcomes."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from either_side import collect

import exotel_contacts as ec

from .conftest import Either, FakeExotel, envelope, error_body, json_response

LIST = {"sid": "ls_1", "name": "vip", "contact_count": 0}
CONTACT = {"sid": "c1", "number": "+919876543210"}
GATEWAY = json_response(502, error_body(502, 1100, "Bad gateway"))
NOT_FOUND = json_response(404, error_body(404, 1000, "Not found"))


def page(items: list[dict[str, Any]], offset: int, total: int, limit: int = 20) -> dict[str, Any]:
    return {
        "request_id": "r",
        "metadata": {"count": len(items), "offset": offset, "limit": limit, "total": total},
        "response": [{"code": 200, "status": "success", "error_data": None, "data": item} for item in items],
    }


def multi(items: list[dict[str, Any]]) -> httpx.Response:
    success = sum(1 for item in items if item["code"] == 200)
    body = {
        "metadata": {"total": len(items), "success": success, "failed": len(items) - success},
        "response": items,
    }
    return json_response(207, body)


def failure(code: int, exotel: int) -> dict[str, Any]:
    return {"code": code, "status": "failure", "error_data": {"code": exotel, "message": "m"}, "data": None}


async def test_a_replayed_delete_that_finds_nothing_is_already_gone(either: Either, fake: FakeExotel) -> None:
    fake.add("DELETE", "/contacts/c1", GATEWAY, NOT_FOUND)
    assert await either.call("delete_contact", "c1") is None
    assert fake.count("DELETE", "/contacts/c1") == 2
    fake.routes.clear()
    fake.add("DELETE", "/contacts/c2", NOT_FOUND)
    with pytest.raises(ec.NotFoundError):
        await either.call("delete_contact", "c2")


async def test_create_list_after_a_lost_answer_returns_the_lost_attempts_list(
    either: Either, fake: FakeExotel
) -> None:
    fake.add("POST", "/lists", GATEWAY, multi([failure(409, 1008)]))
    fake.add("GET", "/lists", page([{**LIST, "name": "vipx"}, LIST], 0, 2))
    found = await either.call("create_list", "vip")
    assert found.sid == "ls_1"
    assert fake.requests[-1].url.params["name"] == "vip"


async def test_a_taken_name_on_the_first_attempt_is_a_conflict(either: Either, fake: FakeExotel) -> None:
    fake.add("POST", "/lists", multi([failure(409, 1008)]))
    with pytest.raises(ec.ConflictError):
        await either.call("create_list", "vip")


async def test_paging_stops_on_the_total_and_on_a_short_page(either: Either, fake: FakeExotel) -> None:
    contacts = [{"sid": f"c{i}", "number": f"+9198765432{i:02d}"} for i in range(45)]
    fake.add(
        "GET",
        "/lists/ls_1/contacts",
        page(contacts[:20], 0, 45),
        page(contacts[20:40], 20, 45),
        page(contacts[40:], 40, 45),
    )
    got = await collect(either.client.iter_list_contacts("ls_1"))
    assert [c.sid for c in got] == [c["sid"] for c in contacts]
    assert [r.url.params["offset"] for r in fake.requests] == ["0", "20", "40"]


async def test_a_server_that_ignores_offset_is_an_error_not_a_loop(either: Either, fake: FakeExotel) -> None:
    contacts = [{"sid": f"c{i}", "number": f"+9198765432{i:02d}"} for i in range(20)]
    fake.add("GET", "/contacts", page(contacts, 0, 10**6))
    with pytest.raises(ec.InvalidResponseError):
        await collect(either.client.iter_contacts())
    assert fake.count("GET", "/contacts") == 2


async def test_list_sids_are_sent_comma_separated(either: Either, fake: FakeExotel) -> None:
    fake.add("GET", "/contacts", page([CONTACT], 0, 1))
    await either.call("list_contacts", list_sids=["a", "b"], show_lists=True, sort_by="name:asc")
    params = fake.requests[0].url.params
    assert (params["list_sids"], params["filter"], params["sort_by"]) == ("a,b", "show_list", "name:asc")


async def test_an_iterator_of_list_sids_filters_every_page(either: Either, fake: FakeExotel) -> None:
    # The generated iter_ methods read an Iterable argument once: a one-shot iterator must not filter
    # the first page only.
    contacts = [{"sid": f"c{i}", "number": f"+9198765432{i:02d}"} for i in range(25)]
    fake.add("GET", "/contacts", page(contacts[:20], 0, 25), page(contacts[20:], 20, 25))
    got = await collect(either.client.iter_contacts(list_sids=iter(["a", "b"]), page_size=20))
    assert len(got) == 25
    assert [r.url.params["list_sids"] for r in fake.requests] == ["a,b", "a,b"]


async def test_add_to_list_maps_every_input(either: Either, fake: FakeExotel) -> None:
    ok = {
        "code": 200,
        "status": "success",
        "error_data": None,
        "data": {"list_id": "ls_1", "contact_sid": "x"},
    }
    fake.add(
        "POST",
        "/lists/ls_1/contacts",
        multi([ok, failure(409, 1008)]),
        multi([failure(404, 1000), failure(400, 1002)]),
        json_response(500, error_body(500, 1100, "Internal")),
    )
    result = await either.call("add_to_list", "ls_1", ["a", "b", "c", "d", "e"], chunk_size=2, concurrency=1)
    assert [r.outcome for r in result] == [
        ec.MemberOutcome.ADDED,
        ec.MemberOutcome.ALREADY_MEMBER,
        ec.MemberOutcome.FAILED,
        ec.MemberOutcome.FAILED,
        ec.MemberOutcome.UNKNOWN,  # 500 after the replays: it may have acted
    ]
    assert not result.ok


async def test_an_answer_with_the_wrong_item_count_is_unknown(either: Either, fake: FakeExotel) -> None:
    fake.add("POST", "/lists/ls_1/contacts", multi([failure(409, 1008)]))
    result = await either.call("add_to_list", "ls_1", ["a", "b"])
    assert [r.outcome for r in result] == [ec.MemberOutcome.UNKNOWN] * 2


async def test_inputs_are_checked_before_sending(either: Either, fake: FakeExotel) -> None:
    with pytest.raises(ec.InvalidInputError):
        await either.call("update_contact", "c1")
    with pytest.raises(ec.InvalidInputError):
        await either.call("add_to_list", "ls_1", "one-string")
    with pytest.raises(ec.TooManyContactsError):
        await either.call("update_contacts", [{"sid": "x"}] * 5001)
    with pytest.raises(ec.InvalidInputError):
        await either.call("get_list", "")
    assert fake.requests == []


async def test_get_list_parses_a_typed_list(either: Either, fake: FakeExotel) -> None:
    fake.add("GET", "/lists/ls_1", envelope(LIST))
    found = await either.call("get_list", "ls_1")
    assert isinstance(found, ec.ContactList)
    assert found.contact_count == 0
