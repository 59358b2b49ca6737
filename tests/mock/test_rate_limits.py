"""The mock's rate limits: Exotel's windows per category, per-account limits, the headers, the 429 shapes."""

from __future__ import annotations

import time

import httpx
import pytest
from mock_helpers_exotel import assert_envelope

from exotel_contacts_mock import running_mock
from exotel_contacts_mock.__main__ import main
from exotel_contacts_mock.config import Credentials, MockConfig
from exotel_contacts_mock.ratelimit import category_of, parse_account_limit

ENTERPRISE = Credentials("big", "big-key", "big-token", "big-access")
STATUS = "/v2/accounts/{sid}/csv-status/nope"  # a Campaign read (404)
CONTACTS = "/v2/accounts/{sid}/contacts"  # a Campaign write (400: no body)
UPLOAD = "/v2/accounts/{sid}/contacts/upload/nope"  # a CCM read (404)


def client_for(base_url: str, who: Credentials) -> httpx.Client:
    return httpx.Client(base_url=base_url, auth=(who.api_key, who.api_token), timeout=10)


@pytest.mark.parametrize(
    ("method", "path", "category"),
    [
        ("GET", "/v2/accounts/a/contacts/upload/u", "ccm"),
        ("POST", "/v2/accounts/a/contacts/upload", "ccm"),
        ("GET", "/v2/accounts/a/contacts/upload/u/errors", "ccm"),
        ("POST", "/v2/accounts/a/contacts/csv-upload", "campaign"),
        ("GET", "/v2/accounts/a/contacts/uploaded", "reads"),
        ("DELETE", "/v2/accounts/a/lists/l", "campaign"),
        ("GET", "/v2/error-files/e", None),
    ],
)
def test_categories_are_the_clients_quota_families(method: str, path: str, category: str | None) -> None:
    assert category_of(method, path) == category


def test_every_answer_states_its_categorys_limit() -> None:
    with running_mock(MockConfig(processing_rate=0)) as mock, client_for(mock.base_url, demo(mock)) as c:
        read = c.get(STATUS.format(sid="demo"))
        write = c.post(CONTACTS.format(sid="demo"), json={})
        ccm = c.get(UPLOAD.format(sid="demo"))
    assert (read.status_code, write.status_code, ccm.status_code) == (404, 400, 404)
    assert [r.headers["x-ratelimit-limit"] for r in (read, write, ccm)] == ["300", "30", "200"]
    assert [r.headers["x-ratelimit-remaining"] for r in (read, write, ccm)] == ["299", "29", "199"]
    now = time.time()
    for answer in (read, write, ccm):
        assert now < int(answer.headers["x-ratelimit-reset"]) <= now + 61


def demo(mock: object) -> Credentials:
    return Credentials("demo", mock.api_key, mock.api_token, mock.access_token)  # type: ignore[attr-defined]


def test_one_category_spent_leaves_the_others_alone() -> None:
    config = MockConfig(processing_rate=0, campaign_rate_limit=2, rate_window=30)
    with running_mock(config) as mock, client_for(mock.base_url, demo(mock)) as c:
        writes = [c.post(CONTACTS.format(sid="demo"), json={}).status_code for _ in range(3)]
        assert writes == [400, 400, 429]
        assert c.get(STATUS.format(sid="demo")).status_code == 404


def test_per_account_limits_from_the_config_and_the_admin_api() -> None:
    config = MockConfig(
        processing_rate=0,
        extra_accounts=(ENTERPRISE,),
        account_rate_limits=(("big", "reads", 900),),
        rate_window=30,
    )
    with (
        running_mock(config) as mock,
        client_for(mock.base_url, ENTERPRISE) as big,
        client_for(mock.base_url, demo(mock)) as small,
    ):
        assert big.get(STATUS.format(sid="big")).headers["x-ratelimit-limit"] == "900"
        assert small.get(STATUS.format(sid="demo")).headers["x-ratelimit-limit"] == "300"
        put = small.put("/_mock/accounts/demo/rate-limits", json={"limits": {"reads": 2}, "shape": "rest"})
        assert put.status_code == 200
        assert put.json() == {
            "limits": {"ccm": 200, "campaign": 30, "reads": 2},
            "shape": "rest",
            "window_seconds": 30,
        }
        assert [small.get(STATUS.format(sid="demo")).status_code for _ in range(3)] == [404, 404, 429]
        assert big.get(STATUS.format(sid="big")).status_code == 404  # another account, its own window
        back = small.put("/_mock/accounts/demo/rate-limits", json={"limits": {"reads": None}})
        assert back.json()["limits"]["reads"] == 300
        assert small.get(STATUS.format(sid="demo")).status_code == 404  # the window started over
        for bad in ({"limits": {"voice": 3}}, {"limits": {"reads": -1}}, {"shape": "xml"}, [1], "x"):
            assert small.put("/_mock/accounts/demo/rate-limits", json=bad).status_code == 400


@pytest.mark.parametrize("shape", ["envelope", "rest", "legs"])
def test_each_429_shape_carries_retry_after_and_the_headers(shape: str) -> None:
    config = MockConfig(processing_rate=0, rate_limit=1, rate_limit_shape=shape, rate_window=30)
    with running_mock(config) as mock, client_for(mock.base_url, demo(mock)) as c:
        assert c.get(UPLOAD.format(sid="demo")).status_code == 404
        refused = c.get(UPLOAD.format(sid="demo"))
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 30
    assert (refused.headers["x-ratelimit-limit"], refused.headers["x-ratelimit-remaining"]) == ("1", "0")
    body = refused.json()
    message = f"Rate limit exceeded. Try again in {refused.headers['retry-after']} seconds."
    if shape == "envelope":
        assert assert_envelope(refused, 429, 429)["response"]["error_data"]["description"] == message
    elif shape == "rest":
        assert body == {"RestException": {"Status": 429, "Message": message, "Code": "RATE_LIMIT_EXCEEDED"}}
    else:
        assert body["http_code"] == 429
        assert body["response"] == {"error": {"code": "rate_limit_exceeded", "message": message}}


def test_scaled_windows_reset_with_milliseconds() -> None:
    config = MockConfig(processing_rate=0, rate_limit=1, rate_window=0.4)
    with running_mock(config) as mock, client_for(mock.base_url, demo(mock)) as c:
        first = c.get(UPLOAD.format(sid="demo"))
        assert c.get(UPLOAD.format(sid="demo")).status_code == 429
        reset = float(first.headers["x-ratelimit-reset"])
        assert "." in first.headers["x-ratelimit-reset"]
        time.sleep(max(0.0, reset - time.time()) + 0.05)
        assert c.get(UPLOAD.format(sid="demo")).status_code == 404


def test_account_limit_option() -> None:
    assert parse_account_limit("big:campaign=90") == ("big", "campaign", 90)
    for bad in ("big=90", "big:voice=3", "big:reads=-1", ":reads=3"):
        with pytest.raises(ValueError, match="SID:CATEGORY=LIMIT"):
            parse_account_limit(bad)


@pytest.mark.parametrize(
    "argv",
    [["--account-rate-limit", "big:voice=3"], ["--campaign-rate-limit", "-1"], ["--rate-limit-shape", "xml"]],
)
def test_bad_rate_options_are_refused_without_a_traceback(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert "Traceback" not in capsys.readouterr().err
