"""The generated per-operation methods (``client.<tag>.<operation>``): every operation of the spec,
each by its declared rule, through the client's one funnel."""

from __future__ import annotations

import base64
import inspect
import io
from typing import Any

import httpx
import pytest
from either_side import run

import exotel_contacts as ec
from exotel_contacts.base.rates import RATE_CLASS
from exotel_contacts.spec.operations import OPERATIONS
from exotel_contacts_api.models import (
    AddContactsToListRequest,
    ContactCreate,
    ContactPatch,
    ContactReference,
    ContactUpdate,
    CreateContactsRequest,
    CreateListsRequest,
    CsvUploadRequest,
    DuplicateAction,
    ListCreate,
    ListPatch,
    ListType,
    ListUpdate,
    UpdateContactsRequest,
    UpdateListsRequest,
    UploadContactsRequest,
)
from exotel_contacts_api.types import File

from .conftest import CAMPAIGN, CANARY, CCM, SID, Either, FakeExotel, created, envelope, json_response

BASIC = "Basic " + base64.b64encode(f"key_1:{CANARY}".encode()).decode()


async def call(either: Either, group: str, name: str, *args: Any, **kwargs: Any) -> Any:
    """``client.<group>.<name>(...)`` on either client."""
    return await run(getattr(getattr(either.client, group), name)(*args, **kwargs))


def _snake(operation_id: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in operation_id)


def _operations(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        op["operationId"]: op
        for item in spec["paths"].values()
        for method, op in item.items()
        if method in ("get", "put", "post", "delete", "patch")
    }


async def test_every_spec_operation_has_a_rule_and_a_method_on_both_clients(spec: dict[str, Any]) -> None:
    operations = _operations(spec)
    assert set(OPERATIONS) == set(operations)
    for kind in (ec.Client, ec.AsyncClient):
        client = kind(account_sid=SID, api_key="k", api_token="t", environ={})
        for op_id, op in operations.items():
            method = getattr(getattr(client, op["tags"][0]), _snake(op_id))
            assert inspect.iscoroutinefunction(method) == (kind is ec.AsyncClient), op_id
        await run(client.close())


def test_the_rules_are_the_spec_ones(spec: dict[str, Any]) -> None:
    for op_id, op in _operations(spec).items():
        rule = OPERATIONS[op_id]
        assert rule.family == op["tags"][0]
        assert rule.replay_safe == op["x-exotel-replay"]["safe"]
        assert rule.rate_class == op["x-exotel-rate-family"]
        assert rule.upload_slot == op.get("x-exotel-upload-slot", False)
        assert rule.limits == op.get("x-limits", {})
        assert {str(k): v for k, v in rule.after_replay.items()} == op["x-exotel-replay"].get(
            "after_replay", {}
        )


async def test_a_read_goes_to_its_family_host_with_its_auth_and_rate_family(
    either: Either, fake: FakeExotel
) -> None:
    fake.add("GET", "/contacts/CT1", envelope({"sid": "CT1", "number": "+919876543210"}))
    fake.add("GET", "/contacts/upload/U1", envelope({"upload_id": "U1", "status": "processing"}))
    contact = await call(either, "campaign", "get_contact", "CT1")
    assert contact.response.data.sid == "CT1"
    status = await call(either, "ccm", "get_upload_status", "U1")
    assert status.response.data.status == "processing"
    campaign, ccm = fake.requests
    assert str(campaign.url).startswith(f"{CAMPAIGN}/v2/accounts/{SID}/contacts/CT1")
    assert campaign.headers["authorization"] == BASIC
    assert campaign.extensions[RATE_CLASS] == "reads"
    assert str(ccm.url).startswith(f"{CCM}/v2/accounts/{SID}/contacts/upload/U1")
    assert ccm.extensions[RATE_CLASS] == "ccm"


async def test_a_read_answered_503_is_replayed(either: Either, fake: FakeExotel) -> None:
    fake.add("GET", "/lists/L1", json_response(503, {}), envelope({"sid": "L1", "name": "n"}))
    found = await call(either, "campaign", "get_list", "L1")
    assert found.response.data.sid == "L1"
    assert fake.count("GET", "/lists/L1") == 2


async def test_an_upload_is_replayed_unless_its_rule_says_unsafe(either: Either, fake: FakeExotel) -> None:
    accepted = json_response(202, envelope({"upload_id": "U1", "status": "processing"}, code=202))
    fake.add("POST", "/contacts/upload", json_response(502, {}), accepted)

    def body(action: DuplicateAction) -> UploadContactsRequest:
        csv = File(
            payload=io.BytesIO(b"phone_number\n+919876543210\n"), file_name="a.csv", mime_type="text/csv"
        )
        return UploadContactsRequest(file=csv, duplicate_action=action)

    answer = await call(either, "ccm", "upload_contacts", body=body(DuplicateAction.SKIP))
    assert answer.response.data.upload_id == "U1"
    assert fake.count("POST", "/contacts/upload") == 2
    # 502 may have acted: a create_new upload is not sent again (rule: unsafe_when).
    fake.routes[("POST", "/contacts/upload")][:] = [json_response(502, {})]
    with pytest.raises(ec.OutcomeUnknownError):
        await call(either, "ccm", "upload_contacts", body=body(DuplicateAction.CREATE_NEW))
    assert fake.count("POST", "/contacts/upload") == 3


async def test_a_404_after_a_replayed_delete_is_done(either: Either, fake: FakeExotel) -> None:
    gone = json_response(404, {"http_code": 404, "response": {"code": 404, "status": "failure"}})
    fake.add("DELETE", "/contacts/CT1", json_response(503, {}), gone)
    assert await call(either, "campaign", "delete_contact", "CT1") is None
    fake.routes[("DELETE", "/contacts/CT1")][:] = [gone]
    with pytest.raises(ec.NotFoundError):
        await call(either, "campaign", "delete_contact", "CT1")


