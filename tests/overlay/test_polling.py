"""Waiting for uploads: schedule, terminal states, deadline, progress, failures."""

from __future__ import annotations

from typing import Any

import pytest

import exotel_contacts as ec
from exotel_contacts import PollSchedule, UploadProgress, poll_upload

from .conftest import (
    ACCEPTED,
    CSV_ACCEPTED,
    Either,
    FakeExotel,
    ccm_status,
    csv_status,
    envelope,
    json_response,
)


def test_schedule_is_proportional_with_floor_and_ceiling() -> None:
    schedule = PollSchedule()
    assert schedule.next_wait(0) == 1.0
    assert schedule.next_wait(50) == 5.0
    assert schedule.next_wait(10_000) == 30.0


def test_long_estimates_are_hedged_short_ones_trusted() -> None:
    schedule = PollSchedule()
    assert schedule.first_wait(30) == 30
    assert schedule.first_wait(100) == 50
    assert schedule.first_wait(-3) == 0


@pytest.mark.parametrize("duration", [30, 60, 300, 1200])
def test_an_estimate_twice_too_long_is_still_detected_within_ten_percent(duration: float) -> None:
    job = Job(duration)
    poll_upload(
        job.fetch, progress, upload_id="u", first_wait=2 * duration, sleep=job.sleep, clock=lambda: job.now
    )
    assert job.now - duration <= max(1.0, 0.1 * duration) + 1e-9
    assert job.looks <= max(2, duration / 5)


class Job:
    """A fake upload that completes after `duration` seconds of fake time."""

    def __init__(self, duration: float) -> None:
        self.duration = duration
        self.now = 0.0
        self.looks = 0

    def sleep(self, seconds: float) -> None:
        self.now += seconds

    def fetch(self) -> str:
        self.looks += 1
        return "completed" if self.now >= self.duration else "processing"


def progress(status: str, elapsed: float) -> UploadProgress:
    return UploadProgress("u", status, None, None, None, None, elapsed)


@pytest.mark.parametrize("duration", [5, 30, 60, 300, 1200])
@pytest.mark.parametrize("estimate_error", [0.5, 1.0, 1.5])
def test_detection_delay_and_request_budget(duration: float, estimate_error: float) -> None:
    job = Job(duration)
    poll_upload(
        job.fetch,
        progress,
        upload_id="u",
        first_wait=duration * estimate_error,
        sleep=job.sleep,
        clock=lambda: job.now,
    )
    delay = job.now - duration
    if estimate_error <= 1.0:  # an estimate that is not too long: delay within max(1 s, 10 %)
        assert delay <= max(1.0, 0.1 * duration) + 1e-9
    # With an estimate that is not short: at most a fifth of 1-per-second polling. An estimate half the
    # real time costs log(2)/log(1.1) ~ 7.3 more looks, the price of keeping the delay within 10 %.
    budget = max(2, duration / 5) if estimate_error >= 1.0 else max(4, duration / 5) + 8
    assert job.looks <= budget


def test_unknown_status_is_not_terminal_and_progress_sees_it() -> None:
    answers = iter(["queued-for-magic", "processing", "completed"])
    seen: list[UploadProgress] = []
    clock = [0.0]
    result = poll_upload(
        lambda: next(answers),
        progress,
        upload_id="u",
        on_progress=seen.append,
        sleep=lambda s: clock.__setitem__(0, clock[0] + s),
        clock=lambda: clock[0],
    )
    assert result == "completed"
    assert [p.status for p in seen] == ["queued-for-magic", "processing", "completed"]


def test_deadline_raises_with_last_status() -> None:
    clock = [0.0]
    with pytest.raises(ec.UploadTimeoutError) as info:
        poll_upload(
            lambda: "processing",
            progress,
            upload_id="u",
            timeout=20,
            sleep=lambda s: clock.__setitem__(0, clock[0] + s),
            clock=lambda: clock[0],
        )
    assert info.value.status == "processing"
    assert info.value.waited == pytest.approx(20)
    assert clock[0] == pytest.approx(20)


async def test_upload_and_wait_first_waits_the_estimate(either: Either, fake: FakeExotel) -> None:
    fake.add("POST", "/contacts/upload", json_response(202, ACCEPTED))
    fake.add("GET", "/contacts/upload/up_1", ccm_status("processing", successful=1), ccm_status())
    seen: list[UploadProgress] = []
    status = await either.call("upload_and_wait", b"phone_number\n+1\n", on_progress=seen.append)
    assert status.status == "completed"
    assert either.sleeps[0] == 30  # estimated_time_seconds
    assert either.sleeps[1] == pytest.approx(3.0)  # 10 % of 30 s waited
    assert [(p.status, p.successful, p.processed) for p in seen] == [
        ("processing", 1, 1),
        ("completed", 3, 3),
    ]


async def test_failed_ccm_upload_raises_with_error_report(either: Either, fake: FakeExotel) -> None:
    fake.add("GET", "/contacts/upload/up_1", ccm_status("failed"))
    report = {
        "upload_id": "up_1",
        "error_count": 2,
        "errors": [{"row_number": 1, "error_code": "INVALID_PHONE"}],
    }
    fake.add("GET", "/contacts/upload/up_1/errors", envelope(report))
    with pytest.raises(ec.UploadFailedError) as info:
        await either.call("wait_for_upload", "up_1")
    assert info.value.errors.error_count == 2
    assert info.value.status.status == "failed"
    assert "2 error rows" in str(info.value)
    result = await either.call("wait_for_upload", "up_1", raise_on_failure=False)
    assert result.status == "failed"


