"""Client-side rate limits per family (in-process) and upload slots."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import pytest

import exotel_contacts
from exotel_contacts.base.rates import (
    UNSET,
    Rate,
    RateSettings,
)
from exotel_contacts.quota.windows import slack_for

from .conftest import ACCEPTED, FakeExotel, ccm_status, csv_status, json_response, make_client


def test_default_limits_are_exotels_per_family(fake: FakeExotel) -> None:
    client = make_client("sync", fake, rate_limit_per_minute=UNSET)
    assert client._limiter is not None
    assert client._limiter.account_sid == "acct_test"
    assert client._limiter.rates == RateSettings(
        ccm=Rate(200, 60.0, follow_server=True),
        campaign=Rate(30, 60.0, follow_server=True),
        reads=Rate(300, 60.0, follow_server=True),
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
    assert client._limiter._windows["ccm"].book("probe")[0] == pytest.approx(60 + slack_for(60), abs=0.5)
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
    windows = client._limiter._windows
    assert windows["campaign"].book("probe")[0] == 0  # still unused
    assert windows["ccm"].book("probe")[0] > 59
    assert windows["reads"].book("probe")[0] > 59
    client.close()


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
