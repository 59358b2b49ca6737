"""The Redis moving window and upload slots against a real redis-server, and what goes wrong with Redis."""

from __future__ import annotations

import threading
import time

import pytest
import redis
from redis_server import running_redis

from benchmarks.quota_harness import limiter_figures, run_workers
from exotel_contacts import APIConnectionError, APITimeoutError, ConfigurationError, RateLimitError
from exotel_contacts.base.rates import (
    Rate,
    RateSettings,
)
from exotel_contacts.quota._sync.limiter import (
    LocalWindow,
    RateLimiter,
    RedisSlots,
    RedisWindow,
)
from exotel_contacts.quota.redis_quota import (
    ACQUIRE,
    RedisQuotaKeys,
    connect,
    redact_url,
)
from exotel_contacts.quota.windows import (
    slack_for,
)


def window(url: str, account: str, rate: Rate, **kwargs: float) -> RedisWindow:
    return RedisWindow(
        url,
        RedisQuotaKeys(account).rate("ccm"),
        rate,
        "ccm",
        kwargs.get("slack", 0.0),
        kwargs.get("max_wait", 60.0),
        client=connect(url),
    )


def test_window_books_the_limit_then_one_window_later(redis_url: str, account: str) -> None:
    w = window(redis_url, account, Rate(3, 1.0))
    booked = [w.book(f"t{i}") for i in range(7)]
    waits = [wait for wait, _ in booked]
    slots = [slot for _, slot in booked]
    assert waits[:3] == pytest.approx([0, 0, 0], abs=0.01)
    # The 4th..6th go one window after the 1st..3rd; the 7th one window after the 4th.
    for i in range(3, 7):
        assert slots[i] - slots[i - 3] == pytest.approx(1.0, abs=0.005)
    assert slots == sorted(slots)


def test_window_refuses_to_book_beyond_max_wait(redis_url: str, account: str) -> None:
    w = window(redis_url, account, Rate(1, 10.0), max_wait=15.0)
    w.book("a")
    w.book("b")  # 10 s ahead: within 15 s
    with pytest.raises(RateLimitError, match="booked 20 s ahead") as info:
        w.book("c")
    assert info.value.retry_after == pytest.approx(20.0, abs=0.1)


def test_window_uses_the_server_clock(redis_url: str, account: str, monkeypatch: pytest.MonkeyPatch) -> None:
    w = window(redis_url, account, Rate(2, 1.0))
    first = w.book("a")[1]
    monkeypatch.setattr(time, "time", lambda: 0.0)  # a client clock 56 years wrong changes nothing
    second = w.book("b")[1]
    assert abs(second - first) < 0.5
    assert abs(first - redis.Redis.from_url(redis_url).time()[0]) < 5


def test_four_processes_never_book_more_than_the_limit_in_any_window(redis_url: str, account: str) -> None:
    args = [
        "limiter",
        "--backend",
        "lua",
        "--redis-url",
        redis_url,
        "--account",
        account,
        "--rate",
        "10 per 1 second",
        "--threads",
        "2",
    ]
    fig = limiter_figures(run_workers(4, args, seconds=3.0), limit=10, window=1.0)
    # Booked send times are server times: an exact count, not a timing.
    assert fig["max_booked_in_window_over_limit"] == 1.0
    assert fig["granted"] >= 20
    assert fig["spread"][0] > 0  # nobody starved


def test_a_late_sender_counts_from_when_it_really_sends(redis_url: str, account: str) -> None:
    w = window(redis_url, account, Rate(2, 1.0))
    assert w.book("a")[0] == pytest.approx(0, abs=0.01)
    assert w.book("b")[0] == pytest.approx(0, abs=0.01)
    wait_c, slot_c = w.book("c")  # one window after "a"
    assert w.book("d")[0] == pytest.approx(1.0, abs=0.05)  # one window after "b"
    assert wait_c == pytest.approx(1.0, abs=0.05)
    time.sleep(wait_c)
    time.sleep(0.3)
    # "c" overslept by 0.3 s: it counts from when it confirms, so the window holds "c" and "d" now...
    assert w.confirm_at("c")[0] == 0
    assert w.confirm_at("d")[0] == 0
    # ...and a third request waits until "c" leaves it, a whole window after "c" really went.
    assert w.confirm_at("e")[0] == pytest.approx(1.0, abs=0.1)
    assert slot_c > 0


