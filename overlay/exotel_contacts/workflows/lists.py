"""What the list workflows report: one outcome per input of ``add_to_list``, and ``sync_list``'s changes
(plain records, no network: ``_async/lists.py`` fills them in)."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal, NamedTuple

import attrs

from exotel_contacts.base.exceptions import ExotelError
from exotel_contacts.base.outcomes import ALREADY_EXISTS_CODE, NOT_SENT, may_have_acted
from exotel_contacts_api.models import MembershipsMultiStatus

__all__ = [
    "AddToListProgress",
    "AddToListResult",
    "MemberOutcome",
    "MemberResult",
    "SyncChange",
    "SyncFailure",
    "SyncListResult",
    "SyncProgress",
    "wanted_numbers",
]


class MemberOutcome(enum.StrEnum):
    """What happened to one contact sid given to ``add_to_list``."""

    ADDED = "added"
    ALREADY_MEMBER = "already_member"
    """The list held it already (409 + 1008); after a replay, possibly added by the lost attempt."""
    FAILED = "failed"
    """Not added: no such contact (404), the list is full (400), or not sent (bad sid, stopped job)."""
    UNKNOWN = "unknown"
    """Its request may or may not have taken effect (the answer was lost even after replays)."""


class MemberResult(NamedTuple):
    """The outcome of the input at ``position`` (0-based)."""

    position: int
    contact_sid: str
    outcome: MemberOutcome
    status_code: int | None = None
    code: int | str | None = None
    reason: str | None = None

    @property
    def is_member(self) -> bool:
        """Whether the list holds the contact now."""
        return self.outcome in (MemberOutcome.ADDED, MemberOutcome.ALREADY_MEMBER)


@attrs.frozen
class AddToListProgress:
    """Counts after each finished chunk of ``add_to_list``."""

    done: int
    total: int
    added: int
    already_member: int
    failed: int
    unknown: int


class AddToListResult:
    """Every input of ``add_to_list`` with its outcome, in input order, and the counts."""

    def __init__(self, list_sid: str, total: int) -> None:
        self.list_sid = list_sid
        self._results: list[MemberResult | None] = [None] * total
        self.aborted: ExotelError | None = None
        """The error that stopped the job (401, 402, 403, or the list does not exist), if any."""
        self.requests = 0

    def _set(self, result: MemberResult) -> None:
        self._results[result.position] = result

    def __len__(self) -> int:
        return len(self._results)

    def __iter__(self) -> Iterator[MemberResult]:
        return (result for result in self._results if result is not None)

    def __getitem__(self, index: int) -> MemberResult:
        result = self._results[index]
        if result is None:
            raise IndexError(index)
        return result

    def of(self, outcome: MemberOutcome) -> list[MemberResult]:
        """The inputs with this outcome."""
        return [result for result in self if result.outcome is outcome]

    @property
    def counts(self) -> dict[MemberOutcome, int]:
        """Inputs per outcome."""
        counts = dict.fromkeys(MemberOutcome, 0)
        for result in self:
            counts[result.outcome] += 1
        return counts

    @property
    def ok(self) -> bool:
        """True when the list holds every input contact."""
        return all(result.is_member for result in self) and len(list(self)) == len(self)

    def progress(self) -> AddToListProgress:
        """The counts so far."""
        counts = self.counts  # in the order of AddToListProgress's fields
        return AddToListProgress(sum(counts.values()), len(self), *counts.values())

    def summary(self) -> dict[str, Any]:
        """Counts as a plain dict (logs, ``--json``)."""
        return {
            "list_sid": self.list_sid,
            "total": len(self),
            **{str(k): v for k, v in self.counts.items()},
            "requests": self.requests,
            "aborted": str(self.aborted) if self.aborted else None,
        }

    def __repr__(self) -> str:
        return f"AddToListResult({', '.join(f'{k}={v}' for k, v in self.summary().items())})"

    def not_sent(self, index: int, sid: object, reason: str) -> None:
        """An input that was never sent."""
        self._set(MemberResult(index, str(sid), MemberOutcome.FAILED, reason=NOT_SENT + reason))

    def chunk_answered(
        self, indexes: Sequence[int], sids: Sequence[str], answer: MembershipsMultiStatus
    ) -> None:
        """Map a 207's items (one per reference, in order) to the chunk's inputs."""
        for index, sid, item in zip(indexes, sids, answer.response, strict=True):
            error = item.error_data
            code = getattr(error, "code", None)
            reason = getattr(error, "description", None) or getattr(error, "message", None)
            if item.code == 200 and item.status != "failure":
                self._set(MemberResult(index, sid, MemberOutcome.ADDED, 200))
            elif item.code == 409 and code == ALREADY_EXISTS_CODE:
                self._set(MemberResult(index, sid, MemberOutcome.ALREADY_MEMBER, 409, code, reason))
            elif 400 <= item.code < 500:
                self._set(MemberResult(index, sid, MemberOutcome.FAILED, item.code, code, reason))
            else:
                self._set(MemberResult(index, sid, MemberOutcome.UNKNOWN, item.code, code, "unexpected item"))

    def chunk_failed(self, indexes: Sequence[int], sids: Sequence[str], error: ExotelError) -> None:
        """A chunk's request failed after the transport's replays: unknown if it may have acted."""
        outcome = MemberOutcome.UNKNOWN if may_have_acted(error) else MemberOutcome.FAILED
        for index, sid in zip(indexes, sids, strict=True):
            self._set(MemberResult(index, sid, outcome, error.status_code, error.code, error.message))

    def chunk_skipped(self, indexes: Sequence[int], sids: Sequence[str], error: ExotelError) -> None:
        """A chunk not sent because the job stopped on ``error``."""
        for index, sid in zip(indexes, sids, strict=True):
            self.not_sent(index, sid, error.message)


class SyncChange(NamedTuple):
    """One change ``sync_list`` made (or, in a dry run, would make)."""

    action: Literal["create", "add", "remove"]
    number: str
    contact_sid: str | None


class SyncFailure(NamedTuple):
    """One change that did not happen, or an input that could not be used."""

    stage: Literal["check", "create", "lookup", "add", "remove"]
    number: str
    contact_sid: str | None
    reason: str
    status_code: int | None = None
    code: int | str | None = None
    unknown: bool = False
    """The request may have taken effect (its answer was lost)."""


@attrs.frozen
class SyncProgress:
    """Where ``sync_list`` is: the stage and its counts so far."""

    stage: Literal["reading", "looking_up", "creating", "adding", "removing", "done"]
    done: int
    total: int


@attrs.frozen
class SyncListResult:
    """Every change ``sync_list`` made to make the list hold exactly the given numbers, and every failure.

    ``created``: contacts created in the address book; ``added``: contacts added to the list (the
    created ones and existing ones); ``removed``: members taken out (the contacts stay). In a dry run
    these are the plan and nothing was changed. ``unchanged``: members that were already right.
    """

    list_sid: str
    dry_run: bool
    created: tuple[SyncChange, ...]
    added: tuple[SyncChange, ...]
    removed: tuple[SyncChange, ...]
    unchanged: int
    failures: tuple[SyncFailure, ...]
    address_book_pages: int
    """Address book pages read to find the sids of numbers that exist outside the list."""
    aborted: ExotelError | None = None
    """The error that stopped the sync part-way (the changes above were made; the rest were not)."""

    @property
    def ok(self) -> bool:
        """True when the list now holds exactly the given numbers (in a dry run: the plan is complete)."""
        return not self.failures and self.aborted is None

    def summary(self) -> dict[str, Any]:
        """Counts as a plain dict."""
        return {
            "list_sid": self.list_sid,
            "dry_run": self.dry_run,
            "created": len(self.created),
            "added": len(self.added),
            "removed": len(self.removed),
            "unchanged": self.unchanged,
            "failed": len(self.failures),
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything, JSON-able (``--json``)."""
        return {
            **self.summary(),
            "aborted": str(self.aborted) if self.aborted else None,
            "changes": [c._asdict() for c in (*self.created, *self.added, *self.removed)],
            "failures": [f._asdict() for f in self.failures],
        }


def wanted_numbers(
    numbers: Iterable[str], *, default_region: str | None, strict: bool
) -> tuple[dict[str, int], list[SyncFailure]]:
    """The distinct numbers by the import's phone rule (E.164, or national with a region), each with its
    first input position; and the inputs that are not phone numbers."""
    # Imported here: the checks pull in phonenumbers, which `import exotel_contacts` does not pay for.
    from exotel_contacts.importing.checks import E164, make_phone_check  # noqa: PLC0415

    slow = make_phone_check(strict=strict, default_region=default_region)
    wanted: dict[str, int] = {}
    failures: list[SyncFailure] = []
    for position, raw in enumerate(numbers):
        number: str | None
        reason: str | None
        if not isinstance(raw, str):
            number, reason = None, f"not a phone number ({type(raw).__name__})"
        elif not strict and E164.fullmatch(raw):
            number, reason = raw, None
        else:
            number, _, reason = slow(raw)
        if number is None:
            failures.append(SyncFailure("check", str(raw), None, f"input {position}: {reason}"))
        else:
            wanted.setdefault(number, position)
    return wanted, failures
