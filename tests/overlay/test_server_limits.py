"""The limits the server states: X-RateLimit-* learned per family, Remaining 0, Reset, every 429 shape,
hostile headers. Each client test runs on Client and AsyncClient."""

from __future__ import annotations

import logging
import time
from typing import Any

import httpx
import pytest

import exotel_contacts
from exotel_contacts.base.rates import Rate
from exotel_contacts.quota.server_rates import (
    ServerLimits,
    effective_rate,
    read_server_limits,
)

from .conftest import Either, FakeExotel, csv_status, error_body, json_response, make_client

CSV = "/csv-status/c"
CREATE = "/contacts"
NOW = 1_800_000_000.0


def headers(limit: object = None, remaining: object = None, reset: object = None) -> dict[str, str]:
    found = {"X-RateLimit-Limit": limit, "X-RateLimit-Remaining": remaining, "X-RateLimit-Reset": reset}
    return {k: str(v) for k, v in found.items() if v is not None}


def stated(status: int = 200, body: Any = None, **kw: object) -> httpx.Response:
    return json_response(status, body if body is not None else csv_status(), **headers(**kw))


def client(kind: str, fake: FakeExotel, **kwargs: Any) -> Either:
    options: dict[str, Any] = {"rate_limit_per_minute": exotel_contacts.base.rates.UNSET}
    options.update(kwargs)
    return Either(make_client(kind, fake, **options))


def limit_of(either: Either, family: str) -> int:
    limiter = either.client._limiter
    assert limiter is not None
    return int(limiter._windows[family].rate.limit)  # type: ignore[index]


# ---- reading the headers ---------------------------------------------------------------------------


def test_sound_headers_are_read() -> None:
    seen = read_server_limits(httpx.Headers(headers(90, 7, int(NOW) + 42)), now=NOW)
    assert seen == ServerLimits(limit=90, remaining=7, reset_in=42.0)
    assert read_server_limits(httpx.Headers({"X-RateLimit-Reset": f"{NOW + 0.25:.3f}"}), now=NOW) == (
        ServerLimits(None, None, pytest.approx(0.25))
    )
    assert read_server_limits(httpx.Headers({}), now=NOW) is None


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"limit": -5}, "limit"),
        ({"limit": "abc"}, "limit"),
        ({"limit": "1e9"}, "limit"),
        ({"limit": 10**13}, "limit"),
        ({"limit": "12.5"}, "limit"),
        ({"limit": 0}, "limit"),
        ({"limit": ""}, "limit"),
        ({"limit": 10, "remaining": 11}, "remaining"),
        ({"remaining": "-1"}, "remaining"),
        ({"reset": int(NOW) - 3600}, "reset_in"),
        ({"reset": int(NOW) + 3 * 365 * 86400}, "reset_in"),
        ({"reset": "NaN"}, "reset_in"),
        ({"reset": "inf"}, "reset_in"),
        ({"reset": "Wed, 01 Jan 2025 00:00:10 GMT"}, "reset_in"),
        ({"reset": "9" * 40}, "reset_in"),
        ({"reset": "\x1b[2J1800000010"}, "reset_in"),
    ],
)
def test_nonsense_is_ignored_with_one_debug_line(
    bad: dict[str, object], field: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="exotel_contacts"):
        seen = read_server_limits(httpx.Headers(headers(**bad)), now=NOW)
    assert seen is not None
    assert getattr(seen, field) is None
    assert len(caplog.records) == 1
    assert caplog.records[0].levelno == logging.DEBUG
    assert "\x1b" not in caplog.text


def test_the_servers_date_corrects_a_skewed_clock() -> None:
    date = "Fri, 15 Jan 2027 08:00:00 GMT"  # 1_800_000_000 is 2027-01-15T08:00:00Z
    found = httpx.Headers({"X-RateLimit-Reset": str(int(NOW) + 30), "Date": date})
    seen = read_server_limits(found, now=NOW + 600)  # our clock is ten minutes fast
    assert seen is not None
    assert seen.reset_in == pytest.approx(30)


