"""The Campaign contact and list surface is in the spec: every operation of Exotel's reference, its
limits, and links that take the stateful fuzzer from a new list to its members."""

from __future__ import annotations

from typing import Any

import pytest

from .test_seed_coverage import operation

BASE = "/v2/accounts/{account_sid}"
SURFACE = [
    ("listContacts", "get", "/contacts"),
    ("updateContacts", "put", "/contacts"),
    ("getContact", "get", "/contacts/{contact_sid}"),
    ("updateContact", "put", "/contacts/{contact_sid}"),
    ("deleteContact", "delete", "/contacts/{contact_sid}"),
    ("createLists", "post", "/lists"),
    ("listLists", "get", "/lists"),
    ("updateLists", "put", "/lists"),
    ("getList", "get", "/lists/{list_sid}"),
    ("updateList", "put", "/lists/{list_sid}"),
    ("deleteList", "delete", "/lists/{list_sid}"),
    ("addContactsToList", "post", "/lists/{list_sid}/contacts"),
    ("listListContacts", "get", "/lists/{list_sid}/contacts"),
    ("removeContactFromList", "delete", "/lists/{list_sid}/contacts/{contact_sid}"),
]


@pytest.mark.parametrize(("operation_id", "method", "path"), SURFACE)
def test_operation_is_specified(spec: dict[str, Any], operation_id: str, method: str, path: str) -> None:
    found_path, found_method, op = operation(spec, operation_id)
    assert (found_path, found_method) == (BASE + path, method)
    assert op["tags"] == ["campaign"]
    assert op["security"] == [{"basicAuth": []}]


def test_limits(spec: dict[str, Any]) -> None:
    params = spec["components"]["parameters"]
    assert params["Limit"]["schema"]["maximum"] == 20
    assert params["Limit"]["schema"]["default"] == 20
    schemas = spec["components"]["schemas"]
    for name, field in [
        ("UpdateContactsRequest", "contacts"),
        ("CreateListsRequest", "lists"),
        ("UpdateListsRequest", "lists"),
        ("AddContactsToListRequest", "contact_references"),
    ]:
        assert schemas[name]["properties"][field]["maxItems"] == 5000


def test_links_take_a_new_list_to_its_members(spec: dict[str, Any]) -> None:
    _, _, create = operation(spec, "createLists")
    links = create["responses"]["207"]["links"]
    assert links["AddContactsToList"]["operationId"] == "addContactsToList"
    assert links["AddContactsToList"]["parameters"]["list_sid"] == "$response.body#/response/0/data/sid"
    _, _, add = operation(spec, "addContactsToList")
    onward = add["responses"]["207"]["links"]["ListListContacts"]
    assert onward["operationId"] == "listListContacts"
    assert onward["parameters"]["list_sid"] == "$request.path.list_sid"
