"""Every call ends within a bound the user can set: trickling and stalling servers, huge numbers.

Real loopback servers (tests/hostile_servers.py), sync and async clients.
"""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
from hostile_servers import HostileServer, json_answer, serving, stall, trickle

import exotel_contacts
from exotel_contacts import (
    APITimeoutError,
    ConfigurationError,
    InvalidResponseError,
    OutcomeUnknownError,
    PollSchedule,
    RetryPolicy,
)

from .conftest import ACCEPTED, SID, Either, FakeExotel, ccm_status, envelope, make_client, real


async def test_a_trickling_answer_ends_at_the_attempt_deadline_and_is_replayed_when_safe(kind: str) -> None:
    with serving(lambda s: trickle(s.stop)) as server:
        client = real(kind, server.url, attempt_timeout=0.3, retry=RetryPolicy(max_attempts=2))
        started = time.monotonic()
        with pytest.raises(APITimeoutError, match="deadline"):
            await client.call("get_upload_status", "up_1")
        await client.close()
        took = time.monotonic() - started
    assert server.count("GET") == 2  # a GET is replay-safe: replayed once, then given up
    assert took < 3


async def test_a_trickling_answer_to_an_unsafe_upload_is_an_unknown_outcome_never_replayed(kind: str) -> None:
    with serving(lambda s: trickle(s.stop)) as server:
        client = real(kind, server.url, attempt_timeout=0.3)
        with pytest.raises(OutcomeUnknownError):
            await client.call(
                "upload_contacts", b"phone_number\n+919876543210\n", duplicate_action="create_new"
            )
        await client.close()
    assert server.count("POST") == 1


async def test_the_call_deadline_bounds_every_attempt_and_wait_together(kind: str) -> None:
    with serving(lambda s: trickle(s.stop)) as server:
        client = real(
            kind,
            server.url,
            attempt_timeout=0.3,
            call_timeout=0.8,
            # Short waits: with the default 0.5 s first wait plus jitter, a second attempt did not
            # always fit in the 0.8 s call (one GET; the test failed about one run in four).
            retry=RetryPolicy(max_attempts=50, wait_initial=0.05, wait_max=0.1),
        )
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            await client.call("get_upload_status", "up_1")
        await client.close()
        took = time.monotonic() - started
    assert took < 2.5
    assert 2 <= server.count("GET") <= 4


async def test_a_server_that_never_answers_ends_at_the_attempt_deadline_not_the_read_timeout(
    kind: str,
) -> None:
    with serving(lambda s: stall(s.stop)) as server:
        client = real(kind, server.url, timeout=30, attempt_timeout=0.3, retry=RetryPolicy(max_attempts=1))
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            await client.call("get_upload_status", "up_1")
        await client.close()
    assert time.monotonic() - started < 2


def test_the_defaults_are_finite() -> None:
    config = exotel_contacts.ClientConfig.resolve(account_sid=SID, api_key="k", api_token="t", environ={})
    for value in (config.timeout, config.attempt_timeout, config.call_timeout):
        assert 0 < value <= 86_400
    assert 0 < config.max_response_bytes < 2**31
    assert 0 < config.max_download_bytes < 2**40


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("EXOTEL_TIMEOUT", "1e10"),
        ("EXOTEL_TIMEOUT", "nan"),
        ("EXOTEL_TIMEOUT", "-1"),
        ("EXOTEL_ATTEMPT_TIMEOUT", "1e10"),
        ("EXOTEL_ATTEMPT_TIMEOUT", "0"),
        ("EXOTEL_CALL_TIMEOUT", "inf"),
        ("EXOTEL_CALL_TIMEOUT", "soon"),
        ("EXOTEL_MAX_RESPONSE_BYTES", "0"),
        ("EXOTEL_MAX_RESPONSE_BYTES", "1e30"),
        ("EXOTEL_MAX_RESPONSE_BYTES", "12.5"),
        ("EXOTEL_MAX_DOWNLOAD_BYTES", "-5"),
    ],
)
def test_every_numeric_variable_is_range_checked_at_configuration_time(variable: str, value: str) -> None:
    env = {"EXOTEL_ACCOUNT_SID": SID, "EXOTEL_API_KEY": "k", "EXOTEL_API_TOKEN": "t", variable: value}
    with pytest.raises(ConfigurationError, match=variable):
        exotel_contacts.Client(environ=env)


