"""CCM uploads: the seed's sample, counters, error rows and file, TTL, duplicate_action, limits."""

from __future__ import annotations

import csv
import io
import time

import httpx
import pytest
from mock_helpers_exotel import SAMPLE, assert_envelope, ccm_status, upload

from exotel_contacts_mock import MockConfig
from exotel_contacts_mock.background import RunningMock, running_mock


def test_seed_sample_completes(client: httpx.Client, exotel_mock: RunningMock) -> None:
    response = upload(client, SAMPLE, duplicate_action="skip")
    assert response.status_code == 202
    body = response.json()
    assert body["http_code"] == 202
    data = body["response"]["data"]
    assert data["total_records"] == 3
    assert data["status"] == "processing"
    assert data["estimated_time_seconds"] >= 0
    status = ccm_status(client, data["upload_id"])
    assert status == {
        "upload_id": data["upload_id"],
        "status": "completed",
        "total_records": 3,
        "successful": 3,
        "failed": 0,
        "duplicates_skipped": 0,
        "error_file_id": None,
    }
    numbers = [c["phone_number"] for c in exotel_mock.store.ccm.contacts("demo")]
    assert numbers == ["+919876543210", "+919876543211", "+919876543212"]
    errors = client.get(f"/v2/accounts/demo/contacts/upload/{data['upload_id']}/errors").json()
    assert errors["response"]["data"] == {
        "upload_id": data["upload_id"],
        "error_count": 0,
        "errors": [],
        "error_file_url": None,
    }


BAD_ROWS = (
    "phone_number,first_name,last_name,email,company,tag\n"
    "+919876543210,John,Doe,john@example.com,Acme,premium\n"  # 1 ok
    "invalid_number,Bob,Jones,,,\n"  # 2 INVALID_PHONE
    ",No,Phone,,,\n"  # 3 MISSING_REQUIRED
    "+919876543213,Bad,Mail,not-an-email,,\n"  # 4 INVALID_EMAIL
    "+919876543214," + "x" * 300 + ",Long,,,\n"  # 5 INVALID_FORMAT
    "+919876543210,Alice,Brown,,,\n"  # 6 DUPLICATE_ENTRY (row 1)
)


def test_error_rows_and_file(client: httpx.Client, exotel_mock: RunningMock) -> None:
    upload_id = upload(client, BAD_ROWS.encode()).json()["response"]["data"]["upload_id"]
    status = ccm_status(client, upload_id)
    assert (status["successful"], status["failed"], status["duplicates_skipped"]) == (1, 4, 1)
    assert (
        status["successful"] + status["failed"] + status["duplicates_skipped"] == status["total_records"] == 6
    )
    body = client.get(f"/v2/accounts/demo/contacts/upload/{upload_id}/errors").json()["response"]["data"]
    codes = [(e["row_number"], e["error_code"]) for e in body["errors"]]
    assert codes == [
        (2, "INVALID_PHONE"),
        (3, "MISSING_REQUIRED"),
        (4, "INVALID_EMAIL"),
        (5, "INVALID_FORMAT"),
        (6, "DUPLICATE_ENTRY"),
    ]
    assert body["error_count"] == 5
    url = body["error_file_url"]
    assert url == f"{exotel_mock.base_url}/v2/error-files/{status['error_file_id']}"
    file = httpx.get(url)  # no credentials: the unguessable id is the credential
    assert file.status_code == 200
    assert file.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(file.text)))
    assert rows[0] == ["row_number", "phone_number", "first_name", "last_name", "error_code", "error_message"]
    assert rows[1] == [
        "2",
        "invalid_number",
        "Bob",
        "Jones",
        "INVALID_PHONE",
        "Phone number is not in valid E.164 format",
    ]
    assert rows[5][:5] == ["6", "+919876543210", "Alice", "Brown", "DUPLICATE_ENTRY"]
    assert_envelope(httpx.get(f"{exotel_mock.base_url}/v2/error-files/nope"), 404, 1000)


def test_error_file_expires() -> None:
    with (
        running_mock(MockConfig(processing_rate=0, error_file_ttl=0.3)) as mock,
        httpx.Client(base_url=mock.base_url, auth=(mock.api_key, mock.api_token)) as client,
    ):
        upload_id = upload(client, b"phone_number\nbad\n").json()["response"]["data"]["upload_id"]
        status = ccm_status(client, upload_id)
        assert client.get(f"/v2/accounts/demo/contacts/upload/{upload_id}/errors").status_code == 200
        time.sleep(0.4)
        assert_envelope(client.get(f"/v2/accounts/demo/contacts/upload/{upload_id}/errors"), 410, 1000)
        assert_envelope(httpx.get(f"{mock.base_url}/v2/error-files/{status['error_file_id']}"), 410, 1000)