def test_a_users_rate_is_a_ceiling_a_default_follows() -> None:
    assert effective_rate(Rate(30, 60.0, follow_server=True), 90) == Rate(90, 60.0, follow_server=True)
    assert effective_rate(Rate(30, 60.0, follow_server=True), 12).limit == 12
    assert effective_rate(Rate(30, 60.0), 90) == Rate(30, 60.0)
    assert effective_rate(Rate(30, 60.0), 12) == Rate(12, 60.0)
    assert effective_rate(Rate(30, 60.0), None) == Rate(30, 60.0)


# ---- the clients learn ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_a_stated_limit_replaces_the_default_both_ways(kind: str, fake: FakeExotel) -> None:
    fake.add("GET", CSV, stated(limit=12, remaining=11), stated(limit=90, remaining=80))
    either = client(kind, fake)
    assert limit_of(either, "reads") == 300
    await either.call("get_csv_status", "c")
    assert limit_of(either, "reads") == 12  # lower than Exotel's default: slow down
    await either.call("get_csv_status", "c")
    assert limit_of(either, "reads") == 90  # an enterprise account: use it
    assert limit_of(either, "campaign") == 30  # each family learns from its own answers
    await either.close()


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_never_above_a_limit_the_user_set(kind: str, fake: FakeExotel) -> None:
    fake.add("GET", CSV, stated(limit=900), stated(limit=5))
    either = client(kind, fake, reads_rate_limit="50/minute")
    await either.call("get_csv_status", "c")
    assert limit_of(either, "reads") == 50
    await either.call("get_csv_status", "c")
    assert limit_of(either, "reads") == 5
    await either.close()


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_no_headers_change_nothing(kind: str, fake: FakeExotel) -> None:
    fake.add("GET", CSV, csv_status())
    either = client(kind, fake)
    await either.call("get_csv_status", "c")
    assert either.client._limiter is not None
    assert either.client._limiter.rates.reads == Rate(300, 60.0, follow_server=True)
    assert limit_of(either, "reads") == 300
    await either.close()


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_remaining_zero_waits_for_reset(kind: str, fake: FakeExotel) -> None:
    reset = lambda request: stated(limit=50, remaining=0, reset=f"{time.time() + 0.4:.3f}")  # noqa: E731
    fake.add("GET", CSV, reset)
    either = client(kind, fake)
    await either.call("get_csv_status", "c")
    started = time.monotonic()
    await either.call("get_csv_status", "c")
    assert 0.3 < time.monotonic() - started < 5
    await either.close()


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_a_429_without_retry_after_waits_for_reset(kind: str, fake: FakeExotel) -> None:
    records: list[exotel_contacts.RetryRecord] = []
    refused = lambda request: stated(  # noqa: E731
        429,
        error_body(429, 429, "Too many requests"),
        limit=50,
        remaining=0,
        reset=f"{time.time() + 0.6:.3f}",
    )
    fake.add("GET", CSV, refused, csv_status())
    either = client(kind, fake, retry=exotel_contacts.RetryPolicy(on_retry=records.append))
    started = time.monotonic()
    await either.call("get_csv_status", "c")
    # The retry's wait is Reset's (stamina's test switch skips that sleep); the family's window is
    # held until Reset as well, and that wait is real.
    assert [r.status_code for r in records] == [429]
    assert records[0].retry_after == pytest.approx(0.6, abs=0.3)
    assert 0.3 < time.monotonic() - started < 5
    await either.close()


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_a_spent_window_past_the_calls_deadline_is_a_rate_limit_error(
    kind: str, fake: FakeExotel
) -> None:
    fake.add("GET", CSV, stated(limit=50, remaining=0, reset=int(time.time()) + 30))
    either = client(kind, fake, call_timeout=2.0)
    await either.call("get_csv_status", "c")
    started = time.monotonic()
    with pytest.raises(exotel_contacts.RateLimitError) as info:
        await either.call("get_csv_status", "c")
    assert time.monotonic() - started < 1
    assert info.value.retry_after is not None
    assert 25 < info.value.retry_after <= 31
    await either.close()


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize(
    "bad",
    [
        {"limit": -1, "remaining": 0, "reset": "1e30"},
        {"limit": "lots", "remaining": "none", "reset": "soon"},
        {"limit": 10**12, "remaining": 0, "reset": int(time.time()) + 10 * 365 * 86400},
        {"limit": 50, "remaining": 0, "reset": int(time.time()) - 86400},
    ],
)
async def test_hostile_headers_never_crash_or_stall_a_client(
    kind: str, bad: dict[str, object], fake: FakeExotel, caplog: pytest.LogCaptureFixture
) -> None:
    fake.add("GET", CSV, stated(**bad))
    either = client(kind, fake)
    started = time.monotonic()
    with caplog.at_level(logging.DEBUG, logger="exotel_contacts"):
        for _ in range(3):
            await either.call("get_csv_status", "c")
    assert time.monotonic() - started < 2
    assert limit_of(either, "reads") in (50, 300)
    assert any("Ignoring X-RateLimit" in r.getMessage() for r in caplog.records)
    await either.close()


