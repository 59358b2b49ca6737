"""Transport-level retries: what is replayed, how long it waits, and what surfaces when it stops."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

import exotel_contacts
from exotel_contacts import (
    APIConnectionError,
    APITimeoutError,
    OutcomeUnknownError,
    RateLimitError,
    RetryPolicy,
    RetryRecord,
    RetryTransport,
    ServerError,
)
from exotel_contacts.core.retry import parse_retry_after

from .conftest import (
    ACCEPTED,
    Either,
    FakeExotel,
    ccm_status,
    created,
    error_body,
    json_response,
    make_client,
)

CSV = b"phone_number\n+919876543210\n"
UPLOAD = "/contacts/upload"
STATUS = "/contacts/upload/up_1"


@pytest.fixture(params=["sync", "async"])
async def recorded(request: pytest.FixtureRequest, fake: FakeExotel) -> Any:
    records: list[RetryRecord] = []
    policy = RetryPolicy(on_retry=records.append, random=lambda: 0.0)
    wrapper = Either(make_client(request.param, fake, retry=policy))
    wrapper.records = records  # type: ignore[attr-defined]
    yield wrapper
    await wrapper.close()


def server_error(status: int) -> httpx.Response:
    return json_response(status, error_body(status, 1100, "Internal server error"))


@pytest.mark.parametrize("status", [429, 503, 502, 504, 500])
async def test_get_is_replayed_on_transient_statuses(recorded: Any, fake: FakeExotel, status: int) -> None:
    fake.add("GET", STATUS, server_error(status), server_error(status), ccm_status())
    assert (await recorded.call("get_upload_status", "up_1")).status == "completed"
    assert fake.count("GET", STATUS) == 3
    assert [r.reason for r in recorded.records] == [str(status)] * 2
    assert [r.wait for r in recorded.records] == [0.5, 1.0]  # 0.5 s doubling, jitter pinned to 0


async def test_retry_after_seconds_and_date_are_honoured_and_capped(recorded: Any, fake: FakeExotel) -> None:
    date = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    fake.add(
        "GET",
        STATUS,
        json_response(429, {}, **{"Retry-After": "3"}),
        json_response(503, {}, **{"Retry-After": date}),
        json_response(429, {}, **{"Retry-After": "100000"}),
        ccm_status(),
    )
    await recorded.call("get_upload_status", "up_1")
    waits = [r.wait for r in recorded.records]
    assert waits[0] == 3
    assert 25 < waits[1] <= 30
    assert waits[2] == 120  # capped at retry_after_max
    assert recorded.records[0].retry_after == 3


def test_parse_retry_after() -> None:
    now = datetime(2025, 1, 1, tzinfo=UTC)
    assert parse_retry_after("5", now=now) == 5
    assert parse_retry_after("Wed, 01 Jan 2025 00:00:10 GMT", now=now) == 10
    assert parse_retry_after("Tue, 31 Dec 2024 00:00:10 GMT", now=now) == 0
    assert parse_retry_after("soon", now=now) is None
    assert parse_retry_after("nan", now=now) is None
    assert parse_retry_after(None) is None


async def test_attempts_run_out_into_typed_errors(recorded: Any, fake: FakeExotel) -> None:
    fake.add("GET", STATUS, json_response(429, error_body(429, 1100, "Too many"), **{"Retry-After": "2"}))
    with pytest.raises(RateLimitError) as info:
        await recorded.call("get_upload_status", "up_1")
    assert info.value.retry_after == 2
    assert info.value.status_code == 429
    assert fake.count("GET", STATUS) == 5  # default max_attempts
    fake.add("GET", "/csv-status/c", server_error(503))
    with pytest.raises(ServerError):
        await recorded.call("get_csv_status", "c")


async def test_connection_failures_are_replayed_even_for_unsafe_uploads(
    recorded: Any, fake: FakeExotel
) -> None:
    fake.add(
        "POST", UPLOAD, httpx.ConnectError("refused"), httpx.PoolTimeout("pool"), json_response(202, ACCEPTED)
    )
    await recorded.call("upload_contacts", CSV, duplicate_action="create_new")
    assert fake.count("POST", UPLOAD) == 3
    assert [r.reason for r in recorded.records] == ["ConnectError", "PoolTimeout"]


@pytest.mark.parametrize(
    "failure",
    [
        lambda: httpx.ReadTimeout("slow"),
        lambda: httpx.RemoteProtocolError("eof"),
        lambda: httpx.ReadError("reset"),
        lambda: server_error(500),
    ],
    ids=["ReadTimeout", "RemoteProtocolError", "ReadError", "500"],
)
async def test_unknown_outcome_of_create_new_upload_is_not_replayed(
    recorded: Any, fake: FakeExotel, failure: Any
) -> None:
    fake.add("POST", UPLOAD, failure(), json_response(202, ACCEPTED))
    with pytest.raises(OutcomeUnknownError, match="may or may not have taken effect"):
        await recorded.call("upload_contacts", CSV, duplicate_action="create_new")
    assert fake.count("POST", UPLOAD) == 1


@pytest.mark.parametrize("status", [502, 504])
async def test_gateway_errors_on_unsafe_uploads_are_unknown_outcomes(
    recorded: Any, fake: FakeExotel, status: int
) -> None:
    fake.add("POST", UPLOAD, server_error(status))
    with pytest.raises(OutcomeUnknownError):
        await recorded.call("upload_contacts", CSV, duplicate_action="create_new")
    assert fake.count("POST", UPLOAD) == 1


@pytest.mark.parametrize("action", ["skip", "update"])
async def test_safe_upload_is_replayed_and_rereads_the_file(
    recorded: Any, fake: FakeExotel, tmp_path: Path, action: str
) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(CSV * 100)
    fake.add("POST", UPLOAD, httpx.ReadTimeout("slow"), server_error(500), json_response(202, ACCEPTED))
    await recorded.call("upload_contacts", path, duplicate_action=action)
    assert fake.count("POST", UPLOAD) == 3
    assert fake.bodies[0] == fake.bodies[1] == fake.bodies[2]
    assert CSV * 100 in fake.bodies[2]


async def test_create_contacts_and_csv_upload_are_replay_safe(recorded: Any, fake: FakeExotel) -> None:
    fake.add(
        "POST", "/accounts/acct_test/contacts", httpx.ReadTimeout("slow"), json_response(207, created(1))
    )
    await recorded.call("create_contacts", [{"number": "+919876543210"}])
    assert fake.count("POST", "/accounts/acct_test/contacts") == 2
    fake.add("POST", "/csv-upload", server_error(500), httpx.WriteTimeout("w"), {"response": {}})
    with pytest.raises(exotel_contacts.InvalidResponseError):
        await recorded.call("csv_upload", CSV, list_name="l")
    assert fake.count("POST", "/csv-upload") == 3


async def test_exhausted_transport_failures_are_typed(recorded: Any, fake: FakeExotel) -> None:
    fake.add("GET", STATUS, httpx.ConnectError("refused"))
    with pytest.raises(APIConnectionError, match="could not reach"):
        await recorded.call("get_upload_status", "up_1")
    assert fake.count("GET", STATUS) == 5
    fake.add("GET", "/csv-status/c", httpx.ReadTimeout("slow"))
    with pytest.raises(APITimeoutError):
        await recorded.call("get_csv_status", "c")


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 410, 413, 415])
async def test_client_errors_are_not_replayed(recorded: Any, fake: FakeExotel, status: int) -> None:
    fake.add("GET", STATUS, json_response(status, error_body(status, 1002, "Invalid parameter")))
    with pytest.raises(exotel_contacts.APIStatusError):
        await recorded.call("get_upload_status", "up_1")
    assert fake.count("GET", STATUS) == 1
    assert recorded.records == []


def test_deadline_stops_retries_before_waiting_past_it() -> None:
    now = [0.0]
    records: list[RetryRecord] = []
    policy = RetryPolicy(
        deadline=10, max_attempts=50, on_retry=records.append, clock=lambda: now[0], random=lambda: 0
    )
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        now[0] += 3  # each attempt takes 3 s
        return httpx.Response(503)

    with httpx.Client(transport=RetryTransport(httpx.MockTransport(handler), policy=policy)) as http:
        assert http.get("https://x.test/").status_code == 503
    # attempt 1 ends at 3 s (+0.5 wait ok), attempt 2 at 6 s (+1 ok), attempt 3 at 9 s (+2 > 10): stop
    assert len(calls) == 3
    assert [r.elapsed for r in records] == [3, 6]


def test_backoff_doubles_to_a_ceiling_with_jitter() -> None:
    exact = RetryPolicy(random=lambda: 0.0)
    assert [exact.backoff(n) for n in range(1, 8)] == [0.5, 1, 2, 4, 8, 8, 8]
    jittered = RetryPolicy(random=lambda: 1.0)
    assert jittered.backoff(1) == 0.375
    assert RetryPolicy().backoff(10_000) == pytest.approx(8, rel=0.25)


def test_limiter_is_consulted_before_every_attempt() -> None:
    class Counting(exotel_contacts.RateLimiter):
        count = 0

        def acquire(self, family: str = "ccm", *, deadline: float = 0.0) -> None:  # type: ignore[override]
            self.count += 1

    limiter = Counting("acct")
    answers = [httpx.Response(503), httpx.Response(429), httpx.Response(200)]
    transport = RetryTransport(httpx.MockTransport(lambda r: answers.pop(0)), limiter=limiter)
    with httpx.Client(transport=transport) as http:
        assert http.get("https://x.test/").status_code == 200
    assert limiter.count == 3
    limiter.close()


def test_max_attempts_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_attempts"):
        RetryPolicy(max_attempts=0)