async def test_spec_bounds_and_path_ids_are_checked_before_sending(either: Either, fake: FakeExotel) -> None:
    too_many = CreateContactsRequest(contacts=[ContactCreate(number="+919876543210")] * 5001)
    with pytest.raises(ec.TooManyContactsError, match="at most 5000"):
        await call(either, "campaign", "create_contacts", body=too_many)
    with pytest.raises(ec.InvalidInputError, match="limit must be 1 to 20"):
        await call(either, "campaign", "list_lists", limit=21)
    with pytest.raises(ec.InvalidInputError, match="not an id"):
        await call(either, "campaign", "get_contact", "..")
    assert fake.requests == []


async def test_comma_separated_query_lists_follow_the_spec(either: Either, fake: FakeExotel) -> None:
    page = {
        "request_id": "r",
        "http_code": 200,
        "metadata": {"offset": 0, "limit": 20, "total": 0, "count": 0},
    }
    fake.add("GET", "/contacts", {**page, "response": []})
    await call(either, "campaign", "list_contacts", list_sids=["L1", "L2"])
    assert fake.requests[0].url.params.get_list("list_sids") == ["L1,L2"]


async def test_a_hostile_answer_is_a_typed_error(either: Either, fake: FakeExotel) -> None:
    fake.add("GET", "/contacts/CT1", httpx.Response(200, text="<html>\x1b[31mproxy</html>"))
    with pytest.raises(ec.InvalidResponseError) as caught:
        await call(either, "campaign", "get_contact", "CT1")
    assert "\x1b" not in str(caught.value)


async def test_a_multi_status_answer_is_parsed(either: Either, fake: FakeExotel) -> None:
    fake.add("POST", "/contacts", json_response(207, created(2)))
    body = CreateContactsRequest(
        contacts=[ContactCreate(number="+919876543210"), ContactCreate(number="+919876543211")]
    )
    answer = await call(either, "campaign", "create_contacts", body=body)
    assert [item.code for item in answer.response] == [200, 200]


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


async def test_every_json_operation_against_the_mock(live: Any) -> None:
    c = live.campaign
    made = await run(
        c.create_contacts(body=CreateContactsRequest(contacts=[ContactCreate(number="+919876543210")]))
    )
    sid = made.response[0].data.sid
    assert (await run(c.get_contact(sid))).response.data.number == "+919876543210"
    assert (
        await run(c.update_contact(sid, body=ContactUpdate(first_name="A")))
    ).response.data.first_name == "A"
    patched = await run(
        c.update_contacts(body=UpdateContactsRequest(contacts=[ContactPatch(sid=sid, tag="t")]))
    )
    assert patched.response[0].code == 200
    lists = await run(c.create_lists(body=CreateListsRequest(lists=[ListCreate(name="gen")])))
    list_sid = lists.response[0].data.sid
    refs = AddContactsToListRequest(contact_references=[ContactReference(contact_sid=sid)])
    assert (await run(c.add_contacts_to_list(list_sid, body=refs))).response[0].code == 200
    assert (await run(c.list_contacts(list_sids=[list_sid]))).metadata.total == 1
    assert [x.data.sid for x in (await run(c.list_list_contacts(list_sid))).response] == [sid]
    assert (await run(c.get_list(list_sid))).response.data.contact_count == 1
    assert (await run(c.update_list(list_sid, body=ListUpdate(name="gen2")))).response.data.name == "gen2"
    renamed = await run(c.update_lists(body=UpdateListsRequest(lists=[ListPatch(sid=list_sid, name="gen3")])))
    assert renamed.response[0].code == 200
    assert (await run(c.list_lists(name="gen3"))).metadata.total == 1
    assert (await run(c.remove_contact_from_list(list_sid, sid))).response.data is not None
    assert (await run(c.delete_list(list_sid))).response.data.sid == list_sid
    assert (await run(c.delete_contact(sid))).response.data.sid == sid
    csv = File(payload=io.BytesIO(b"number\n+919876543212\n"), file_name="c.csv", mime_type="text/csv")
    upload = await run(
        c.csv_upload_contacts(body=CsvUploadRequest(list_name="up", file_name=csv, type_=ListType.STATIC))
    )
    csv_id = upload.response.data.summary.upload_id
    assert (await run(c.get_csv_upload_status(csv_id))).response.data.upload_id == csv_id
    rows = File(
        payload=io.BytesIO(b"phone_number\n+919876543213\nbad\n"), file_name="u.csv", mime_type="text/csv"
    )
    accepted = await run(live.ccm.upload_contacts(body=UploadContactsRequest(file=rows)))
    upload_id = accepted.response.data.upload_id
    status = await run(live.ccm.get_upload_status(upload_id))
    assert status.response.data.upload_id == upload_id
    errors = await run(live.ccm.get_upload_errors(upload_id))
    assert errors.response.data.error_count == 1
    error_file_id = str(errors.response.data.error_file_url).split("?")[0].rsplit("/", 1)[-1]
    assert b"bad" in await run(live.ccm.download_error_file(error_file_id))


def test_the_declared_rate_family_is_the_one_counted() -> None:
    from exotel_contacts.base.rates import rate_class_of  # noqa: PLC0415

    assert rate_class_of("campaign", "GET", "campaign") == "campaign"
    assert rate_class_of("campaign", "POST", "reads") == "reads"
    # Undeclared (or unknown): by family and method, as openapi.yaml's info.description says.
    assert rate_class_of("campaign", "GET", None) == "reads"
    assert rate_class_of("campaign", "POST", "bogus") == "campaign"
    assert rate_class_of("ccm", "GET", None) == "ccm"
