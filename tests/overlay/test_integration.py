"""Every operation of both clients against the real mock server over loopback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from either_side import run

import exotel_contacts as ec

pytest.importorskip("exotel_contacts_mock", reason="the mock is not installed")  # the exotel_mock fixture

CCM_CSV = b"phone_number,first_name,email\n+919876543210,John,j@example.com\nnot-a-number,Bob,b@example.com\n"
CAMPAIGN_CSV = b"number,first_name\n+919876543211,Jane\n+919876543212,Ann\n"


@pytest.fixture(params=["sync", "async"])
async def live(request: pytest.FixtureRequest, exotel_mock: Any) -> Any:
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


async def test_ccm_upload_status_errors_and_error_file(live: Any, tmp_path: Path) -> None:
    accepted = await run(live.upload_contacts(CCM_CSV))
    assert isinstance(accepted, ec.UploadAccepted)
    status = await run(live.wait_for_upload(accepted.upload_id, timeout=30))
    assert status.status == "completed"
    assert status.successful == 1
    assert status.failed == 1
    again = await run(live.get_upload_status(accepted.upload_id))
    assert again.upload_id == accepted.upload_id
    errors = await run(live.get_upload_errors(accepted.upload_id))
    assert errors.error_count == 1
    assert errors.errors[0].error_code == "INVALID_PHONE"
    dest = tmp_path / "errors.csv"
    assert await run(live.download_error_file(accepted.upload_id, dest)) is True
    assert dest.read_text().startswith(
        "row_number,phone_number,first_name,last_name,error_code,error_message"
    )


async def test_upload_and_wait_and_not_found(live: Any) -> None:
    status = await run(live.upload_and_wait(CCM_CSV, duplicate_action="update", timeout=30))
    assert status.status == "completed"
    with pytest.raises(ec.NotFoundError):
        await run(live.get_upload_status("no-such-upload"))


async def test_campaign_csv_upload_and_create_contacts(live: Any) -> None:
    data = await run(live.csv_upload(CAMPAIGN_CSV, list_name="integration"))
    assert data.list_.name == "integration"
    status = await run(live.wait_for_csv_upload(data.summary.upload_id, timeout=30))
    assert status.status == "completed"
    assert (await run(live.get_csv_status(data.summary.upload_id))).upload_id == data.summary.upload_id
    final = await run(live.csv_upload_and_wait(CAMPAIGN_CSV, list_name="integration", timeout=30))
    assert final.stats.duplicate == 2
    result = await run(
        live.create_contacts([{"number": "+919876543299", "first_name": "Z"}, {"number": "+919876543211"}])
    )
    assert isinstance(result, ec.CreateContactsResponse)
    assert [item.code for item in result.response] == [200, 409]


async def test_wrong_credentials_are_an_authentication_error(exotel_mock: Any) -> None:
    client = ec.Client(
        account_sid=exotel_mock.account_sid,
        api_key=exotel_mock.api_key,
        api_token="wrong",
        ccm_base_url=exotel_mock.base_url,
        campaign_base_url=exotel_mock.base_url,
        environ={},
    )
    with client, pytest.raises(ec.AuthenticationError):
        client.get_upload_status("x")


async def test_bearer_token_for_ccm(exotel_mock: Any) -> None:
    async with ec.AsyncClient(
        account_sid=exotel_mock.account_sid,
        access_token=exotel_mock.access_token,
        ccm_base_url=exotel_mock.base_url,
        campaign_base_url=exotel_mock.base_url,
        environ={},
    ) as client:
        accepted = await client.upload_contacts(CCM_CSV)
        assert (await client.wait_for_upload(accepted.upload_id, timeout=30)).status == "completed"
