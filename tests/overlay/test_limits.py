"""Client-side rate limits per family (in-process, or a caller's pyrate-limiter bucket) and upload slots."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import httpx
import pytest
from pyrate_limiter import BucketAsyncWrapper, Duration, InMemoryBucket, SQLiteBucket
from pyrate_limiter import Rate as PyrateRate

import exotel_contacts
from exotel_contacts._limits import slack_for
from exotel_contacts._rates import UNSET, Rate, RateSettings

from .conftest import ACCEPTED, FakeExotel, ccm_status, csv_status, json_response, make_client

Rate3 = PyrateRate(3, Duration.MINUTE)


def test_default_limits_are_exotels_per_family(fake: FakeExotel) -> None:
    client = make_client("sync", fake, rate_limit_per_minute=UNSET)
    assert client._limiter is not None
    assert client._limiter.account_sid == "acct_test"
    assert client._limiter.rates == RateSettings(
        ccm=Rate(200, 60.0), campaign=Rate(30, 60.0), reads=Rate(300, 60.0)
    )
    client.close()


def test_rate_limit_notation_and_environment(fake: FakeExotel) -> None:
    client = make_client(
        "sync", fake, rate_limit_per_minute=UNSET, environ={"EXOTEL_RATE_LIMIT": "10 per 1 second"}
    )
    assert client._limiter is not None
    assert client._limiter.rates.ccm == Rate(10, 1.0)
    client.close()
    client = make_client("sync", fake, rate_limit="200/minute", campaign_rate_limit="off")
    assert client._limiter is not None
    assert client._limiter.rates == RateSettings(ccm=Rate(200, 60.0), campaign=None, reads=Rate(200, 60.0))
    client.close()
    with pytest.raises(exotel_contacts.ConfigurationError, match="ccm_rate_limit"):
        make_client("sync", fake, ccm_rate_limit="many per minute")


def test_limiter_books_the_next_window_when_the_quota_is_spent(fake: FakeExotel) -> None:
    fake.add("GET", "/contacts/upload/up_1", ccm_status())
    client = make_client("sync", fake, rate_limit_per_minute=2)
    start = time.monotonic()
    client.get_upload_status("up_1")
    client.get_upload_status("up_1")
    assert time.monotonic() - start < 0.5
    assert client._limiter is not None
    # The third request of this minute would wait about a minute.
    assert client._limiter._local["ccm"].reserve()[0] == pytest.approx(60 + slack_for(60), abs=0.5)
    client.close()


def test_each_family_is_counted_on_its_own(fake: FakeExotel) -> None:
    fake.add("GET", "/contacts/upload/up_1", ccm_status())
    fake.add("GET", "/csv-status/csv_1", csv_status())
    client = make_client(
        "sync", fake, ccm_rate_limit="1/minute", reads_rate_limit="1/minute", campaign_rate_limit="1/minute"
    )
    client.get_upload_status("up_1")
    client.get_csv_status("csv_1")  # a Campaign GET counts against reads, not ccm
    assert client._limiter is not None
    windows = client._limiter._local
    assert windows["campaign"].reserve()[0] == 0  # still unused
    assert windows["ccm"].reserve()[0] > 59
    assert windows["reads"].reserve()[0] > 59
    client.close()


def test_sqlite_bucket_shares_one_quota_between_two_clients(fake: FakeExotel, tmp_path: Path) -> None:
    fake.add("GET", "/contacts/upload/up_1", ccm_status())
    db = str(tmp_path / "quota.sqlite")

    def bucket() -> SQLiteBucket:
        return SQLiteBucket.init_from_file([Rate3], db_path=db, table="exotel")

    buckets = [bucket(), bucket()]
    first = make_client("sync", fake, rate_limit_bucket=buckets[0])
    second = make_client("sync", fake, rate_limit_bucket=buckets[1])
    first.get_upload_status("up_1")
    first.get_upload_status("up_1")
    second.get_upload_status("up_1")
    # Three requests across both clients spent the shared quota of 3 per minute.
    assert second._limiter is not None
    assert first._limiter is not None
    assert second._limiter._limiter.try_acquire("acct_test", blocking=False) is False
    first.close()
    second.close()
    for made in buckets:  # the caller's buckets, which the clients never close (3.13 warns on a leak)
        made.conn.close()


def test_the_callers_bucket_is_never_closed(fake: FakeExotel) -> None:
    fake.add("GET", "/contacts/upload/up_1", ccm_status())
    closed: list[bool] = []

    class Watched(InMemoryBucket):
        def close(self) -> None:
            closed.append(True)

    bucket = Watched([Rate3])
    first = make_client("sync", fake, rate_limit_bucket=bucket)
    first.get_upload_status("up_1")
    first.close()
    assert closed == []
    with make_client("sync", fake, rate_limit_bucket=bucket) as second:
        second.get_upload_status("up_1")  # the same bucket still works after the first client closed
    assert closed == []
    assert bucket.count() == 2


def test_an_async_bucket_given_to_the_sync_client_is_a_configuration_error(fake: FakeExotel) -> None:
    with pytest.raises(exotel_contacts.ConfigurationError, match="async bucket"):
        make_client("sync", fake, rate_limit_bucket=BucketAsyncWrapper(InMemoryBucket([Rate3])))


async def test_an_async_bucket_limits_the_async_client(fake: FakeExotel) -> None:
    fake.add("GET", "/contacts/upload/up_1", ccm_status())
    bucket = BucketAsyncWrapper(InMemoryBucket([Rate3]))
    client = make_client("async", fake, rate_limit_bucket=bucket)
    await client.get_upload_status("up_1")  # type: ignore[misc]
    await client.close()  # type: ignore[misc]
    assert await bucket.count() == 1


@pytest.mark.parametrize("bucket", [object(), "sqlite:///x", 200])
def test_something_that_is_not_a_bucket_is_a_configuration_error(fake: FakeExotel, bucket: object) -> None:
    with pytest.raises(exotel_contacts.ConfigurationError, match="pyrate-limiter bucket"):
        make_client("sync", fake, rate_limit_bucket=bucket)


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
    assert isinstance(client._upload_slots._local, asyncio.Semaphore)
    assert client._upload_slots._local._value == 5
    assert client._upload_slots.shared is None
    await client.close()  # type: ignore[misc]


def test_max_concurrent_uploads_must_be_positive(fake: FakeExotel) -> None:
    with pytest.raises(exotel_contacts.InvalidInputError):
        make_client("sync", fake, max_concurrent_uploads=0)
