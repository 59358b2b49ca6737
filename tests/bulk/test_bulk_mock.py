"""create_contacts_bulk against the real mock over loopback, sync and async."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from either_side import run

import exotel_contacts as ec

pytest.importorskip("exotel_contacts_mock.background", reason="the mock is not installed")


@pytest.fixture(params=["sync", "async"])
async def live(request: pytest.FixtureRequest, exotel_mock: Any) -> AsyncIterator[Any]:
    options = {
        "account_sid": exotel_mock.account_sid,
        "api_key": exotel_mock.api_key,
        "api_token": exotel_mock.api_token,
        "ccm_base_url": exotel_mock.base_url,
        "campaign_base_url": exotel_mock.base_url,
        "environ": {},
    }
    client = ec.AsyncClient(**options) if request.param == "async" else ec.Client(**options)
    yield client
    await run(client.close())


async def test_bulk_create_against_the_mock(live: Any, exotel_mock: Any) -> None:
    contacts = [{"number": f"+9198{i:08d}", "first_name": f"n{i}"} for i in range(6000)]
    contacts[10] = {"number": "not-a-number"}
    contacts[20] = {"number": contacts[0]["number"]}
    contacts.append(ec.ContactCreate(number="+919900000000", tag="model"))
    result = await run(live.create_contacts_bulk(iter(contacts), chunk_size=2500))

    assert result.counts == {"created": 5999, "failed": 1, "already_existed": 1, "unknown": 0}
    assert (result[10].status_code, result[10].code) == (400, 1002)
    assert result[20].outcome is ec.Outcome.ALREADY_EXISTED
    store = {
        row["number"]: row["sid"] for row in exotel_mock.store.directory.contacts(exotel_mock.account_sid)
    }
    assert len(store) == 5999
    for outcome in result.created:
        assert store[outcome.number] == outcome.sid

    again = await run(live.create_contacts_bulk(contacts[:100]))
    assert again.counts["already_existed"] == 99
    assert len(exotel_mock.store.directory.contacts(exotel_mock.account_sid)) == 5999


async def test_wrong_credentials_abort(exotel_mock: Any) -> None:
    with (
        ec.Client(
            account_sid=exotel_mock.account_sid,
            api_key="wrong",
            api_token="wrong",
            campaign_base_url=exotel_mock.base_url,
            environ={},
        ) as client,
        pytest.raises(ec.BulkAbortedError) as caught,
    ):
        client.create_contacts_bulk([{"number": "+919800000000"}])
    assert isinstance(caught.value.error, ec.AuthenticationError)
    assert caught.value.result.counts["failed"] == 1
