"""The contact and list methods of both clients against the mock server over loopback."""

from __future__ import annotations

from typing import Any

import pytest
from either_side import collect, run

import exotel_contacts as ec

pytest.importorskip("exotel_contacts_mock", reason="the mock is not installed")  # the exotel_mock fixture


@pytest.fixture(params=["sync", "async"])
async def live(request: pytest.FixtureRequest, exotel_mock: Any) -> Any:
    options = {
        "account_sid": exotel_mock.account_sid,
        "api_key": exotel_mock.api_key,
        "api_token": exotel_mock.api_token,
        "ccm_base_url": exotel_mock.base_url,
        "campaign_base_url": exotel_mock.base_url,
        "environ": {},
        "rate_limit_per_minute": None,
    }
    client = ec.AsyncClient(**options) if request.param == "async" else ec.Client(**options)
    yield client
    await run(client.close())


async def create(live: Any, contacts: list[dict[str, Any]]) -> list[str]:
    result = await run(live.create_contacts_bulk(contacts))
    return [outcome.sid for outcome in result]


def numbers(count: int, start: int = 0) -> list[str]:
    return [f"+9198765{start + i:05d}" for i in range(count)]


async def test_contacts_page_iterate_update_delete(live: Any) -> None:
    sids = await create(live, [{"number": n, "first_name": f"n{i}"} for i, n in enumerate(numbers(45))])
    page = await run(live.list_contacts(limit=20))
    assert isinstance(page, ec.Page)
    assert (len(page.items), page.total, page.has_more) == (20, 45, True)
    assert [c.sid for c in await collect(live.iter_contacts())] == sids
    assert len(await collect(live.iter_contacts(name="n4"))) == 6
    updated = await run(live.update_contact(sids[0], first_name="XYZ"))
    assert isinstance(updated, ec.Contact)
    assert updated.first_name == "XYZ"
    assert (await run(live.get_contact(sids[0]))).first_name == "XYZ"
    bulk = await run(live.update_contacts([{"sid": sids[1], "tag": "t"}, {"sid": "nope", "tag": "t"}]))
    assert [item.code for item in bulk.response] == [200, 404]
    with pytest.raises(ec.ConflictError):
        await run(live.update_contact(sids[0], number=numbers(1, 1)[0]))
    deleted = await run(live.delete_contact(sids[0]))
    assert deleted.sid == sids[0]
    with pytest.raises(ec.NotFoundError):
        await run(live.delete_contact(sids[0]))
    with pytest.raises(ec.InvalidInputError):
        await run(live.list_contacts(limit=21))


async def test_lists_membership_and_add_to_list(live: Any) -> None:
    vip = await run(live.create_list("vip", tag="gold"))
    assert isinstance(vip, ec.ContactList)
    with pytest.raises(ec.ConflictError):
        await run(live.create_list("vip"))
    assert (await run(live.create_list("vip", exist_ok=True))).sid == vip.sid
    assert (await run(live.find_list("vip"))).sid == vip.sid
    assert await run(live.find_list("vi")) is None
    sids = await create(live, [{"number": n} for n in numbers(30)])
    progress: list[ec.AddToListProgress] = []
    result = await run(
        # sids[20] twice in the last chunk: chunks run concurrently, only one chunk's items are in order.
        live.add_to_list(
            vip.sid, [*sids[:25], sids[20], "no-such", ""], chunk_size=10, on_progress=progress.append
        )
    )
    assert isinstance(result, ec.AddToListResult)
    outcomes = [r.outcome for r in result]
    assert outcomes[:25] == [ec.MemberOutcome.ADDED] * 25
    assert outcomes[25:] == [
        ec.MemberOutcome.ALREADY_MEMBER,
        ec.MemberOutcome.FAILED,
        ec.MemberOutcome.FAILED,
    ]
    assert result[27].reason.startswith("not sent")
    assert result.requests == 3
    assert progress[-1].done == 28
    again = await run(live.add_to_list(vip.sid, sids))
    assert again.counts[ec.MemberOutcome.ALREADY_MEMBER] == 25
    assert again.counts[ec.MemberOutcome.ADDED] == 5
    assert (await run(live.get_list(vip.sid))).contact_count == 30
    members = await collect(live.iter_list_contacts(vip.sid))
    assert sorted(c.sid for c in members) == sorted(sids)  # chunks run concurrently: any order
    assert (await run(live.remove_contact_from_list(vip.sid, sids[0]))).contact_sid == sids[0]
    renamed = await run(live.update_list(vip.sid, name="vip2"))
    assert renamed.name == "vip2"
    assert [found.name for found in await collect(live.iter_lists())] == ["vip2"]
    assert (await run(live.delete_list(vip.sid))).sid == vip.sid
    missing = await run(live.add_to_list(vip.sid, sids[:3]))
    assert isinstance(missing.aborted, ec.NotFoundError)
    assert [r.outcome for r in missing] == [ec.MemberOutcome.FAILED] * 3


async def test_sync_list_dry_run_then_real(live: Any) -> None:
    target = await run(live.create_list("target"))
    sids = await create(live, [{"number": n} for n in numbers(4)])
    await run(live.add_contacts_to_list(target.sid, sids[:2]))  # members: 0, 1
    wanted = [numbers(4)[1], numbers(4)[2], numbers(1, 90)[0], numbers(1, 90)[0], "not-a-number"]
    plan = await run(live.sync_list(target.sid, wanted, dry_run=True))
    assert isinstance(plan, ec.SyncListResult)
    assert [c.number for c in plan.created] == [numbers(1, 90)[0]]
    assert sorted(c.number for c in plan.added) == sorted([numbers(4)[2], numbers(1, 90)[0]])
    assert [c.number for c in plan.removed] == [numbers(4)[0]]
    assert [f.stage for f in plan.failures] == ["check"]
    assert [c.number for c in await collect(live.iter_list_contacts(target.sid))] == numbers(2)  # unchanged
    stages: list[str] = []
    done = await run(live.sync_list(target.sid, wanted, on_progress=lambda p: stages.append(p.stage)))
    assert done.summary() == {
        "list_sid": target.sid, "dry_run": False, "created": 1, "added": 2, "removed": 1, "unchanged": 1, "failed": 1,
    }  # fmt: skip
    assert stages[0] == "reading"
    assert stages[-1] == "done"
    held = sorted(c.number for c in await collect(live.iter_list_contacts(target.sid)))
    assert held == sorted([numbers(4)[1], numbers(4)[2], numbers(1, 90)[0]])
    assert (await run(live.get_contact(sids[0]))).sid == sids[0]  # removed from the list, not deleted
    assert (await run(live.sync_list(target.sid, held))).summary()["unchanged"] == 3
