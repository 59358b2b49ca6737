"""Waiting for an upload to finish: the schedule and what each look shows (the waiting itself is
:func:`exotel_contacts.core._async.polling.apoll_upload`; docs/guides/waiting-for-uploads.md).
"""

from __future__ import annotations

import attrs

from exotel_contacts.base.exceptions import InvalidSettingError, UploadTimeoutError
from exotel_contacts.base.outcomes import TERMINAL_STATUSES, is_terminal
from exotel_contacts.base.settings import MAX_SECONDS, check_fraction, check_seconds

from .retry import checked

__all__ = [
    "MAX_WAIT",
    "TERMINAL_STATUSES",
    "PollSchedule",
    "UploadProgress",
    "check_wait_timeout",
    "predicted_remaining",
    "timed_out",
]

#: The longest wait for an upload: a week.
MAX_WAIT = 7 * 86_400.0


def check_wait_timeout(timeout: float | None) -> float | None:
    """A wait's ``timeout``: ``None`` (no limit) or seconds up to :data:`MAX_WAIT`."""
    return None if timeout is None else check_seconds(timeout, "timeout", maximum=MAX_WAIT)


@attrs.frozen
class UploadProgress:
    """What one look at an upload showed; given to ``on_progress`` callbacks.

    Counts are ``None`` while the server does not know them yet. ``processed`` is
    ``successful + failed + duplicates`` when all three are known.
    """

    upload_id: str
    status: str
    total: int | None
    successful: int | None
    failed: int | None
    duplicates: int | None
    elapsed: float

    @property
    def processed(self) -> int | None:
        """Rows processed so far, or ``None`` when a count is unknown."""
        if self.successful is None or self.failed is None or self.duplicates is None:
            return None
        return self.successful + self.failed + self.duplicates

    @property
    def done(self) -> bool:
        """Whether the status is terminal."""
        return is_terminal(self.status)


@attrs.frozen
class PollSchedule:
    """When to look again: ``ratio`` of the time waited so far, within ``[min_interval, max_interval]``.

    The first look comes after the server's estimate, or at ``hedge_ratio`` of an estimate of
    ``hedge_from`` seconds or more (a too-long estimate costs a few looks, not a late detection).
    Then ``wait_after`` decides; ``overshoot`` is how long after the predicted end to look.
    """

    min_interval: float = attrs.field(default=1.0, validator=checked(check_seconds))
    max_interval: float = attrs.field(default=30.0, validator=checked(check_seconds))
    ratio: float = attrs.field(default=0.1, validator=checked(check_fraction))
    hedge_from: float = attrs.field(default=40.0, validator=checked(check_seconds, allow_zero=True))
    hedge_ratio: float = attrs.field(default=0.5, validator=checked(check_fraction))

    def __attrs_post_init__(self) -> None:
        if self.max_interval < self.min_interval:
            raise InvalidSettingError(
                f"max_interval ({self.max_interval:g}) is below min_interval ({self.min_interval:g})"
            )

    def first_wait(self, estimate: float) -> float:
        """Seconds to wait before the first look, given the server's estimate (at most a day)."""
        estimate = min(max(0.0, estimate), MAX_SECONDS)
        return estimate * self.hedge_ratio if estimate >= self.hedge_from else estimate

    overshoot: float = 0.25

    def next_wait(self, elapsed: float) -> float:
        """Seconds to wait after a look made ``elapsed`` seconds into the wait (no progress known)."""
        return min(self.max_interval, max(self.min_interval, self.ratio * elapsed))

    def wait_after(self, look: UploadProgress, previous: UploadProgress | None = None) -> float:
        """Seconds to wait after ``look``, predicting the end from its progress and ``previous``'s."""
        plain = self.next_wait(look.elapsed)
        remaining, from_two_looks = predicted_remaining(look, previous)
        if remaining is None:
            return plain
        wait = remaining + self.overshoot
        if not from_two_looks:
            # One look: processing may have queued before it began, so the rate since the start can
            # be too low; never look later than the plain schedule would.
            wait = min(wait, plain)
        return min(self.max_interval, max(self.min_interval, wait))


def predicted_remaining(look: UploadProgress, previous: UploadProgress | None) -> tuple[float | None, bool]:
    """Seconds of processing left, from the rate between two looks (True) or since the start (False).

    ``None`` when the counts are unknown or show no progress to extrapolate.
    """
    processed, total = look.processed, look.total
    if processed is None or total is None or total <= 0:
        return None, False
    left = max(0, total - processed)
    if previous is not None and previous.processed is not None:
        done, took = processed - previous.processed, look.elapsed - previous.elapsed
        if done > 0 and took > 0:
            return left * took / done, True
    if processed > 0 and look.elapsed > 0:
        return left * look.elapsed / processed, False
    return None, False


def timed_out(upload_id: str, last: object, waited: float) -> UploadTimeoutError:
    """The error for a wait that reached its deadline, carrying the last status seen."""
    status = getattr(last, "status", None)
    status = status if isinstance(status, str) else "none seen"
    return UploadTimeoutError(
        f"Upload {upload_id} was not finished after {waited:.1f} s (last status: {status})",
        upload_id=upload_id,
        status=last,
        waited=waited,
    )
