"""A parsed answer is the model it promises: the generated parsers' raw fallbacks become errors."""

from __future__ import annotations

import re
from typing import Any

import pytest

from exotel_contacts import InvalidResponseError
from exotel_contacts_api.models import CustomField

from .conftest import Either, FakeExotel, ccm_status, created, json_response

BULK = "/v2/accounts/acct_test/contacts"


def _answer(**data: Any) -> dict[str, Any]:
    body = created(2)
    body["response"][1]["data"].update(data)
    return body


async def test_custom_field_null_or_absent_parses_as_none_or_unset(either: Either, fake: FakeExotel) -> None:
    fake.add("POST", BULK, json_response(207, _answer(custom_field=None)))
    result = await either.call("create_contacts", [{"number": "+919876543210"}] * 2)
    assert result.response[1].data.custom_field is None
    fake.routes.clear()
    fake.add("POST", BULK, json_response(207, _answer(custom_field={"key": {"key1": "values1"}})))
    result = await either.call("create_contacts", [{"number": "+919876543210"}] * 2)
    field = result.response[1].data.custom_field
    assert isinstance(field, CustomField)
    assert field["key"] == {"key1": "values1"}


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ({"custom_field": "not an object"}, "response[1].data.custom_field"),
        ({"custom_field": [1, 2]}, "response[1].data.custom_field"),
        ({"first_name": 5}, "response[1].data.first_name"),
        ({"email": ["a@b.co"]}, "response[1].data.email"),
        ({"number": None}, "response[1].data.number"),
    ],
)
async def test_a_field_that_breaks_its_model_is_an_invalid_response(
    either: Either, fake: FakeExotel, data: dict[str, Any], where: str
) -> None:
    fake.add("POST", BULK, json_response(207, _answer(**data)))
    with pytest.raises(InvalidResponseError, match=re.escape(where)):
        await either.call("create_contacts", [{"number": "+919876543210"}] * 2)


async def test_an_item_whose_contact_does_not_parse_is_never_a_dict(either: Either, fake: FakeExotel) -> None:
    body = created(2)
    body["response"][0]["data"] = {"no_sid": True}
    fake.add("POST", BULK, json_response(207, body))
    # A done item (code 200) is a ContactResult, whose `data` is a Contact: no sid, no model.
    with pytest.raises(InvalidResponseError, match=r"documented shape \(KeyError: 'sid'\)"):
        await either.call("create_contacts", [{"number": "+919876543210"}] * 2)


async def test_status_counts_of_the_wrong_type_are_an_invalid_response(
    either: Either, fake: FakeExotel
) -> None:
    fake.add("GET", "/contacts/upload/up_1", ccm_status("processing", error_file_id=42))
    with pytest.raises(InvalidResponseError, match="error_file_id"):
        await either.call("get_upload_status", "up_1")
