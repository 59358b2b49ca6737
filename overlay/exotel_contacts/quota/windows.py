"""The settings both kinds of rate window share (the windows: :mod:`._async.limiter`); where the quota
lives and how it is shared: docs/guides/pacing-and-quota.md."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Final

from exotel_contacts.base.rates import Rate
from exotel_contacts.spec.operations import OPERATIONS

__all__ = [
    "DEFAULT_MAX_CONCURRENT_UPLOADS",
    "Permit",
    "max_wait_for",
    "redis_url_setting",
    "slack_for",
]

#: Exotel's documented CCM limit: uploads in progress per account (openapi.yaml's x-limits, 5).
DEFAULT_MAX_CONCURRENT_UPLOADS: Final = OPERATIONS["uploadContacts"].limits["max_uploads_in_progress"]

#: The window is counted this much longer than the server's (a share of it, at most MAX_SLACK seconds):
#: a request booked exactly one window after another can still reach the server first when the network
#: delays the earlier one; measured on loopback, 2 % of a 1 s window keeps 429s under 1 %.
SLACK_SHARE: Final = 0.02
MAX_SLACK: Final = 1.0
#: A caller waits at most this many windows for its turn; a longer queue is a RateLimitError.
MAX_WAIT_WINDOWS: Final = 10


def redis_url_setting(value: str | None, environ: Mapping[str, str] | None = None) -> str | None:
    """The Redis URL: ``redis_url=``, else ``EXOTEL_REDIS_URL``, else None (the quota stays in-process)."""
    env = os.environ if environ is None else environ
    if value is None:
        value = env.get("EXOTEL_REDIS_URL")
    return value.strip() or None if value is not None else None


def slack_for(window: float) -> float:
    """Seconds added to a window of ``window`` seconds (see :data:`SLACK_SHARE`)."""
    return min(SLACK_SHARE * window, MAX_SLACK)


def max_wait_for(rate: Rate) -> float:
    """The longest a caller waits for its turn in ``rate``'s window."""
    return max(MAX_WAIT_WINDOWS * rate.window, 60.0)


Permit = tuple[Any, Any]
"""What a rate limiter's ``acquire`` hands back for its ``settle``: (window, ticket)."""