@pytest.mark.parametrize(
    "options",
    [
        {"timeout": 1e10},
        {"attempt_timeout": float("nan")},
        {"call_timeout": -3},
        {"max_response_bytes": True},
        {"rate_limit_per_minute": 0},
        {"rate_limit_per_minute": 10**12},
        {"max_concurrent_uploads": 0},
        {"max_concurrent_uploads": 10**9},
    ],
)
def test_every_numeric_option_is_range_checked_at_configuration_time(options: dict[str, Any]) -> None:
    with pytest.raises(ConfigurationError):
        make_client("sync", FakeExotel(), **options)


@pytest.mark.parametrize(
    "build",
    [
        lambda: RetryPolicy(max_attempts=0),
        lambda: RetryPolicy(max_attempts=10**9),
        lambda: RetryPolicy(deadline=1e10),
        lambda: RetryPolicy(wait_initial=-1),
        lambda: RetryPolicy(wait_max=float("inf")),
        lambda: RetryPolicy(jitter=2),
        lambda: RetryPolicy(retry_after_max=1e300),
        lambda: PollSchedule(min_interval=0),
        lambda: PollSchedule(max_interval=1e10),
        lambda: PollSchedule(min_interval=10, max_interval=5),
        lambda: PollSchedule(ratio=-0.1),
        lambda: PollSchedule(hedge_ratio=3),
    ],
)
def test_policy_and_schedule_numbers_are_range_checked_when_built(build: Any) -> None:
    with pytest.raises(ConfigurationError):
        build()


@pytest.mark.parametrize("name", ["wait_for_upload", "wait_for_csv_upload"])
async def test_wait_timeouts_are_range_checked(either: Either, name: str) -> None:
    with pytest.raises(exotel_contacts.InvalidInputError, match="timeout"):
        await either.call(name, "up_1", timeout=1e10)


@pytest.mark.parametrize("estimate", [b"1e400", b"-1e400", b"NaN", b"Infinity"])
async def test_an_absurd_estimate_from_the_server_is_an_invalid_response_not_a_crash(
    either: Either, fake: FakeExotel, estimate: bytes
) -> None:
    body = (
        b'{"request_id":"r","method":"POST","http_code":202,"response":{"code":202,"status":"accepted",'
        b'"data":{"upload_id":"up_1","total_records":3,"status":"processing","estimated_time_seconds":'
        + estimate
        + b"}}}"
    )
    fake.add("POST", "/contacts/upload", httpx.Response(202, content=body))
    fake.add("GET", "/contacts/upload/up_1", ccm_status())
    with pytest.raises(InvalidResponseError, match=r"out of range|not JSON"):
        await either.call("upload_and_wait", b"phone_number\n+919876543210\n")


@pytest.mark.parametrize("estimate", [10**15, 10**400])
async def test_a_huge_whole_estimate_is_clamped(either: Either, fake: FakeExotel, estimate: int) -> None:
    accepted = {**ACCEPTED, "response": {**ACCEPTED["response"]}}
    accepted["response"]["data"] = {**accepted["response"]["data"], "estimated_time_seconds": estimate}
    fake.add("POST", "/contacts/upload", accepted)
    fake.add("GET", "/contacts/upload/up_1", ccm_status())
    status = await either.call("upload_and_wait", b"phone_number\n+919876543210\n", timeout=None)
    assert status.status == "completed"
    assert either.sleeps
    assert max(either.sleeps) <= 86_400


async def test_a_huge_count_in_a_status_is_refused(either: Either, fake: FakeExotel) -> None:
    fake.add(
        "GET",
        "/contacts/upload/up_1",
        envelope({"upload_id": "up_1", "status": "completed", "successful": 10**30}),
    )
    with pytest.raises(InvalidResponseError):
        await either.call("get_upload_status", "up_1")


async def test_import_survives_an_absurd_estimate(tmp_path: Any, either: Either, fake: FakeExotel) -> None:
    body = (
        b'{"request_id":"r","method":"POST","http_code":202,"response":{"code":202,"status":"accepted",'
        b'"data":{"upload_id":"up_1","total_records":1,"status":"processing","estimated_time_seconds":1e400}}}'
    )
    fake.add("POST", "/contacts/upload", httpx.Response(202, content=body))
    source = tmp_path / "c.csv"
    source.write_text("phone_number\n+919876543210\n")
    result = await either.call("import_contacts", source)
    assert result.failed == 1
    assert result.failures()[0].error_code == "OUTCOME_UNKNOWN"  # accepted or not: the answer was unreadable


def test_servers_are_stopped_promptly() -> None:
    # The helpers themselves must not leave threads behind (keeps the suite fast and quiet).
    with HostileServer(json_answer({"ok": True})) as server:
        assert server.url.startswith("http://127.0.0.1:")
