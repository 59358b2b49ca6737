"""The bound on riding out a Redis that is away: its setting, its back-off, its typed error (no secret)."""

from __future__ import annotations

import time

import pytest
import redis

import exotel_contacts as ec
from exotel_contacts.quota._sync.redis_calls import ride_out
from exotel_contacts.quota.redis_faults import (
    DEFAULT_REDIS_OUTAGE,
    OutageClock,
    is_blip,
    outage_setting,
)


def test_the_outage_bound_comes_from_the_keyword_then_the_environment() -> None:
    assert outage_setting(None, {}) == DEFAULT_REDIS_OUTAGE
    assert outage_setting(None, {"EXOTEL_REDIS_OUTAGE": "2.5"}) == 2.5
    assert outage_setting(7, {"EXOTEL_REDIS_OUTAGE": "2.5"}) == 7
    for bad in ("soon", "-1", "1e9"):
        with pytest.raises(ec.InvalidSettingError, match="EXOTEL_REDIS_OUTAGE"):
            outage_setting(None, {"EXOTEL_REDIS_OUTAGE": bad})
    client = ec.Client(account_sid="a", api_key="k", api_token="t", environ={"EXOTEL_REDIS_OUTAGE": "3"})
    assert client._redis_outage == 3
    client.close()


def test_the_back_off_doubles_and_stops_at_the_bound() -> None:
    clock = OutageClock(5.0)
    waits = [clock.next_wait(0.0) for _ in range(8)]
    assert all(w is not None and 0 < w <= 2.0 for w in waits)
    assert waits[0] is not None
    assert waits[0] <= 0.05
    assert clock.next_wait(5.0) is None


def test_blips_are_ridden_out_and_other_errors_are_not() -> None:
    assert is_blip(redis.ConnectionError("refused"))
    assert is_blip(redis.exceptions.BusyLoadingError("loading"))
    assert is_blip(redis.exceptions.ReadOnlyError("replica"))
    assert not is_blip(redis.exceptions.ResponseError("ERR script"))
    assert not is_blip(redis.exceptions.AuthenticationError("WRONGPASS"))
    calls = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise redis.ConnectionError("Connection refused")
        return "ok"

    assert ride_out(flaky, url="redis://h/0", what="the test", limit=5) == "ok"
    assert len(calls) == 3

    def wrong() -> None:
        raise redis.exceptions.ResponseError("ERR bad script")

    with pytest.raises(ec.APIConnectionError) as failed:
        ride_out(wrong, url="redis://h/0", what="the test", limit=5)
    assert not isinstance(failed.value, ec.StoreUnavailableError)


def test_past_the_bound_a_typed_error_without_the_password() -> None:
    url = "redis://user:s3cret-pw@127.0.0.1:1/0"

    def down() -> None:
        raise redis.ConnectionError("Error connecting with password s3cret-pw")

    started = time.monotonic()
    with pytest.raises(ec.StoreUnavailableError) as failed:
        ride_out(down, url=url, what="the journal", limit=0.3)
    assert 0.3 <= time.monotonic() - started < 2.5
    text = f"{failed.value} {failed.value.how_to_fix} {failed.value!r}"
    assert "s3cret-pw" not in text
    assert "could not be reached for 0.3 s" in str(failed.value)
    assert "redis_outage" in (failed.value.how_to_fix or "")
