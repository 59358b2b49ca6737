"""Clients sharing one account's quota through Redis: configuration, rate, upload slots, processes."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

import exotel_contacts
from benchmarks.quota_harness import client_figures, mock_process, run_workers
from exotel_contacts.base.rates import Rate

CCM = "https://ccm.test"
STATUS = {
    "request_id": "r",
    "method": "GET",
    "http_code": 200,
    "response": {
        "code": 200,
        "status": "success",
        "error_data": None,
        "data": {
            "upload_id": "up_1",
            "status": "completed",
            "total_records": 1,
            "successful": 1,
            "failed": 0,
        },
    },
}
ACCEPTED = {
    "request_id": "r",
    "method": "POST",
    "http_code": 202,
    "response": {
        "code": 202,
        "status": "success",
        "error_data": None,
        "data": {"upload_id": "up_1", "status": "pending", "total_records": 1, "estimated_time_seconds": 1},
    },
}


def client(account: str, handler: object = None, **kwargs: object) -> exotel_contacts.Client:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=STATUS)

    options: dict[str, object] = {
        "account_sid": account,
        "api_key": "k",
        "api_token": "t",
        "ccm_base_url": CCM,
        "campaign_base_url": CCM,
        "environ": {},
        "transport": httpx.MockTransport(handler or answer),  # type: ignore[arg-type]
    }
    options.update(kwargs)
    return exotel_contacts.Client(**options)  # type: ignore[arg-type]


def test_two_clients_spend_one_quota(redis_url: str, account: str) -> None:
    with client(account, redis_url=redis_url, rate_limit="3 per 1 minute") as first:
        first.get_upload_status("up_1")
        first.get_upload_status("up_1")
    with client(account, environ={"EXOTEL_REDIS_URL": redis_url, "EXOTEL_RATE_LIMIT": "3/minute"}) as second:
        assert second._limiter is not None
        assert second._limiter.rates.ccm == Rate(3, 60.0)
        second.get_upload_status("up_1")  # the third of the minute
        # The fourth, from either client, would wait for the first to leave the window.
        assert second._limiter._windows["ccm"].book("probe")[0] > 55


def test_a_keyword_beats_the_environment(redis_url: str, account: str) -> None:
    with client(account, redis_url=None, environ={"EXOTEL_REDIS_URL": redis_url}) as c:
        assert c._redis_url == redis_url
    with client(account, redis_url=redis_url, environ={"EXOTEL_REDIS_URL": "redis://elsewhere:1/0"}) as c:
        assert c._redis_url == redis_url


def test_upload_slots_are_shared_by_two_clients(redis_url: str, account: str) -> None:
    in_flight = 0
    peak = 0
    lock = threading.Lock()

    def slow(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        if request.method != "POST":
            return httpx.Response(200, json=STATUS)
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        time.sleep(0.15)
        with lock:
            in_flight -= 1
        return httpx.Response(202, json=ACCEPTED)

    clients = [
        client(account, slow, redis_url=redis_url, max_concurrent_uploads=2, rate_limit="off")
        for _ in range(2)
    ]
    threads = [
        threading.Thread(target=clients[i % 2].upload_contacts, args=(b"phone_number\n+911234567890\n",))
        for i in range(6)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for c in clients:
        c.close()
    # Each client alone would allow 2; together they hold the account's 2.
    assert peak == 2


async def test_the_async_client_shares_the_same_quota(redis_url: str, account: str) -> None:
    with client(account, redis_url=redis_url, rate_limit="2 per 1 minute") as sync:
        sync.get_upload_status("up_1")
    async_client = exotel_contacts.AsyncClient(
        account_sid=account,
        api_key="k",
        api_token="t",
        ccm_base_url=CCM,
        environ={},
        redis_url=redis_url,
        rate_limit="2 per 1 minute",
        transport=httpx.MockTransport(lambda r: httpx.Response(200, json=STATUS)),
    )
    await async_client.get_upload_status("up_1")
    assert async_client._limiter is not None
    wait, _ = await async_client._limiter._windows["ccm"].book("probe")
    assert wait > 55
    await async_client.close()


def test_unreachable_redis_names_the_url_without_the_password(account: str) -> None:
    url = "redis://:hunter2-pw@127.0.0.1:1/3"
    with client(account, redis_url=url, redis_outage=0.5) as c:  # ridden out 0.5 s, then the error
        assert "hunter2" not in repr(c)
        with pytest.raises(exotel_contacts.APIConnectionError) as info:
            c.get_upload_status("up_1")
    assert "redis://:***@127.0.0.1:1/3" in str(info.value)
    assert "hunter2" not in str(info.value)


@pytest.mark.parametrize("processes", [1, 4, 8])
def test_processes_share_the_mocks_limit(redis_url: str, processes: int) -> None:
    # Scaled time: the mock allows 10 requests per 1 s; every process has rate_limit="10 per 1 second".
    db_url = f"{redis_url.rsplit('/', 1)[0]}/{processes}"
    with mock_process(10, 1.0) as base_url:
        args = ["client", "--redis-url", db_url, "--base-url", base_url, "--account", "demo"]
        results = run_workers(processes, [*args, "--rate", "10 per 1 second", "--threads", "3"], seconds=3.0)
    fig = client_figures(results, limit=10, window=1.0)
    assert fig["failures"] == []  # every request got its answer (404 for the unknown upload)
    assert fig["answered_429"] <= max(1, fig["attempts"] // 50)
    assert min(fig["per_process"]) > 0  # nobody starved


def test_a_limit_one_worker_learns_is_every_workers(redis_url: str, account: str) -> None:
    def stating(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=STATUS, headers={"X-RateLimit-Limit": "3"})

    with (
        client(account, stating, redis_url=redis_url) as learner,
        client(account, redis_url=redis_url) as other,
    ):
        learner.get_upload_status("up_1")  # the answer states 3 per window, below the default 200
        other.get_upload_status("up_1")
        other.get_upload_status("up_1")
        # `other` never saw the header; the shared window holds it to 3 all the same.
        assert other._limiter is not None
        assert other._limiter._windows["ccm"].book("probe")[0] > 55
