"""Bulk create: any number of contacts through createContacts, in chunks of at most 5000, concurrently.

Every input contact ends in exactly one :class:`Outcome`: ``created`` (with its sid), ``failed`` (with
the status, Exotel code and reason; nothing was created), ``already_existed`` (409 + code 1008), or
``unknown`` (a chunk's request may have taken effect and its answer could not be read, even after
replays). Nothing is dropped and nothing is sent twice without it showing in the result.

Why the bulk job replays ambiguous failures itself. The transport replays createContacts invisibly
(it is replay-safe: a duplicate number answers 409 and is not created again). But after a lost answer,
a 409 in the replay's answer may mean "created by the lost attempt", and only the bulk job can say so.
So chunks are sent marked *not* replay-safe: the transport still replays what provably did nothing
(429, 503, connection failures before sending, each paced by the rate limiter), and hands ambiguous
failures (500/502/504, read timeouts, broken connections) back here. The job replays those with the
client's own :class:`RetryPolicy` bookkeeping (same attempts, back-off, deadline, ``on_retry`` hook and
log line, stamina's test switch) and marks the 409s of such a replay ``after_replay=True``.

Why no typed models on the hot path. Building and parsing 5000 generated attrs models per request
costs about four times the JSON work itself. Contacts are sent as plain dicts (``ContactCreate``
inputs through ``to_dict``), serialised with :mod:`json`, and the 207 is read with :mod:`json`, looking
only at each item's ``code``, ``status``, ``error_data`` and ``data.sid``. Outcomes are kept in compact
columns per chunk; :class:`ContactOutcome` objects are built only when the result is read.

Chunk-level errors. 401/402/403/404 stop the job (every other chunk would fail the same way):
:class:`BulkAbortedError` carries the partial result of the contacts read so far. Any other error
answer (400, 413, 429 after retries, ...) fails that chunk's contacts with its status and code, unless
an earlier attempt of the chunk was ambiguous: then they are ``unknown``. A 207 whose item count differs
from the chunk's, or that cannot be read, makes the chunk's contacts ``unknown`` (never guessed).

Where each part lives: the results (this module: :class:`Outcome`, :class:`BulkCreateResult`, the
per-chunk columns), the input read into chunks (:mod:`.bulk_chunks`), the answers mapped back and the
journal steps (:mod:`.bulk_answers`), the sending (``_async/bulk.py`` and its sync twin).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs
import httpx

from exotel_contacts.base.exceptions import ExotelError, StoreUnavailableError
from exotel_contacts.base.outcomes import NOT_SENT
from exotel_contacts_api.models import ContactCreate

__all__ = [
    "DEFAULT_BULK_CONCURRENCY",
    "BulkCreateResult",
    "BulkProgress",
    "ContactInput",
    "ContactOutcome",
    "Outcome",
]

#: Chunks in flight at once by default: enough to hide latency, far below 200 requests per minute.
DEFAULT_BULK_CONCURRENCY = 4

ContactInput = ContactCreate | Mapping[str, Any]
"""One contact: a generated ``ContactCreate`` or a dict with its fields (``number`` required)."""

# Outcome codes in the per-chunk ``bytearray`` (one byte per contact instead of one object).
CREATED, FAILED, EXISTED, UNKNOWN = 0, 1, 2, 3


class Outcome(enum.StrEnum):
    """What happened to one input contact."""

    CREATED = "created"
    FAILED = "failed"
    ALREADY_EXISTED = "already_existed"
    UNKNOWN = "unknown"


_OUTCOMES = (Outcome.CREATED, Outcome.FAILED, Outcome.ALREADY_EXISTED, Outcome.UNKNOWN)


@attrs.frozen(slots=True)
class ContactOutcome:
    """The outcome of the input contact at position ``index`` (0-based).

    ``status_code`` is the item's (or, for chunk-level errors, the request's) HTTP status, ``None``
    when the contact was not sent (failed local checks) or no answer was read; ``code`` is Exotel's
    ``error_data.code``. ``after_replay`` marks an ``already_existed`` seen in the answer to a replay
    after an ambiguous attempt: that attempt may have created the contact.
    """

    index: int
    outcome: Outcome
    number: str | None
    sid: str | None = None
    status_code: int | None = None
    code: int | str | None = None
    reason: str | None = None
    request_id: str | None = None
    after_replay: bool = False


@attrs.frozen
class BulkProgress:
    """Counts after each finished chunk, as given to ``on_progress``."""

    done: int
    """Contacts with a final outcome."""
    created: int
    failed: int
    already_existed: int
    unknown: int
    chunks: int
    """Chunks finished."""
    replays: int
    """Chunk replays after ambiguous failures, so far."""


Detail = tuple[int | None, int | str | None, str | None]  # status_code, code, reason
# An exchange's last answer or failure (StoreUnavailableError: the shared quota's Redis stayed away).
Last = tuple[httpx.Response | None, httpx.HTTPError | StoreUnavailableError | None]


class Chunk:
    """One chunk: a run of consecutive input positions, what is sent of it, and its outcomes."""

    __slots__ = (
        "after_replay",
        "attempts",
        "detail",
        "details",
        "fatal",
        "kinds",
        "numbers",
        "payload",
        "replays",
        "request_id",
        "sent",
        "sids",
        "start",
    )

    def __init__(self, start: int) -> None:
        self.start = start
        self.numbers: list[str | None] = []
        self.payload: list[dict[str, Any]] = []
        self.sent: list[int] = []  # chunk offsets of the payload's contacts
        self.kinds = bytearray()
        self.sids: list[str | None] | None = None
        self.details: dict[int, Detail] = {}
        self.detail: Detail = (None, None, None)  # for offsets without their own entry
        self.request_id: str | None = None
        self.after_replay = False
        self.attempts = 0
        self.replays = 0
        self.fatal: ExotelError | None = None

    def fail_locally(self, offset: int, reason: str) -> None:
        self.kinds[offset] = FAILED
        self.details[offset] = (None, None, f"{NOT_SENT}{reason}")

    def outcome(self, offset: int) -> ContactOutcome:
        kind = self.kinds[offset]
        status, code, reason = self.details.get(offset, self.detail)
        return ContactOutcome(
            index=self.start + offset,
            outcome=_OUTCOMES[kind],
            number=self.numbers[offset],
            sid=self.sids[offset] if self.sids is not None else None,
            status_code=status,
            code=code,
            reason=reason,
            request_id=None if reason is not None and reason.startswith(NOT_SENT) else self.request_id,
            after_replay=self.after_replay and kind == EXISTED,
        )


class BulkCreateResult:
    """The outcome of every input contact, in input order, with counts.

    Iterate (or index by input position) for :class:`ContactOutcome` records; ``created``,
    ``failed``, ``already_existed`` and ``unknown`` list those of one kind. The records are built
    when read: the result itself holds only compact columns (outcome byte, number, sid).
    """

    def __init__(self) -> None:
        self._chunks: list[Chunk] = []
        self.counts: dict[Outcome, int] = dict.fromkeys(_OUTCOMES, 0)
        """Contacts per outcome."""
        self.requests = 0
        """createContacts requests made by the job itself (the transport's own replays not counted)."""
        self.replays = 0
        """Chunk replays after ambiguous failures."""

    def _add(self, chunk: Chunk) -> None:
        self._chunks.append(chunk)
        for kind, outcome in enumerate(_OUTCOMES):
            self.counts[outcome] += chunk.kinds.count(kind)
        self.requests += chunk.attempts
        self.replays += chunk.replays

    def _sorted(self) -> list[Chunk]:
        # Chunks finish out of order; sort lazily, when read.
        self._chunks.sort(key=lambda c: c.start)
        return self._chunks

    @property
    def total(self) -> int:
        """Input contacts accounted for."""
        return sum(self.counts.values())

    @property
    def ok(self) -> bool:
        """True when no contact failed and no outcome is unknown."""
        return not self.counts[Outcome.FAILED] and not self.counts[Outcome.UNKNOWN]

    def __len__(self) -> int:
        return self.total

    def __iter__(self) -> Iterator[ContactOutcome]:
        for chunk in self._sorted():
            for offset in range(len(chunk.kinds)):
                yield chunk.outcome(offset)

    def __getitem__(self, index: int) -> ContactOutcome:
        if index < 0:
            index += self.total
        for chunk in self._sorted():
            if chunk.start <= index < chunk.start + len(chunk.kinds):
                return chunk.outcome(index - chunk.start)
        raise IndexError(index)

    def _of(self, kind: int) -> list[ContactOutcome]:
        return [
            chunk.outcome(offset)
            for chunk in self._sorted()
            if kind in chunk.kinds
            for offset, k in enumerate(chunk.kinds)
            if k == kind
        ]

    @property
    def created(self) -> list[ContactOutcome]:
        """Contacts created, with their sid."""
        return self._of(CREATED)

    @property
    def failed(self) -> list[ContactOutcome]:
        """Contacts not created, with status, code and reason (``status_code`` None: not sent)."""
        return self._of(FAILED)

    @property
    def already_existed(self) -> list[ContactOutcome]:
        """Contacts whose number the address book already had (409, code 1008)."""
        return self._of(EXISTED)

    @property
    def unknown(self) -> list[ContactOutcome]:
        """Contacts whose request may or may not have taken effect; check the address book."""
        return self._of(UNKNOWN)

    def summary(self) -> dict[str, int]:
        """Counts as a plain dict (for logs and ``--json`` output)."""
        return {
            "total": self.total,
            **{str(k): v for k, v in self.counts.items()},
            "requests": self.requests,
            "replays": self.replays,
        }

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={v}" for k, v in self.summary().items())
        return f"BulkCreateResult({counts})"

    def _progress(self) -> BulkProgress:
        c = self.counts
        return BulkProgress(
            done=self.total,
            created=c[Outcome.CREATED],
            failed=c[Outcome.FAILED],
            already_existed=c[Outcome.ALREADY_EXISTED],
            unknown=c[Outcome.UNKNOWN],
            chunks=len(self._chunks),
            replays=self.replays,
        )


ProgressCallback = Callable[[BulkProgress], object]
"""What ``on_progress`` of a bulk create is called with."""