@pytest.mark.parametrize(
    ("action", "expected"),
    [("skip", (0, 0, 3)), ("update", (3, 0, 0)), ("create_new", (3, 0, 0))],
)
def test_duplicate_action(
    client: httpx.Client, exotel_mock: RunningMock, action: str, expected: tuple[int, int, int]
) -> None:
    ccm_status(client, upload(client, SAMPLE).json()["response"]["data"]["upload_id"])
    changed = SAMPLE.replace(b"John", b"Johnny")
    second = upload(client, changed, duplicate_action=action).json()["response"]["data"]["upload_id"]
    status = ccm_status(client, second)
    assert (status["successful"], status["failed"], status["duplicates_skipped"]) == expected
    contacts = exotel_mock.store.ccm.contacts("demo")
    names = sorted(c["first_name"] for c in contacts)
    if action == "skip":
        assert names == ["Bob", "Jane", "John"]
    elif action == "update":
        assert names == ["Bob", "Jane", "Johnny"]
    else:
        assert len(contacts) == 6


def test_update_twice_is_idempotent(client: httpx.Client, exotel_mock: RunningMock) -> None:
    for _ in range(2):
        ccm_status(
            client, upload(client, SAMPLE, duplicate_action="update").json()["response"]["data"]["upload_id"]
        )
    assert len(exotel_mock.store.ccm.contacts("demo")) == 3


def test_duplicate_within_file(client: httpx.Client) -> None:
    data = b"phone_number\n+919876543210\n+919876543210\n"
    status = ccm_status(client, upload(client, data).json()["response"]["data"]["upload_id"])
    assert (status["successful"], status["duplicates_skipped"]) == (1, 1)


def test_quota_exceeded() -> None:
    with (
        running_mock(MockConfig(processing_rate=0, contact_quota=2)) as mock,
        httpx.Client(base_url=mock.base_url, auth=(mock.api_key, mock.api_token)) as client,
    ):
        upload_id = upload(client, SAMPLE).json()["response"]["data"]["upload_id"]
        status = ccm_status(client, upload_id)
        assert (status["successful"], status["failed"]) == (2, 1)
        errors = client.get(f"/v2/accounts/demo/contacts/upload/{upload_id}/errors").json()["response"][
            "data"
        ]
        assert errors["errors"][0]["error_code"] == "QUOTA_EXCEEDED"


def test_processing_is_gradual() -> None:
    rows = b"phone_number\n" + b"".join(b"+91987654%04d\n" % i for i in range(40))
    with (
        running_mock(MockConfig(processing_rate=100)) as mock,
        httpx.Client(base_url=mock.base_url, auth=(mock.api_key, mock.api_token)) as client,
    ):
        data = upload(client, rows).json()["response"]["data"]
        assert data["estimated_time_seconds"] == 1
        first = client.get(f"/v2/accounts/demo/contacts/upload/{data['upload_id']}").json()["response"][
            "data"
        ]
        assert first["status"] == "processing"
        done = ccm_status(client, data["upload_id"])
        assert done["successful"] == 40


def test_limits() -> None:
    config = MockConfig(
        processing_rate=0.5, ccm_max_file_bytes=2000, ccm_max_records=5, ccm_max_concurrent_uploads=2
    )
    with (
        running_mock(config) as mock,
        httpx.Client(base_url=mock.base_url, auth=(mock.api_key, mock.api_token)) as c,
    ):
        too_big = b"phone_number\n" + b"+919876543210\n" * 10_000
        assert_envelope(upload(c, too_big), 413, 1002)
        too_many = b"phone_number\n" + b"".join(b"+91987654%04d\n" % i for i in range(6))
        assert_envelope(upload(c, too_many), 400, 1002)
        assert upload(c, SAMPLE).status_code == 202
        assert upload(c, SAMPLE).status_code == 202
        third = assert_envelope(upload(c, SAMPLE), 429, 429)
        assert third["response"]["error_data"]["description"].startswith("At most 2 uploads")


def test_rate_limit_retry_after() -> None:
    with (
        running_mock(MockConfig(rate_limit=3, rate_window=30)) as mock,
        httpx.Client(base_url=mock.base_url, auth=(mock.api_key, mock.api_token)) as c,
    ):
        for _ in range(3):
            assert c.get("/v2/accounts/demo/contacts/upload/nope").status_code == 404
        response = c.get("/v2/accounts/demo/contacts/upload/nope")
        assert_envelope(response, 429, 429)
        assert 1 <= int(response.headers["Retry-After"]) <= 30
        assert c.get("/_mock/health").status_code == 200  # admin routes are not limited


def test_bearer_on_ccm_only(exotel_mock: RunningMock) -> None:
    bearer = {"Authorization": f"Bearer {exotel_mock.access_token}"}
    with httpx.Client(base_url=exotel_mock.base_url, headers=bearer) as c:
        response = c.post("/v2/accounts/demo/contacts/upload", files={"file": ("c.csv", SAMPLE)})
        assert response.status_code == 202
        assert_envelope(
            c.post("/v2/accounts/demo/contacts", json={"contacts": [{"number": "+919876543210"}]}), 401, 1010
        )
        assert_envelope(
            c.get("/v2/accounts/demo/contacts/upload/x", headers={"Authorization": "Bearer nope"}), 401, 1010
        )