async def test_wait_for_upload_times_out(either: Either, fake: FakeExotel) -> None:
    fake.add("GET", "/contacts/upload/up_1", ccm_status("processing"))
    with pytest.raises(ec.UploadTimeoutError) as info:
        await either.call("wait_for_upload", "up_1", timeout=60)
    assert info.value.status.status == "processing"
    assert either.now == pytest.approx(60)


async def test_csv_upload_and_wait(either: Either, fake: FakeExotel) -> None:
    fake.add("POST", "/contacts/csv-upload", CSV_ACCEPTED)
    fake.add("GET", "/csv-status/csv_1", csv_status("in-progress", total=None, success=None), csv_status())
    seen: list[UploadProgress] = []
    status = await either.call("csv_upload_and_wait", b"number\n+1\n", list_name="l", on_progress=seen.append)
    assert status.status == "completed"
    assert seen[0].total is None
    assert seen[0].processed is None
    assert seen[1].processed == 2


async def test_failed_csv_upload_raises(either: Either, fake: FakeExotel) -> None:
    fake.add("GET", "/csv-status/csv_1", csv_status("failed"))
    with pytest.raises(ec.UploadFailedError) as info:
        await either.call("wait_for_csv_upload", "csv_1")
    assert info.value.upload_id == "csv_1"


async def test_apoll_upload_default_sleep_is_asyncio(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["processing", "completed"])

    async def fetch() -> str:
        return next(answers)

    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr("asyncio.sleep", fake_sleep)
    assert await ec.apoll_upload(fetch, progress, upload_id="u") == "completed"
    assert slept == [1.0]


def _unused(*_: Any) -> None:
    """Keeps imports used in type positions only."""


def look(elapsed: float, processed: int | None, total: int | None = 1000) -> UploadProgress:
    return UploadProgress(
        "u", "processing", total, processed, 0 if processed is not None else None, 0, elapsed
    )


def test_two_looks_predict_the_end_from_the_rate_between_them() -> None:
    schedule = PollSchedule()
    # 100 rows in 2 s between the looks, 300 left: 6 s, then a quarter second to be sure.
    assert schedule.wait_after(look(12.0, 700), look(10.0, 600)) == pytest.approx(6.25)


def test_the_prediction_is_floored_capped_and_corrected_at_each_look() -> None:
    schedule = PollSchedule(min_interval=1.0, max_interval=30.0)
    assert schedule.wait_after(look(50.0, 999), look(40.0, 900)) == 1.0  # 0.1 s left: the floor
    assert schedule.wait_after(look(2.0, 20), look(1.0, 10)) == 30.0  # 98 s left: the ceiling
    # The rate changed: the next prediction follows the last two looks, not the first.
    assert schedule.wait_after(look(32.0, 320), look(2.0, 20)) == pytest.approx(min(30.0, 680 / 10 + 0.25))
    assert schedule.wait_after(look(34.0, 400), look(32.0, 320)) == pytest.approx(600 / 40 + 0.25)


def test_one_look_predicts_from_the_start_but_never_later_than_the_plain_schedule() -> None:
    schedule = PollSchedule()
    assert schedule.wait_after(look(30.0, 990)) == pytest.approx(max(1.0, 10 * 30 / 990 + 0.25))
    assert schedule.wait_after(look(30.0, 100)) == schedule.next_wait(30.0)  # 270 s left: plain 3 s


def test_without_counts_or_progress_the_plain_schedule_applies() -> None:
    schedule = PollSchedule()
    assert schedule.wait_after(look(20.0, None)) == schedule.next_wait(20.0)
    assert schedule.wait_after(look(20.0, 500, total=None)) == schedule.next_wait(20.0)
    assert schedule.wait_after(look(20.0, 500), look(10.0, 500)) == pytest.approx(
        min(2.0, 500 * 20 / 500 + 0.25)
    )


class CountingJob(Job):
    """A fake upload of `rows` rows processed at an even rate, reporting its counts while processing."""

    def __init__(self, duration: float, rows: int = 10_000) -> None:
        super().__init__(duration)
        self.rows = rows

    def fetch_counts(self) -> UploadProgress:
        self.looks += 1
        done = self.now >= self.duration
        processed = self.rows if done else int(self.rows * self.now / self.duration)
        return UploadProgress(
            "u", "completed" if done else "processing", self.rows, processed, 0, 0, self.now
        )


@pytest.mark.parametrize("duration", [30, 120, 300, 1200])
@pytest.mark.parametrize("estimate", [None, 0.5, 1.0, 2.0])
def test_reading_progress_meets_delay_and_budget_for_every_estimate(
    duration: float, estimate: float | None
) -> None:
    job = CountingJob(duration * 1.013)
    poll_upload(
        job.fetch_counts,
        lambda p, elapsed: p,
        upload_id="u",
        first_wait=0.0 if estimate is None else duration * estimate,
        sleep=job.sleep,
        clock=lambda: job.now,
    )
    assert job.now - job.duration <= max(1.0, 0.1 * job.duration)
    assert job.looks <= job.duration / 5
