"""Answers the spec allows: one email rule for what is accepted and answered; custom_field null."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from mock_helpers_exotel import csv_upload, wait_for

from exotel_contacts_mock.rules import EMAIL_MAX_LENGTH, EMAIL_PATTERN


def test_the_email_rule_is_the_specs(spec: dict[str, Any]) -> None:
    rule = spec["components"]["schemas"]["EmailAddress"]
    assert (rule["pattern"], rule["maxLength"]) == (EMAIL_PATTERN, EMAIL_MAX_LENGTH)
    contact = spec["components"]["schemas"]["Contact"]["properties"]["email"]
    assert contact == {"$ref": "#/components/schemas/EmailAddress"}


@pytest.mark.parametrize(
    ("email", "accepted"),
    [
        ("captain@email.com", True),
        ("a@b.test", True),
        ("o'brien+tag@mail.example.co.in", True),
        ("josé@example.com", False),
        ("a@b_c.com", False),
        ("a@exämple.com", False),
        ("a@b.1com", False),
        ("x" * 250 + "@b.co", False),
        (" a@b.com", False),
    ],
)
def test_bulk_create_accepts_exactly_the_email_rule(client: httpx.Client, email: str, accepted: bool) -> None:
    body = client.post(
        "/v2/accounts/demo/contacts", json={"contacts": [{"number": "+919876543210", "email": email}]}
    )
    item = body.json()["response"][0]
    if accepted:
        assert (item["code"], item["data"]["email"]) == (200, email)
    else:
        assert (item["code"], item["error_data"]["code"], item["data"]) == (400, 1002, None)


def test_custom_field_is_null_when_not_given(client: httpx.Client) -> None:
    contacts = [
        {"number": "+919876543210"},
        {"number": "+919876543211", "custom_field": None},
        {"number": "+919876543212", "custom_field": {"key": {"key1": "values1"}}},
        {"number": "+919876543213", "custom_field": {}},
    ]
    items = client.post("/v2/accounts/demo/contacts", json={"contacts": contacts}).json()["response"]
    assert [item["data"]["custom_field"] for item in items] == [None, None, {"key": {"key1": "values1"}}, {}]
    assert all("custom_field" in item["data"] for item in items)


def test_csv_rows_follow_the_same_email_rule(client: httpx.Client) -> None:
    data = b"number,email\n+919876543210,ok@example.com\n+919876543211,jos\xc3\xa9@example.com\n+919876543212,a@b_c.com\n"
    summary = csv_upload(client, data).json()["response"]["data"]["summary"]

    def fetch() -> dict[str, Any]:
        got: dict[str, Any] = client.get(f"/v2/accounts/demo/csv-status/{summary['upload_id']}").json()
        return got["response"]["data"]

    status = wait_for(fetch, lambda d: d["status"] == "completed")
    assert (status["stats"]["success"], status["stats"]["failed"]) == (1, 2)
