"""Client-side rate limit (shared, pluggable bucket) and the CCM upload semaphore."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import httpx
import pytest
from pyrate_limiter import Duration, Rate, SQLiteBucket

import exotel_contacts

from .conftest import ACCEPTED, FakeExotel, ccm_status, json_response, make_client


def test_default_limit_is_200_per_minute_per_account(fake: FakeExotel) -> None:
    client = make_client("sync", fake, rate_limit_per_minute=200)
    assert client._limiter is not None
    assert client._limiter.account_sid == "acct_test"
    assert [r.limit for r in client._limiter.bucket.rates] == [200]
    assert client._limiter.bucket.rates[0].interval == Duration.MINUTE
    client.close()


def test_limiter_blocks_when_the_quota_is_spent(fake: FakeExotel) -> None:
    fake.add("GET", "/contacts/upload/up_1", ccm_status())
    client = make_client("sync", fake, rate_limit_per_minute=2)
    start = time.monotonic()
    client.get_upload_status("up_1")
    client.get_upload_status("up_1")
    assert time.monotonic() - start < 0.5
    assert client._limiter is not None
    assert client._limiter.limiter.try_acquire("acct_test", blocking=False) is False
    client.close()


def test_sqlite_bucket_shares_one_quota_between_two_clients(fake: FakeExotel, tmp_path: Path) -> None:
    fake.add("GET", "/contacts/upload/up_1", ccm_status())
    db = str(tmp_path / "quota.sqlite")

    def bucket() -> SQLiteBucket:
        return SQLiteBucket.init_from_file([Rate(3, Duration.MINUTE)], db_path=db, table="exotel")

    first = make_client("sync", fake, rate_limit_bucket=bucket())
    second = make_client("sync", fake, rate_limit_bucket=bucket())
    first.get_upload_status("up_1")
    first.get_upload_status("up_1")
    second.get_upload_status("up_1")
    # Three requests across both clients spent the shared quota of 3 per minute.
    assert second._limiter is not None
    assert first._limiter is not None
    assert second._limiter.limiter.try_acquire("acct_test", blocking=False) is False
    assert first._limiter.limiter.try_acquire("acct_test", blocking=False) is False
    first.close()
    second.close()


def test_at_most_five_uploads_in_flight(fake: FakeExotel) -> None:
    in_flight = 0
    peak = 0
    lock = threading.Lock()
    release = threading.Event()

    def slow(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        release.wait(2)
        with lock:
            in_flight -= 1
        return json_response(202, ACCEPTED)

    fake.add("POST", "/contacts/upload", slow)
    client = make_client("sync", fake)
    threads = [
        threading.Thread(target=client.upload_contacts, args=(b"phone_number\n+1\n",)) for _ in range(8)
    ]
    for t in threads:
        t.start()
    time.sleep(0.2)
    assert in_flight == 5
    release.set()
    for t in threads:
        t.join()
    assert peak == 5
    assert fake.count("POST", "/contacts/upload") == 8
    client.close()


async def test_async_uploads_share_five_slots(fake: FakeExotel) -> None:
    client = make_client("async", fake, max_concurrent_uploads=5)
    assert isinstance(client._upload_slots, asyncio.Semaphore)
    assert client._upload_slots._value == 5
    await client.close()  # type: ignore[misc]


def test_max_concurrent_uploads_must_be_positive(fake: FakeExotel) -> None:
    with pytest.raises(exotel_contacts.InvalidInputError):
        make_client("sync", fake, max_concurrent_uploads=0)
