"""Bulk create: the results and the per-chunk columns (guide "Bulk create"; docs/decisions/0004, 0005).

Input: :mod:`.bulk_chunks`; answers and journal steps: :mod:`.bulk_answers`; sending: ``_async/bulk.py``.
"""

from __future__ import annotations

import dataclasses
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


_OUTCOMES = tuple(Outcome)  # indexed by the codes above


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


@dataclasses.dataclass(slots=True, eq=False)
class Chunk:
    """One chunk: a run of consecutive input positions, what is sent of it, and its outcomes."""

    start: int
    numbers: list[str | None] = dataclasses.field(default_factory=list)
    payload: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    sent: list[int] = dataclasses.field(default_factory=list)  # chunk offsets of the payload's contacts
    kinds: bytearray = dataclasses.field(default_factory=bytearray)
    sids: list[str | None] | None = None
    details: dict[int, Detail] = dataclasses.field(default_factory=dict)
    detail: Detail = (None, None, None)  # for offsets without their own entry
    request_id: str | None = None
    after_replay: bool = False
    attempts: int = 0
    replays: int = 0
    fatal: ExotelError | None = None

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
        counts = {str(outcome): count for outcome, count in self.counts.items()}
        return BulkProgress(done=self.total, **counts, chunks=len(self._chunks), replays=self.replays)


ProgressCallback = Callable[[BulkProgress], object]
"""What ``on_progress`` of a bulk create is called with."""
