"""Campaign contacts and lists: paging, uniqueness, membership, caps, and what deletes and CSV uploads do."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import httpx
from mock_helpers_exotel import assert_envelope, csv_upload, wait_for

from exotel_contacts_mock import MockConfig
from exotel_contacts_mock.background import running_mock
from exotel_contacts_mock.config import Credentials
from exotel_contacts_mock.store import SCHEMA_VERSION, Store

A = "/v2/accounts/demo"


def _create(client: httpx.Client, count: int, start: int = 0) -> list[str]:
    contacts = [{"number": f"+9198765{start + i:05d}", "first_name": f"n{i:02d}"} for i in range(count)]
    response = client.post(f"{A}/contacts", json={"contacts": contacts})
    assert response.status_code == 207
    return [item["data"]["sid"] for item in response.json()["response"]]


def _list(client: httpx.Client, name: str) -> str:
    response = client.post(f"{A}/lists", json={"lists": [{"name": name}]})
    sid: str = response.json()["response"][0]["data"]["sid"]
    return sid


def _add(client: httpx.Client, list_sid: str, sids: list[str]) -> dict[str, Any]:
    refs = [{"contact_sid": sid} for sid in sids]
    response = client.post(f"{A}/lists/{list_sid}/contacts", json={"contact_references": refs})
    assert response.status_code == 207, response.text
    body: dict[str, Any] = response.json()
    return body


def _all(client: httpx.Client, path: str, **params: Any) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    while True:
        body = client.get(path, params={**params, "offset": len(records)}).json()
        records += [item["data"] for item in body["response"]]
        if body["metadata"]["count"] < body["metadata"]["limit"]:
            return records


def test_paging_is_twenty_a_page_with_metadata(client: httpx.Client) -> None:
    sids = _create(client, 45)
    first = client.get(f"{A}/contacts").json()
    assert first["metadata"] == {"count": 20, "offset": 0, "limit": 20, "total": 45}
    assert [item["data"]["sid"] for item in first["response"]] == sids[:20]
    last = client.get(f"{A}/contacts", params={"offset": 40, "limit": 20}).json()
    assert last["metadata"]["count"] == 5
    assert [c["sid"] for c in _all(client, f"{A}/contacts")] == sids
    assert_envelope(client.get(f"{A}/contacts", params={"limit": 21}), 400, 1002)
    by_name = client.get(f"{A}/contacts", params={"sort_by": "name:desc", "limit": 1}).json()
    assert by_name["response"][0]["data"]["first_name"] == "n44"
    assert client.get(f"{A}/contacts", params={"name": "N4"}).json()["metadata"]["total"] == 5


def test_list_names_are_unique_and_membership_is_a_set(client: httpx.Client) -> None:
    sids = _create(client, 3)
    body = client.post(f"{A}/lists", json={"lists": [{"name": "vip"}, {"name": "vip"}]}).json()
    assert [item["code"] for item in body["response"]] == [200, 409]
    assert body["response"][1]["error_data"]["code"] == 1008
    list_sid = body["response"][0]["data"]["sid"]
    added = _add(client, list_sid, [sids[0], sids[1], sids[0], "no-such-contact"])
    assert [item["code"] for item in added["response"]] == [200, 200, 409, 404]
    assert added["metadata"] == {"total": 4, "success": 2, "failed": 2}
    assert added["response"][0]["data"]["list_id"] == list_sid
    assert [item["code"] for item in _add(client, list_sid, sids)["response"]] == [409, 409, 200]
    assert client.get(f"{A}/lists/{list_sid}").json()["response"]["data"]["contact_count"] == 3
    other = _list(client, "other")
    assert_envelope(client.put(f"{A}/lists/{other}", json={"name": "vip"}), 409, 1008)
    renamed = client.put(
        f"{A}/lists", json={"lists": [{"sid": other, "name": "b"}, {"sid": "x", "name": "c"}]}
    )
    assert [item["code"] for item in renamed.json()["response"]] == [200, 404]
    shown = client.get(f"{A}/contacts/{sids[0]}", params={"filter": "show_list"}).json()["response"]["data"]
    assert shown["lists"] == [{"sid": list_sid, "name": "vip"}]
    assert {c["sid"] for c in _all(client, f"{A}/contacts", list_sids=list_sid)} == set(sids)


def test_deletes_keep_the_right_things(client: httpx.Client) -> None:
    sids = _create(client, 2)
    list_sid = _list(client, "l")
    _add(client, list_sid, sids)
    assert client.delete(f"{A}/contacts/{sids[0]}").status_code == 200
    assert_envelope(client.delete(f"{A}/contacts/{sids[0]}"), 404, 1000)
    assert [c["sid"] for c in _all(client, f"{A}/lists/{list_sid}/contacts")] == [sids[1]]
    removed = client.delete(f"{A}/lists/{list_sid}/contacts/{sids[1]}")
    assert removed.json()["response"]["data"]["contact_sid"] == sids[1]
    assert_envelope(client.delete(f"{A}/lists/{list_sid}/contacts/{sids[1]}"), 404, 1000)
    assert client.get(f"{A}/contacts/{sids[1]}").status_code == 200  # the contact stays
    _add(client, list_sid, [sids[1]])
    assert client.delete(f"{A}/lists/{list_sid}").status_code == 200
    assert client.get(f"{A}/contacts/{sids[1]}").status_code == 200
    assert_envelope(client.get(f"{A}/lists/{list_sid}/contacts"), 404, 1000)


def test_updates_check_values_and_uniqueness(client: httpx.Client) -> None:
    sids = _create(client, 2)
    updated = client.put(f"{A}/contacts/{sids[0]}", json={"first_name": "XYZ", "tag": None})
    assert updated.json()["response"]["data"]["first_name"] == "XYZ"
    assert_envelope(client.put(f"{A}/contacts/{sids[0]}", json={"email": "nope"}), 400, 1002)
    taken = client.get(f"{A}/contacts/{sids[1]}").json()["response"]["data"]["number"]
    assert_envelope(client.put(f"{A}/contacts/{sids[0]}", json={"number": taken}), 409, 1008)
    assert_envelope(client.put(f"{A}/contacts/nope", json={"tag": "x"}), 404, 1000)
    bulk = client.put(
        f"{A}/contacts",
        json={
            "contacts": [{"sid": sids[0], "last_name": "L"}, {"sid": "nope", "tag": "x"}, {"sid": sids[1]}]
        },
    ).json()
    assert [item["code"] for item in bulk["response"]] == [200, 404, 200]


def test_csv_upload_fills_its_list_and_links_existing_contacts(client: httpx.Client) -> None:
    _create(client, 1, start=43210)  # +919876543210 exists before the upload
    data = csv_upload(client, b"number,first_name\n+919876543210,A\n+919876543211,B\nbad,C\n", "from-csv")
    summary = data.json()["response"]["data"]["summary"]
    wait_for(
        lambda: client.get(f"{A}/csv-status/{summary['upload_id']}").json()["response"]["data"],
        lambda d: d["status"] == "completed",
    )
    numbers = [c["number"] for c in _all(client, f"{A}/lists/{summary['list_sid']}/contacts")]
    assert numbers == ["+919876543210", "+919876543211"]


def test_list_cap_fails_the_items_past_it() -> None:
    with (
        running_mock(MockConfig(processing_rate=0, static_list_cap=2)) as mock,
        httpx.Client(base_url=mock.base_url, auth=(mock.api_key, mock.api_token)) as c,
    ):
        sids = _create(c, 3)
        added = _add(c, _list(c, "small"), sids)
        assert [item["code"] for item in added["response"]] == [200, 200, 400]
        assert added["response"][2]["error_data"]["code"] == 1002


def test_a_version_1_file_gains_list_tags(tmp_path: Path) -> None:
    """Schema version 2 added `lists.tag`: a version 1 file is migrated in place, its lists kept."""
    db = tmp_path / "mock.db"
    Store(str(db), [Credentials("demo", "k", "t", "a")]).close()
    with sqlite3.connect(db) as raw:
        raw.execute("INSERT INTO lists (sid, account_sid, name, type) VALUES ('l1', 'demo', 'old', 'static')")
        raw.execute("ALTER TABLE lists DROP COLUMN tag")
        for drop in ("TRIGGER list_members_added", "TRIGGER list_members_removed", "TABLE list_stats"):
            raw.execute(f"DROP {drop}")  # version 3's paging aids
        raw.execute("DROP INDEX list_members_order")
        raw.execute("INSERT INTO contacts (sid, account_sid, number) VALUES ('c1', 'demo', '+919876543210')")
        raw.execute("INSERT INTO list_members VALUES ('l1', 'c1')")
        raw.execute("PRAGMA user_version = 1")
    store = Store(str(db), [Credentials("demo", "k", "t", "a")])
    try:
        assert [entry["name"] for entry in store.directory.lists_with_numbers("demo")] == ["old"]
        assert "tag" in store.directory.lists_with_numbers("demo")[0]
        page = store.directory.members_page("demo", "l1", offset=0, limit=20)
        assert page is not None
        assert (page.total, [c["sid"] for c in page.records]) == (1, ["c1"])  # counted by the migration
    finally:
        store.close()
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3


def test_paging_a_list_continues_where_the_last_page_ended(client: httpx.Client) -> None:
    # Sequential pages continue from the last member served (a cursor kept with the membership's
    # version); a change between pages, or any other offset, falls back to plain skipping.
    sids = _create(client, 65)
    list_sid = _list(client, "paged")
    _add(client, list_sid, sids)
    path = f"{A}/lists/{list_sid}/contacts"
    assert [c["sid"] for c in _all(client, path)] == sids
    first = client.get(path, params={"offset": 0}).json()
    assert first["metadata"]["total"] == 65
    assert "member_rowid" not in first["response"][0]["data"]
    assert client.delete(f"{A}/lists/{list_sid}/contacts/{sids[3]}").status_code == 200
    second = client.get(path, params={"offset": 20}).json()  # after the change: skips 20 again
    assert second["metadata"]["total"] == 64
    assert [item["data"]["sid"] for item in second["response"]] == sids[21:41]
    again = client.get(path, params={"offset": 5, "limit": 3}).json()  # not where the last ended
    assert [item["data"]["sid"] for item in again["response"]] == sids[6:9]
    _add(client, list_sid, [sids[3]])  # back, at the end
    assert [c["sid"] for c in _all(client, path)] == sids[:3] + sids[4:] + [sids[3]]
