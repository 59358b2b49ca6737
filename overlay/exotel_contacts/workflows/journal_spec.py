"""Where a job's journal lives: a path (a file on this machine) or a :class:`RedisJournal` (shared)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Final

import attrs

from exotel_contacts.base.exceptions import InvalidInputError

__all__ = ["DEFAULT_JOURNAL_LEASE", "DEFAULT_JOURNAL_TTL", "JournalInput", "RedisJournal"]

#: Seconds a worker holds a Redis journal without renewing it (it renews every third of that).
DEFAULT_JOURNAL_LEASE: Final = 60.0
#: Seconds a Redis journal is kept after its last step (7 days).
DEFAULT_JOURNAL_TTL: Final = 7 * 24 * 3600.0
_JOB_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:@/-]{0,199}")


def _check_job_id(instance: object, attribute: object, value: str) -> None:
    if not isinstance(value, str) or not _JOB_ID.fullmatch(value):
        raise InvalidInputError(
            f"A journal's job id is 1 to 200 letters, digits and . _ : @ / - (starting with a letter or "
            f"digit), got {value!r}"
        )


def _check_seconds(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not isinstance(value, int | float) or isinstance(value, bool) or not 1 <= value <= 366 * 86400:
        raise InvalidInputError(f"RedisJournal {attribute.name} must be 1 s to a year, got {value!r}")


@attrs.frozen
class RedisJournal:
    """A journal kept in Redis under ``job_id``, which any worker on any machine can resume.

    ``url``: the Redis to use (default: the client's ``redis_url``, the one the quota uses). ``lease``:
    seconds a worker holds the job without renewing (renewed every third of that while it runs; a dead
    worker's job can be taken over once it lapses). ``ttl``: seconds the journal is kept after its last
    step (default 7 days), then Redis drops it.
    """

    job_id: str = attrs.field(validator=_check_job_id)
    url: str | None = attrs.field(default=None, kw_only=True, repr=False)
    lease: float = attrs.field(default=DEFAULT_JOURNAL_LEASE, kw_only=True, validator=_check_seconds)
    ttl: float = attrs.field(default=DEFAULT_JOURNAL_TTL, kw_only=True, validator=_check_seconds)
    prefix: str = attrs.field(default="exotel-contacts", kw_only=True)

    def keys(self) -> list[str]:
        """The plan, steps and lease keys (one hash tag: one Redis Cluster slot)."""
        base = f"{self.prefix}:journal:{{{self.job_id}}}"
        return [f"{base}:plan", f"{base}:steps", f"{base}:lease"]


JournalInput = str | os.PathLike[str] | Path | RedisJournal
"""What ``journal=`` takes: a file's path, or a :class:`RedisJournal`."""
