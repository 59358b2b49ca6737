"""Credentials and account isolation; every framework error in the Exotel envelope."""

from __future__ import annotations

import httpx
import pytest
from mock_helpers_exotel import SAMPLE, assert_envelope, ccm_status, upload

from exotel_contacts_mock import Credentials, MockConfig
from exotel_contacts_mock.background import running_mock

OTHER = Credentials("other", "other-key", "other-token", "other-access")


def test_account_isolation() -> None:
    with running_mock(MockConfig(processing_rate=0, extra_accounts=(OTHER,))) as mock:
        demo = httpx.Client(base_url=mock.base_url, auth=(mock.api_key, mock.api_token))
        other = httpx.Client(base_url=mock.base_url, auth=(OTHER.api_key, OTHER.api_token))
        upload_id = upload(demo, SAMPLE).json()["response"]["data"]["upload_id"]
        ccm_status(demo, upload_id)
        # Credentials of one account never reach another account's data: 403 (1003) for its path ...
        assert_envelope(other.get(f"/v2/accounts/demo/contacts/upload/{upload_id}"), 403, 1003)
        assert_envelope(upload(other, SAMPLE, sid="demo"), 403, 1003)
        bulk = other.post("/v2/accounts/demo/contacts", json={"contacts": [{"number": "+919876543210"}]})
        assert_envelope(bulk, 403, 1003)
        # ... and 404 for its ids under their own account.
        assert_envelope(other.get(f"/v2/accounts/other/contacts/upload/{upload_id}"), 404, 1000)
        assert mock.store.ccm.contacts("other") == []
        admin = httpx.get(f"{mock.base_url}/_mock/accounts/demo/ccm-contacts").json()
        assert len(admin) == 3
        demo.close()
        other.close()


@pytest.mark.parametrize(
    "auth", [None, ("demo-key", "wrong"), ("nobody", "demo-token")], ids=["none", "bad-token", "bad-key"]
)
def test_unauthenticated(client: httpx.Client, auth: tuple[str, str] | None) -> None:
    response = httpx.get(f"{client.base_url}/v2/accounts/demo/csv-status/x", auth=auth)
    assert_envelope(response, 401, 1010)


def test_framework_errors(client: httpx.Client) -> None:
    assert_envelope(client.get("/no/such/route"), 404, 1000)
    not_allowed = assert_envelope(client.delete("/v2/accounts/demo/contacts"), 405, 405)
    assert not_allowed["method"] == "DELETE"
    assert_envelope(
        client.post("/v2/accounts/demo/contacts", content=b"x", headers={"content-type": "text/plain"}),
        415,
        1011,
    )
    assert_envelope(
        client.post("/v2/accounts/demo/contacts", content=b"{", headers={"content-type": "application/json"}),
        400,
        1007,
    )
    assert_envelope(client.post("/v2/accounts/demo/contacts", json={"contacts": []}), 400, 1002)
    assert_envelope(client.post("/v2/accounts/demo/contacts", json={}), 400, 1001)
    assert_envelope(client.get("/v2/accounts/demo/contacts/upload/" + "x" * 200), 404, 1000)


def test_large_json_is_413() -> None:
    with running_mock(MockConfig(max_json_bytes=100)) as mock:
        response = httpx.post(
            f"{mock.base_url}/v2/accounts/demo/contacts",
            json={"contacts": [{"number": "+919876543210", "first_name": "x" * 200}]},
            auth=(mock.api_key, mock.api_token),
        )
        assert_envelope(response, 413, 1002)


def test_internal_error_is_enveloped(
    client: httpx.Client, exotel_mock: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(exotel_mock.store.campaign, "upload", boom)
    assert_envelope(client.get("/v2/accounts/demo/csv-status/x"), 500, 1100)
