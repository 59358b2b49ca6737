"""Limits copied from openapi.yaml by hand (overlay and mock) still say what the spec says."""

from __future__ import annotations

from typing import Any

from exotel_contacts.importing import Limits
from exotel_contacts.operations.answers import MAX_CONTACTS_PER_REQUEST
from exotel_contacts.quota import windows as _limits
from exotel_contacts.workflows import bulk_chunks as _bulk
from exotel_contacts_mock.config import MockConfig


def _operation(spec: dict[str, Any], operation_id: str) -> dict[str, Any]:
    for item in spec["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                return operation
    raise AssertionError(f"no operation {operation_id}")


def test_bulk_max_lengths_are_the_contact_schema_ones(spec: dict[str, Any]) -> None:
    properties = spec["components"]["schemas"]["ContactCreate"]["properties"]
    from_spec = {name: p["maxLength"] for name, p in properties.items() if "maxLength" in p}
    assert from_spec == _bulk.MAX_LENGTHS


def test_contacts_per_request_is_the_spec_one(spec: dict[str, Any]) -> None:
    contacts = spec["components"]["schemas"]["CreateContactsRequest"]["properties"]["contacts"]
    assert contacts["maxItems"] == MAX_CONTACTS_PER_REQUEST


def test_import_limits_are_the_upload_operations_ones(spec: dict[str, Any]) -> None:
    ccm = _operation(spec, "uploadContacts")["x-limits"]
    campaign = _operation(spec, "csvUploadContacts")["x-limits"]
    limits = Limits()
    # The client reads "MB" as 10**6 bytes, the smaller reading, so a part fits either reading.
    assert limits.ccm_max_bytes == ccm["max_file_mb"] * 10**6
    assert limits.ccm_max_rows == ccm["max_records"]
    assert limits.campaign_max_bytes == campaign["max_file_mb"] * 10**6
    assert limits.campaign_static_list_cap == campaign["static_list_cap"]
    assert limits.campaign_dynamic_list_cap == campaign["dynamic_list_cap"]
    assert ccm["max_uploads_in_progress"] == _limits.DEFAULT_MAX_CONCURRENT_UPLOADS


def test_mock_defaults_are_the_upload_operations_ones(spec: dict[str, Any]) -> None:
    ccm = _operation(spec, "uploadContacts")["x-limits"]
    campaign = _operation(spec, "csvUploadContacts")["x-limits"]
    config = MockConfig()
    # The mock reads "MB" as 2**20 bytes, the larger reading: it refuses only what both readings refuse.
    assert config.ccm_max_file_bytes == ccm["max_file_mb"] * 2**20
    assert config.ccm_max_records == ccm["max_records"]
    assert config.ccm_max_concurrent_uploads == ccm["max_uploads_in_progress"]
    assert config.campaign_max_file_bytes == campaign["max_file_mb"] * 2**20
    assert config.static_list_cap == campaign["static_list_cap"]
    assert config.dynamic_list_cap == campaign["dynamic_list_cap"]


def test_list_limits_are_the_spec_ones(spec: dict[str, Any]) -> None:
    from exotel_contacts.operations import answers as _answers  # noqa: PLC0415
    from exotel_contacts.operations import inputs as _inputs  # noqa: PLC0415

    params = spec["components"]["parameters"]
    assert params["Limit"]["schema"]["maximum"] == _answers.MAX_PAGE_SIZE
    assert params["ContactSid"]["schema"]["maxLength"] == _inputs.MAX_SID_LENGTH
    assert params["ListSid"]["schema"]["maxLength"] == _inputs.MAX_SID_LENGTH
    references = spec["components"]["schemas"]["AddContactsToListRequest"]["properties"]["contact_references"]
    assert references["maxItems"] == _answers.MAX_BULK_ITEMS


def test_a_single_update_takes_emails_by_the_one_rule(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    email = schemas["ContactUpdate"]["properties"]["email"]
    assert email["pattern"] == schemas["EmailAddress"]["pattern"]
    assert email["maxLength"] == schemas["EmailAddress"]["maxLength"]
    assert email["format"] == schemas["EmailAddress"]["format"]


def _resolve(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def test_item_and_page_limits_say_what_the_schemas_say(spec: dict[str, Any]) -> None:
    """``x-limits.max_items`` is its body array's ``maxItems``; ``max_page_size`` its ``limit`` maximum."""
    seen = {"max_items": 0, "max_page_size": 0}
    for item in spec["paths"].values():
        for method, op in item.items():
            if method not in ("get", "put", "post", "delete", "patch"):
                continue
            limits = op.get("x-limits", {})
            if "max_items" in limits:
                schema = _resolve(spec, op["requestBody"]["content"]["application/json"]["schema"])
                arrays = [_resolve(spec, p) for p in schema["properties"].values()]
                assert [a.get("maxItems") for a in arrays if a.get("type") == "array"] == [
                    limits["max_items"]
                ]
                seen["max_items"] += 1
            params = [_resolve(spec, p) for p in (*item.get("parameters", []), *op.get("parameters", []))]
            limit = [p["schema"]["maximum"] for p in params if p["name"] == "limit"]
            assert limit == ([limits["max_page_size"]] if "max_page_size" in limits else []), op[
                "operationId"
            ]
            seen["max_page_size"] += bool(limit)
    assert seen == {"max_items": 5, "max_page_size": 3}


def test_the_clients_csv_columns_are_the_mocks() -> None:
    # The mock's are pinned to the spec's descriptions (tests/mock/test_spec_rules.py); the client's
    # column mapping must name the same two layouts, in the same order.
    from exotel_contacts.importing import columns as client  # noqa: PLC0415
    from exotel_contacts_mock import csvfile as mock  # noqa: PLC0415

    assert client.CCM_COLUMNS == mock.CCM_COLUMNS
    assert client.CAMPAIGN_COLUMNS == mock.CAMPAIGN_COLUMNS
