"""create_contacts_bulk against a scripted createContacts (httpx.MockTransport), sync and async."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

import exotel_contacts as ec

from .conftest import BAD_PREFIX, Either, FakeCampaign, error_response, make_client


def numbers(n: int, prefix: str = "+9198") -> list[str]:
    return [f"{prefix}{i:08d}" for i in range(n)]


def by_kind(result: ec.BulkCreateResult) -> dict[str, list[int]]:
    kinds: dict[str, list[int]] = {}
    for outcome in result:
        kinds.setdefault(str(outcome.outcome), []).append(outcome.index)
    return kinds


async def test_outcomes_map_back_to_input_positions(either: Either, fake: FakeCampaign) -> None:
    fake.book["+919800000002"] = "old"
    contacts = [{"number": n} for n in numbers(6)]
    contacts[4]["number"] = BAD_PREFIX + "1"
    contacts.append({"number": "+919800000000"})  # again, later in the input
    result = await either.bulk(contacts, chunk_size=3, concurrency=2)

    assert [o.index for o in result] == list(range(7))
    assert by_kind(result) == {"created": [0, 1, 3, 5], "already_existed": [2, 6], "failed": [4]}
    assert result[4].status_code == 400
    assert result[4].code == 1002
    assert result[4].reason == "invalid number"
    assert result[2].code == 1008
    assert result[2].after_replay is False
    assert [o.sid for o in result.created] == [fake.book[contacts[i]["number"]] for i in (0, 1, 3, 5)]
    assert all(o.status_code == 200 and o.request_id for o in result.created)
    assert result.counts == {"created": 4, "failed": 1, "already_existed": 2, "unknown": 0}
    assert result.total == len(result) == 7
    assert not result.ok
    assert result[-1].index == 6


async def test_chunks_hold_at_most_5000(either: Either, fake: FakeCampaign) -> None:
    result = await either.bulk({"number": n} for n in numbers(12_001))
    assert sorted(len(body) for body in fake.bodies) == [2001, 5000, 5000]
    assert result.counts["created"] == 12_001
    assert result.requests == 3
    assert result.ok


@pytest.mark.parametrize("size", [0, 5001])
async def test_chunk_size_is_checked(either: Either, size: int) -> None:
    with pytest.raises(ec.InvalidInputError):
        await either.bulk([{"number": "+919800000000"}], chunk_size=size)


async def test_dicts_models_and_mappings(either: Either, fake: FakeCampaign) -> None:
    model = ec.ContactCreate(number="+919800000001", first_name="Ann")
    result = await either.bulk([{"number": "+919800000000", "tag": "t"}, model])
    assert result.counts["created"] == 2
    assert fake.bodies[0] == [
        {"number": "+919800000000", "tag": "t"},
        {"number": "+919800000001", "first_name": "Ann"},
    ]


async def test_local_checks_fail_contacts_without_sending_them(either: Either, fake: FakeCampaign) -> None:
    contacts: list[Any] = [
        {"first_name": "no number"},
        {"number": ""},
        {"number": "+919800000000"},
        "not a contact",
        {"number": "+91" + "9" * 70},
        {"number": "+919800000002", "custom_field": {"bad": object()}},
        {"number": "+919800000003", "custom_field": float("nan")},
    ]
    result = await either.bulk(contacts)
    assert by_kind(result) == {"failed": [0, 1, 3, 4, 5, 6], "created": [2]}
    assert [c["number"] for c in fake.bodies[0]] == ["+919800000000"]
    for outcome in result.failed:
        assert outcome.status_code is None
        assert outcome.request_id is None
        assert outcome.reason is not None
        assert outcome.reason.startswith("not sent: ")


async def test_a_chunk_refused_for_one_contact_is_sent_again_without_it(
    either: Either, fake: FakeCampaign
) -> None:
    fake.schema = True
    contacts = [{"number": n} for n in numbers(3)]
    contacts[1]["first_name"] = "x" * 256
    result = await either.bulk(contacts)
    assert by_kind(result) == {"created": [0, 2], "failed": [1]}
    assert result[1].reason == "not sent: 'first_name' is longer than 255 characters"
    assert [len(b) for b in fake.bodies] == [3, 2]
    assert result.replays == 0
    assert result.requests == 2


async def test_a_chunk_refused_for_no_local_reason_fails(either: Either, fake: FakeCampaign) -> None:
    fake.script = [error_response(400, 1007, "bad body")]
    result = await either.bulk([{"number": "+919800000000"}])
    assert result[0].outcome is ec.Outcome.FAILED
    assert len(fake.bodies) == 1


async def test_nothing_sendable_sends_nothing(either: Either, fake: FakeCampaign) -> None:
    result = await either.bulk([{"name": "x"}])
    assert fake.bodies == []
    assert result.counts["failed"] == 1


async def test_empty_input(either: Either, fake: FakeCampaign) -> None:
    result = await either.bulk(iter([]))
    assert result.total == 0
    assert fake.bodies == []
    assert result.ok


async def test_input_is_read_lazily(either: Either, fake: FakeCampaign) -> None:
    read: list[int] = []

    def source() -> Iterator[dict[str, str]]:
        for i, number in enumerate(numbers(10)):
            read.append(i)
            yield {"number": number}

    seen: list[tuple[int, int]] = []
    await either.bulk(
        source(), chunk_size=2, concurrency=1, on_progress=lambda p: seen.append((p.done, len(read)))
    )
    # With one chunk in flight, at most the next chunk has been read when a chunk finishes.
    assert all(read_so_far <= done + 2 for done, read_so_far in seen)
    assert seen[-1] == (10, 10)


async def test_async_iterable_input(fake: FakeCampaign) -> None:
    async def source() -> AsyncIterator[dict[str, str]]:
        for number in numbers(7):
            yield {"number": number}

    async with make_client("async", fake) as client:
        result = await client.create_contacts_bulk(source(), chunk_size=3)
    assert result.counts["created"] == 7
    assert [len(b) for b in fake.bodies] == [3, 3, 1]


async def test_chunk_500_then_success_is_replayed(either: Either, fake: FakeCampaign) -> None:
    fake.script = [None, error_response(500, 1100)]
    result = await either.bulk([{"number": n} for n in numbers(4)], chunk_size=2, concurrency=1)
    assert result.counts["created"] == 4
    assert result.replays == 1
    assert result.requests == 3
    # Sent unmarked so that the transport hands ambiguous failures back to the bulk job.
    assert all(ext.get(ec.REPLAY_SAFE) is False for ext in fake.extensions)


async def test_existing_after_a_lost_answer_is_flagged(either: Either, fake: FakeCampaign) -> None:
    fake.script = ["lose"]
    result = await either.bulk([{"number": n} for n in numbers(3)])
    assert result.counts["already_existed"] == 3
    assert all(o.after_replay for o in result.already_existed)
    assert result.replays == 1
    assert len(fake.book) == 3


async def test_retries_exhausted_on_ambiguous_failure_is_unknown(either: Either, fake: FakeCampaign) -> None:
    fake.script = [error_response(502, 1100)] * 5 + [None]
    result = await either.bulk([{"number": n} for n in numbers(4)], chunk_size=2, concurrency=1)
    assert by_kind(result) == {"unknown": [0, 1], "created": [2, 3]}
    assert result[0].status_code == 502
    assert result.requests == 6


async def test_lost_then_refused_is_unknown_not_failed(either: Either, fake: FakeCampaign) -> None:
    fake.script = ["lose", error_response(400, 1007)]
    result = await either.bulk([{"number": "+919800000000"}])
    assert result[0].outcome is ec.Outcome.UNKNOWN
    assert result[0].status_code == 400


async def test_chunk_level_400_fails_that_chunk(either: Either, fake: FakeCampaign) -> None:
    fake.script = [error_response(400, 1007, "bad body")]
    result = await either.bulk([{"number": n} for n in numbers(4)], chunk_size=2, concurrency=1)
    assert by_kind(result) == {"failed": [0, 1], "created": [2, 3]}
    assert (result[0].status_code, result[0].code) == (400, 1007)
    assert result[0].request_id == "req_400"


async def test_rate_limited_after_retries_fails_the_chunk(either: Either, fake: FakeCampaign) -> None:
    fake.script = [error_response(429, 429)] * 5
    result = await either.bulk([{"number": "+919800000000"}])
    assert result[0].outcome is ec.Outcome.FAILED
    assert result[0].status_code == 429


async def test_connect_error_after_retries_fails_the_chunk(either: Either, fake: FakeCampaign) -> None:
    fake.script = [httpx.ConnectError("refused")] * 5
    result = await either.bulk([{"number": "+919800000000"}])
    assert result[0].outcome is ec.Outcome.FAILED
    assert result[0].reason is not None
    assert "could not reach" in result[0].reason


@pytest.mark.parametrize("count", [1, 3])
async def test_wrong_item_count_is_invalid_response_and_unknown(
    either: Either, fake: FakeCampaign, count: int
) -> None:
    items = [{"code": 200, "status": "success", "data": {"sid": "s", "number": "+9198"}}] * count
    fake.script = [httpx.Response(207, json={"metadata": {}, "response": items})]
    result = await either.bulk([{"number": n} for n in numbers(2)])
    assert result.counts["unknown"] == 2
    assert result[0].reason is not None
    assert f"answered {count} items for 2 contacts" in result[0].reason


async def test_unreadable_answer_is_unknown(either: Either, fake: FakeCampaign) -> None:
    fake.script = [httpx.Response(207, text="<html>proxy</html>")]
    result = await either.bulk([{"number": "+919800000000"}])
    assert result[0].outcome is ec.Outcome.UNKNOWN


async def test_unreadable_item_is_unknown_alone(either: Either, fake: FakeCampaign) -> None:
    good = {"code": 200, "status": "success", "data": {"sid": "s1", "number": numbers(1)[0]}}
    items = [good, "junk", {"code": 200, "status": "success", "data": None}, {"code": 302}]
    fake.script = [httpx.Response(207, json={"response": items})]
    result = await either.bulk([{"number": n} for n in numbers(4)])
    assert by_kind(result) == {"created": [0], "unknown": [1, 2, 3]}


async def test_auth_error_stops_the_job_with_a_partial_result(either: Either, fake: FakeCampaign) -> None:
    fake.script = [None, error_response(401, 1010)]
    with pytest.raises(ec.BulkAbortedError) as caught:
        await either.bulk(({"number": n} for n in numbers(10)), chunk_size=2, concurrency=1)
    error = caught.value
    assert isinstance(error.error, ec.AuthenticationError)
    assert error.status_code == 401
    assert by_kind(error.result) == {"created": [0, 1], "failed": [2, 3]}
    assert len(fake.bodies) == 2


async def test_progress_counts(either: Either, fake: FakeCampaign) -> None:
    fake.book["+919800000001"] = "old"
    seen: list[ec.BulkProgress] = []
    await either.bulk([{"number": n} for n in numbers(5)], chunk_size=2, on_progress=seen.append)
    assert [p.chunks for p in seen] == [1, 2, 3]
    last = seen[-1]
    assert (last.done, last.created, last.already_existed, last.failed, last.unknown) == (5, 4, 1, 0, 0)


async def test_summary_is_json(either: Either) -> None:
    result = await either.bulk([{"number": "+919800000000"}])
    assert json.loads(json.dumps(result.summary()))["created"] == 1
    assert "created=1" in repr(result)


async def test_retries_reach_the_policy_hook(fake: FakeCampaign) -> None:
    records: list[ec.RetryRecord] = []
    fake.script = [error_response(504, 1100), error_response(503, 1100)]
    with make_client("sync", fake, retry=ec.RetryPolicy(on_retry=records.append)) as client:
        result = client.create_contacts_bulk([{"number": "+919800000000"}])
    assert [r.reason for r in records] == ["504", "503"]
    assert result.counts["created"] == 1
    assert result.replays == 1  # the 503 was the transport's (nothing happened), the 504 the job's