# ---- every 429 shape -------------------------------------------------------------------------------

MESSAGE = "Rate limit exceeded. Try again in 30 seconds."
SHAPES = {
    "envelope": error_body(429, 429, "Too many requests", MESSAGE),
    "rest": {"RestException": {"Status": 429, "Message": MESSAGE, "Code": "RATE_LIMIT_EXCEEDED"}},
    "legs": {
        "request_id": "req_legs",
        "http_code": 429,
        "response": {"error": {"code": "rate_limit_exceeded", "message": MESSAGE}},
    },
}


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("shape", sorted(SHAPES))
async def test_every_429_shape_is_a_rate_limit_error_with_the_servers_message(
    kind: str, shape: str, fake: FakeExotel
) -> None:
    fake.add("POST", CREATE, json_response(429, SHAPES[shape], **{"Retry-After": "30"}))
    either = client(kind, fake, retry=exotel_contacts.RetryPolicy(max_attempts=1))
    with pytest.raises(exotel_contacts.RateLimitError) as info:
        await either.call("create_contacts", [{"number": "+919876543210"}])
    assert info.value.retry_after == 30
    assert info.value.status_code == 429
    assert MESSAGE in str(info.value)
    assert info.value.description == MESSAGE
    await either.close()


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_a_hostile_429_message_is_cleaned_and_cut(kind: str, fake: FakeExotel) -> None:
    body = {"RestException": {"Status": 429, "Message": "\x1b]0;pwned\x07" + "x" * 5000, "Code": ["no"]}}
    fake.add("POST", CREATE, json_response(429, body))
    either = client(kind, fake, retry=exotel_contacts.RetryPolicy(max_attempts=1))
    with pytest.raises(exotel_contacts.RateLimitError) as info:
        await either.call("create_contacts", [{"number": "+919876543210"}])
    text = str(info.value)
    assert "\x1b" not in text
    assert "\x07" not in text
    assert len(text) < 1500
    assert info.value.code is None
    await either.close()


# ---- against the mock -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_a_throttled_account_on_the_mock_gets_no_429(kind: str) -> None:
    from exotel_contacts_mock import running_mock  # noqa: PLC0415
    from exotel_contacts_mock.config import MockConfig  # noqa: PLC0415 - the mock extra

    # Scaled time: 1 s windows; the account allows 3 Campaign writes per window, the client starts at 30.
    config = MockConfig(processing_rate=0, rate_window=1.0, account_rate_limits=(("demo", "campaign", 3),))
    records: list[exotel_contacts.RetryRecord] = []
    with running_mock(config) as mock:
        either = client(
            kind,
            FakeExotel(),
            transport=None,
            account_sid=mock.account_sid,
            api_key=mock.api_key,
            api_token=mock.api_token,
            ccm_base_url=mock.base_url,
            campaign_base_url=mock.base_url,
            campaign_rate_limit=exotel_contacts.Rate(30, 1.0, follow_server=True),
            retry=exotel_contacts.RetryPolicy(on_retry=records.append),
        )
        started = time.monotonic()
        for n in range(7):
            await either.call("create_contacts", [{"number": f"+91987654{n:04d}"}])
        elapsed = time.monotonic() - started
        assert limit_of(either, "campaign") == 3
        await either.close()
    assert [r.status_code for r in records] == []  # paced by the stated limit: no 429 at all
    assert elapsed > 1.5  # 7 requests at 3 a second take two more windows
