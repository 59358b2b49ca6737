"""Campaign: CSV upload into lists, its status, list caps, and bulk create (207)."""

from __future__ import annotations

import httpx
from mock_helpers_exotel import assert_envelope, csv_upload, wait_for

from exotel_contacts_mock import MockConfig
from exotel_contacts_mock.background import RunningMock, running_mock

CAMPAIGN_CSV = (
    b"number,first_name,last_name,company_name,email,tag\n"
    b"+919876543210,John,Doe,Acme,john@example.com,premium\n"
    b"+919876543211,Jane,Smith,Beta,jane@example.com,standard\n"
    b"+919876543210,John,Again,Acme,,\n"
    b"not-a-number,Bad,Row,,,\n"
)


def _status(client: httpx.Client, upload_id: str) -> dict[str, object]:
    def fetch() -> dict[str, object]:
        data: dict[str, object] = client.get(f"/v2/accounts/demo/csv-status/{upload_id}").json()["response"][
            "data"
        ]
        return data

    return wait_for(fetch, lambda d: d["status"] == "completed")


def test_csv_upload_and_status(client: httpx.Client, exotel_mock: RunningMock) -> None:
    response = csv_upload(client, CAMPAIGN_CSV, list_name="csv_list124", type="static")
    assert response.status_code == 200
    data = response.json()["response"]["data"]
    assert data["list"]["name"] == "csv_list124"
    assert data["summary"]["status"] == "in-progress"
    assert data["summary"]["Stats"] == {"duplicate": None, "total": None, "success": None, "failed": None}
    assert data["summary"]["url"] == f"/v2/accounts/demo/csv-status/{data['summary']['upload_id']}"
    status = _status(client, data["summary"]["upload_id"])
    assert status["stats"] == {"duplicate": 1, "total": 4, "success": 2, "failed": 1}
    lists = exotel_mock.store.directory.lists_with_numbers("demo")
    assert lists[0]["numbers"] == ["+919876543210", "+919876543211"]
    again = csv_upload(client, CAMPAIGN_CSV, list_name="csv_list124").json()["response"]["data"]
    assert again["list"]["sid"] == data["list"]["sid"]
    assert again["list"]["contact_count"] == 2
    assert _status(client, again["summary"]["upload_id"])["stats"] == {
        "duplicate": 3,
        "total": 4,
        "success": 0,
        "failed": 1,
    }


def test_list_caps_and_size() -> None:
    config = MockConfig(
        processing_rate=0, static_list_cap=3, dynamic_list_cap=5, campaign_max_file_bytes=1000
    )
    with (
        running_mock(config) as mock,
        httpx.Client(base_url=mock.base_url, auth=(mock.api_key, mock.api_token)) as c,
    ):
        four = b"number\n" + b"".join(b"+91987654%04d\n" % i for i in range(4))
        assert_envelope(csv_upload(c, four, list_name="s", type="static"), 400, 1002)
        assert csv_upload(c, four, list_name="d", type="dynamic").status_code == 200
        assert_envelope(csv_upload(c, four, list_name="d", type="dynamic"), 400, 1002)  # 4 + 4 > 5
        assert_envelope(csv_upload(c, b"number\n" + b"+919876543210\n" * 200), 413, 1002)
        assert [lst["name"] for lst in mock.store.directory.lists_with_numbers("demo")] == [
            "d"
        ]  # refused uploads leave no list


def test_bulk_create(client: httpx.Client, exotel_mock: RunningMock) -> None:
    contacts = [
        {
            "number": "+919876543210",
            "first_name": "captain",
            "email": "captain@email.com",
            "custom_field": {"k": 1},
        },
        {"number": "09876543211"},  # national: +91
        {"number": "12345"},
        {"number": "+919876543212", "email": "not-an-email"},
        {"number": "+919876543210"},  # earlier in the request
    ]
    response = client.post("/v2/accounts/demo/contacts", json={"contacts": contacts})
    assert response.status_code == 207
    body = response.json()
    assert body["http_code"] == 207
    assert body["metadata"] == {"total": 5, "success": 2, "failed": 3}
    codes = [(item["code"], (item["error_data"] or {}).get("code")) for item in body["response"]]
    assert codes == [(200, None), (200, None), (400, 1002), (400, 1002), (409, 1008)]
    assert body["response"][0]["data"]["custom_field"] == {"k": 1}
    assert body["response"][1]["data"]["number"] == "+919876543211"
    again = client.post("/v2/accounts/demo/contacts", json={"contacts": contacts[:2]}).json()
    assert [item["code"] for item in again["response"]] == [409, 409]
    assert len(exotel_mock.store.directory.contacts("demo")) == 2


def test_bulk_create_limit(client: httpx.Client) -> None:
    contacts = [{"number": f"+9198{i:08d}"} for i in range(5001)]
    assert_envelope(client.post("/v2/accounts/demo/contacts", json={"contacts": contacts}), 400, 1002)
    ok = client.post("/v2/accounts/demo/contacts", json={"contacts": contacts[:5000]})
    assert ok.json()["metadata"]["success"] == 5000


def test_csv_and_bulk_share_the_address_book(client: httpx.Client) -> None:
    client.post("/v2/accounts/demo/contacts", json={"contacts": [{"number": "+919876543210"}]})
    upload_id = csv_upload(client, b"number\n+919876543210\n").json()["response"]["data"]["summary"][
        "upload_id"
    ]
    assert _status(client, upload_id)["stats"] == {"duplicate": 1, "total": 1, "success": 0, "failed": 0}