def test_local_window_books_and_confirms() -> None:
    now = [100.0]
    w = LocalWindow(Rate(2, 1.0), "ccm", clock=lambda: now[0])
    slack = slack_for(1.0)
    booked = [w.book(f"t{i}") for i in range(4)]
    assert [wait for wait, _ in booked] == pytest.approx([0, 0, 1 + slack, 1 + slack])
    now[0] += 1 + slack + 0.3  # the third wakes late, the fourth wakes after it
    assert w.confirm_at("t2")[0] == 0
    assert w.confirm_at("t3")[0] == 0  # only the third is in the window before it
    assert w.book("t4")[0] == pytest.approx(1 + slack)  # one window after the third actually went
    frozen = LocalWindow(Rate(1, 1.0), "ccm", clock=lambda: 0.0)
    for i in range(59):
        frozen.book(f"f{i}")  # up to 60 s ahead (ten windows, at least a minute) is booked
    with pytest.raises(RateLimitError, match="booked"):
        frozen.book("late")


def slots(url: str, account: str, capacity: int, **kwargs: float) -> RedisSlots:
    return RedisSlots(url, RedisQuotaKeys(account).slots, capacity, client=connect(url), **kwargs)


def test_slots_cap_holders_across_clients_and_serve_waiters_in_order(redis_url: str, account: str) -> None:
    # Two separate connections (as two processes would have), capacity 2, six callers.
    pools = [slots(redis_url, account, 2, poll=0.01), slots(redis_url, account, 2, poll=0.01)]
    held = 0
    peak = 0
    order: list[int] = []
    lock = threading.Lock()

    def use(i: int) -> None:
        nonlocal held, peak
        with pools[i % 2].hold():
            with lock:
                held += 1
                peak = max(peak, held)
                order.append(i)
            time.sleep(0.1)
            with lock:
                held -= 1

    threads = []
    for i in range(6):
        threads.append(threading.Thread(target=use, args=(i,)))
        threads[-1].start()
        time.sleep(0.02)  # join the queue in order 0..5
    for t in threads:
        t.join()
    assert peak == 2
    assert sorted(order) == list(range(6))
    assert order[2:] == [2, 3, 4, 5]  # first come, first served


def test_a_dead_holders_slot_comes_back_when_its_lease_ends(redis_url: str, account: str) -> None:
    pool = slots(redis_url, account, 1, lease=0.5, poll=0.02)
    keys = RedisQuotaKeys(account).slots
    # A holder that took the slot and died without releasing it (no renewals).
    assert connect(redis_url).register_script(ACQUIRE)(keys=keys, args=[1, 500_000, 2_000_000, "dead"]) == 1
    started = time.monotonic()
    with pool.hold():
        waited = time.monotonic() - started
    assert 0.3 < waited < 3.0


def test_a_held_slot_is_renewed_past_its_lease(redis_url: str, account: str) -> None:
    first = slots(redis_url, account, 1, lease=0.3, poll=0.02, max_wait=0.6)
    second = slots(redis_url, account, 1, lease=0.3, poll=0.02, max_wait=0.6)
    with first.hold(), pytest.raises(APITimeoutError, match="No upload slot"), second.hold():
        pass  # pragma: no cover - never reached: the first holder renews its lease


def test_unreachable_redis_is_a_connection_error_without_the_password() -> None:
    url = "redis://user:s3cret-pw@127.0.0.1:1/0"
    with pytest.raises(APIConnectionError) as info:
        # Ridden out for redis_outage seconds (0.5 here), then a typed error.
        RateLimiter("acct", rates=RateSettings(ccm=Rate(1, 1.0)), redis_url=url, outage=0.5).acquire("ccm")
    message = str(info.value)
    assert "redis://user:***@127.0.0.1:1/0" in message
    assert "s3cret" not in message
    assert "s3cret" not in repr(info.value)


def test_a_wrong_password_is_a_connection_error_without_it() -> None:
    with running_redis(password="right-pw") as good:
        RateLimiter("acct", rates=RateSettings(ccm=Rate(5, 1.0)), redis_url=good).acquire("ccm")
        bad = good.replace("right-pw", "wrong-pw")
        with pytest.raises(APIConnectionError) as info:
            RateLimiter("acct", rates=RateSettings(ccm=Rate(5, 1.0)), redis_url=bad).acquire("ccm")
    assert "wrong-pw" not in str(info.value)
    assert "right-pw" not in str(info.value)
    assert ":***@127.0.0.1" in str(info.value)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("redis://:pw@h:6379/0", "redis://:***@h:6379/0"),
        ("rediss://me:pw@h/1", "rediss://me:***@h/1"),
        ("redis://h:6379/0?password=pw&db=1", "redis://h:6379/0?password=***&db=1"),
        ("redis://h:6379", "redis://h:6379"),
    ],
)
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown


@pytest.mark.parametrize("url", ["http://h:6379", "h:6379", ""])
def test_a_url_that_is_not_redis_is_a_configuration_error(url: str) -> None:
    with pytest.raises(ConfigurationError, match="redis://"):
        RateLimiter("acct", redis_url=url)
