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
"""

from __future__ import annotations

import enum
import hashlib
import itertools
import json
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs
import httpx

from exotel_contacts.base.exceptions import (
    BulkInputError,
    ExotelError,
    InvalidInputError,
    InvalidResponseError,
    JournalMismatchError,
    OutcomeUnknownError,
    StoreUnavailableError,
)
from exotel_contacts.base.outcomes import (
    BULK_FATAL,
    MAY_HAVE_ACTED_ERRORS,
    MAY_HAVE_ACTED_STATUSES,
)
from exotel_contacts.core.base_client import BaseHooks
from exotel_contacts.core.response import (
    error_from_response,
    error_from_transport,
    parse_json,
)
from exotel_contacts.core.retry import (
    REPLAY_SAFE,
    RetryableResponse,
    RetryState,
)
from exotel_contacts.operations import spec_requests as _spec_requests
from exotel_contacts.operations.answers import MAX_CONTACTS_PER_REQUEST
from exotel_contacts_api.models import (
    ContactCreate,
    CreateContactsRequest,
)

from .chunking import check_chunking
from .journal import (
    JOURNAL_ERRORS,
    JournalBase,
)

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
_CREATED, _FAILED, _EXISTED, _UNKNOWN = 0, 1, 2, 3
_DUPLICATE_CODE = 1008
_NOT_SENT = "not sent: "
# ContactCreate's string fields and their maxLength in openapi.yaml (a test compares them): a violation
# fails the whole request (schema validation), so it is caught here and fails only that contact.
_MAX_LENGTHS = {
    "number": 64,
    "first_name": 255,
    "last_name": 255,
    "company_name": 255,
    "email": 320,
    "tag": 255,
}


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


_Detail = tuple[int | None, int | str | None, str | None]  # status_code, code, reason
# An exchange's last answer or failure (StoreUnavailableError: the shared quota's Redis stayed away).
_Last = tuple[httpx.Response | None, httpx.HTTPError | StoreUnavailableError | None]


class _Chunk:
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
        self.details: dict[int, _Detail] = {}
        self.detail: _Detail = (None, None, None)  # for offsets without their own entry
        self.request_id: str | None = None
        self.after_replay = False
        self.attempts = 0
        self.replays = 0
        self.fatal: ExotelError | None = None

    def fail_locally(self, offset: int, reason: str) -> None:
        self.kinds[offset] = _FAILED
        self.details[offset] = (None, None, f"{_NOT_SENT}{reason}")

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
            request_id=None if reason is not None and reason.startswith(_NOT_SENT) else self.request_id,
            after_replay=self.after_replay and kind == _EXISTED,
        )


class BulkCreateResult:
    """The outcome of every input contact, in input order, with counts.

    Iterate (or index by input position) for :class:`ContactOutcome` records; ``created``,
    ``failed``, ``already_existed`` and ``unknown`` list those of one kind. The records are built
    when read: the result itself holds only compact columns (outcome byte, number, sid).
    """

    def __init__(self) -> None:
        self._chunks: list[_Chunk] = []
        self.counts: dict[Outcome, int] = dict.fromkeys(_OUTCOMES, 0)
        """Contacts per outcome."""
        self.requests = 0
        """createContacts requests made by the job itself (the transport's own replays not counted)."""
        self.replays = 0
        """Chunk replays after ambiguous failures."""

    def _add(self, chunk: _Chunk) -> None:
        self._chunks.append(chunk)
        for kind, outcome in enumerate(_OUTCOMES):
            self.counts[outcome] += chunk.kinds.count(kind)
        self.requests += chunk.attempts
        self.replays += chunk.replays

    def _sorted(self) -> list[_Chunk]:
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
        return self._of(_CREATED)

    @property
    def failed(self) -> list[ContactOutcome]:
        """Contacts not created, with status, code and reason (``status_code`` None: not sent)."""
        return self._of(_FAILED)

    @property
    def already_existed(self) -> list[ContactOutcome]:
        """Contacts whose number the address book already had (409, code 1008)."""
        return self._of(_EXISTED)

    @property
    def unknown(self) -> list[ContactOutcome]:
        """Contacts whose request may or may not have taken effect; check the address book."""
        return self._of(_UNKNOWN)

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


class InputFailure:
    """Where the chunk reader leaves the exception the input raised, for the driver to report."""

    __slots__ = ("error",)

    def __init__(self) -> None:
        self.error: BaseException | None = None

    def raise_if_failed(self, result: BulkCreateResult) -> None:
        """Raise :class:`BulkInputError` with ``result`` when the input raised."""
        if self.error is None:
            return
        error = self.error
        stop = error if isinstance(error, ExotelError) else None
        if stop is None:
            stop = InvalidInputError(
                f"reading the contacts failed after {result.total} of them ({type(error).__name__}: {error})",
                how_to_fix="Fix the input at that point, then send the contacts after it again",
            )
        raise BulkInputError(stop, result) from error


ProgressCallback = Callable[[BulkProgress], object]


# ---- building chunks ---------------------------------------------------------------------------


def check_options(chunk_size: int, concurrency: int) -> None:
    """The chunked workflows' one rule (:func:`.chunking.check_chunking`), with createContacts' bound."""
    check_chunking(chunk_size, concurrency, max_chunk_size=MAX_CONTACTS_PER_REQUEST)


def _problem(contact: dict[str, Any]) -> str | None:
    """What in ``contact`` would make the server refuse the whole request (schema), if anything."""
    for key, value in contact.items():
        limit = _MAX_LENGTHS.get(key)
        if limit is not None:
            if type(value) is not str:
                return f"'{key}' is not a string"
            if len(value) > limit:
                return f"'{key}' is longer than {limit} characters"
        elif key == "custom_field" and value is not None and not isinstance(value, dict):
            return "'custom_field' is not an object"
    return None


def _add_contact(chunk: _Chunk, offset: int, contact: object) -> None:
    chunk.kinds.append(_UNKNOWN)  # until an answer says otherwise: never "created" by default
    data: dict[str, Any]
    if isinstance(contact, dict):
        data = contact  # sent as given: no copy on the hot path
    elif isinstance(contact, ContactCreate):
        data = contact.to_dict()
    elif isinstance(contact, Mapping):
        data = dict(contact)
    else:
        chunk.numbers.append(None)
        chunk.fail_locally(offset, f"not a contact ({type(contact).__name__})")
        return
    number = data.get("number")
    # Only the number is checked up front (cheap); the other fields' types and lengths are checked
    # when the server refuses a whole chunk (see _recheck), which keeps the hot path lean.
    if type(number) is not str or not 0 < len(number) <= _MAX_LENGTHS["number"] or number.isspace():
        chunk.numbers.append(number if type(number) is str else None)
        chunk.fail_locally(offset, "no 'number'" if not number else "'number' is not a phone number")
        return
    chunk.numbers.append(number)
    chunk.payload.append(data)
    chunk.sent.append(offset)


def _recheck(chunk: _Chunk) -> bool:
    """After a chunk-level 400: fail the contacts the schema refuses; True when any were found."""
    payload, sent = [], []
    for contact, offset in zip(chunk.payload, chunk.sent, strict=True):
        problem = _problem(contact)
        if problem is not None:
            chunk.fail_locally(offset, problem)
            continue
        payload.append(contact)
        sent.append(offset)
    found = len(sent) < len(chunk.sent)
    chunk.payload, chunk.sent = payload, sent
    return found


def _chunks(contacts: Iterable[ContactInput], chunk_size: int, failure: InputFailure) -> Iterator[_Chunk]:
    """Chunks read lazily from ``contacts``: the next one only when asked for.

    When the input raises, the contacts read before it still form a last chunk (they are sent and
    reported), the exception goes to ``failure`` and reading stops.
    """
    if isinstance(contacts, str | bytes | Mapping):
        raise InvalidInputError("contacts must be an iterable of ContactCreate objects or dicts")
    try:
        iterator = iter(contacts)
    except TypeError:
        raise InvalidInputError("contacts must be an iterable of ContactCreate objects or dicts") from None
    start = 0
    while failure.error is None:
        chunk = _Chunk(start)
        try:
            for offset, contact in enumerate(itertools.islice(iterator, chunk_size)):
                _add_contact(chunk, offset, contact)
        except Exception as exc:  # the input's own failure, whatever it is: stop reading, report it
            failure.error = exc
        if not chunk.kinds:
            return
        start += len(chunk.kinds)
        yield chunk


async def _achunks(
    contacts: Iterable[ContactInput] | AsyncIterable[ContactInput], chunk_size: int, failure: InputFailure
) -> AsyncIterator[_Chunk]:
    """Chunks read lazily from an iterable or an async iterable (input failures: see :func:`_chunks`)."""
    if not isinstance(contacts, AsyncIterable):
        for chunk in _chunks(contacts, chunk_size, failure):
            yield chunk
        return
    start = 0
    chunk = _Chunk(start)
    try:
        async for contact in contacts:
            _add_contact(chunk, len(chunk.kinds), contact)
            if len(chunk.kinds) == chunk_size:
                yield chunk
                start += chunk_size
                chunk = _Chunk(start)
    except Exception as exc:  # see _chunks
        failure.error = exc
    if chunk.kinds:
        yield chunk


def _dumps(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def _body(chunk: _Chunk) -> bytes | None:
    """The request body; contacts that cannot be JSON are failed locally. None: nothing to send."""
    try:
        return _dumps({"contacts": chunk.payload}) if chunk.payload else None
    except (TypeError, ValueError):
        pass
    payload, sent = [], []
    for contact, offset in zip(chunk.payload, chunk.sent, strict=True):
        try:
            _dumps(contact)
        except (TypeError, ValueError) as exc:
            chunk.fail_locally(offset, f"not JSON ({exc})")
            continue
        payload.append(contact)
        sent.append(offset)
    chunk.payload, chunk.sent = payload, sent
    return _dumps({"contacts": payload}) if payload else None


# ---- reading answers ---------------------------------------------------------------------------


class _Job:
    """What every chunk of one job shares: the request's shape, the policy and the redactor."""

    def __init__(
        self, client: BaseHooks, http: httpx.Client | httpx.AsyncClient, journal: JournalBase | None = None
    ) -> None:
        self.journal = journal
        self._steps = journal.latest() if journal is not None else {}
        empty = CreateContactsRequest(contacts=[])
        base = dict(_spec_requests.create_contacts(client._config.account_sid, body=empty).request)
        # The generated request gives method, path and headers; the body is serialised here.
        del base["json"]
        self.request = base
        self.policy = client._retry_policy
        self.call_timeout = client._config.call_timeout
        self.redact = client._config.redact
        # The URL and replay-safety mark the retry bookkeeping sees (the one sent is marked unsafe).
        self.probe = http.build_request(base["method"], base["url"], extensions={REPLAY_SAFE: True})

    def retry_state(self) -> RetryState:
        """The bookkeeping of one chunk's exchange (the client's policy and call deadline)."""
        return RetryState(self.policy, self.probe, call_timeout=self.call_timeout)

    def kwargs(self, body: bytes) -> dict[str, Any]:
        extensions = {**self.request.get("extensions", {}), REPLAY_SAFE: False}
        return {**self.request, "content": body, "extensions": extensions}

    # ---- the journal (see exotel_contacts.workflows.journal): a chunk is known by its first input position.
    def resume(self, chunk: _Chunk) -> bool:
        """Take what the journal says of ``chunk``; True when it is finished (its outcomes restored).

        A chunk whose sending was cut off is sent again (bulk create is replay-safe: a contact the
        cut-off attempt created answers 409), its 409s marked ``after_replay``.
        """
        steps = self._steps.get(chunk.start)
        if not steps:
            return False
        for step in steps.values():
            if step.get("digest") != _digest(chunk):
                raise JournalMismatchError(
                    f"The journal {self.journal.name if self.journal else ''} was written for other "
                    f"contacts: the chunk at input position {chunk.start} differs; give the same contacts "
                    "in the same order, or a new journal path"
                )
        done = steps.get("done")
        if done is None:
            chunk.after_replay = True
            return False
        _restore(chunk, done)
        return True

    def sending(self, chunk: _Chunk) -> None:
        """The chunk is about to be sent (recorded first: a crash from here on may have created some).

        When the journal cannot record it, the chunk is not sent (a resume could not know it was):
        its contacts fail with the journal's error, which stops the job with the partial result.
        """
        if self.journal is not None and chunk.payload:
            try:
                self.journal.append("sending", chunk.start, digest=_digest(chunk))
            except JOURNAL_ERRORS as exc:
                _fill(chunk, _FAILED, (None, None, exc.message))
                chunk.fatal = chunk.fatal or exc
                chunk.payload, chunk.sent = [], []

    def done(self, chunk: _Chunk) -> None:
        """The chunk has its outcomes: kept, unless it provably did nothing (then it counts as unsent).

        When the journal cannot record them, the outcomes stay in the result and the job stops.
        """
        if self.journal is None or not chunk.sent:
            return
        try:
            self._record_done(self.journal, chunk)
        except JOURNAL_ERRORS as exc:
            chunk.fatal = chunk.fatal or exc

    @staticmethod
    def _record_done(journal: JournalBase, chunk: _Chunk) -> None:
        nothing = (
            chunk.sids is None
            and not chunk.after_replay
            and all(chunk.kinds[offset] == _FAILED for offset in chunk.sent)
        )
        if nothing:
            journal.append("not_sent", chunk.start)
            return
        # Every contact that was not created (failures are kept; created ones are a count).
        listed = [
            [offset, kind, *chunk.details.get(offset, (None, None, None))]
            for offset, kind in enumerate(chunk.kinds)
            if kind != _CREATED
        ]
        journal.append(
            "done",
            chunk.start,
            digest=_digest(chunk),
            listed=listed,
            own=[offset for offset, _, *_ in listed if offset in chunk.details],
            detail=list(chunk.detail),
            request_id=chunk.request_id,
            after_replay=chunk.after_replay,
        )

    def retry_on(self, state: RetryState) -> Callable[[Exception], bool | float]:
        """The stamina ``on=`` predicate: replay ambiguous failures only, with the client's policy."""

        def decide(exc: Exception) -> bool | float:
            if isinstance(exc, (RetryableResponse, *MAY_HAVE_ACTED_ERRORS)):
                return state.decide(exc)
            return False

        return decide


def _digest(chunk: _Chunk) -> str:
    """What identifies a chunk's input in a journal: a hash of its numbers, in order."""
    return hashlib.sha256(_dumps(chunk.numbers)).hexdigest()[:32]


def _restore(chunk: _Chunk, done: Mapping[str, Any]) -> None:
    """A finished chunk's outcomes from its journal record (the sids of created contacts are not kept)."""
    own = set(done.get("own") or ())
    for offset in range(len(chunk.kinds)):
        chunk.kinds[offset] = _CREATED
    for offset, kind, status, code, reason in done["listed"]:
        chunk.kinds[offset] = kind
        if offset in own:
            chunk.details[offset] = (status, code, reason)
    status, code, reason = done["detail"]
    chunk.detail = (status, code, reason)
    chunk.request_id = done.get("request_id")
    chunk.after_replay = bool(done.get("after_replay"))
    chunk.payload, chunk.sent = [], []


def _fill(chunk: _Chunk, kind: int, detail: _Detail) -> None:
    for offset in chunk.sent:
        chunk.kinds[offset] = kind
    chunk.detail = detail


def _read_items(chunk: _Chunk, response: httpx.Response, job: _Job) -> None:
    """Map a 207's items back to the chunk's offsets; a wrong count makes them all unknown."""
    try:
        body = parse_json(response, redact=job.redact)
    except ExotelError as exc:
        _chunk_error(chunk, exc)
        return
    request_id = body.get("request_id")
    chunk.request_id = job.redact(request_id) if isinstance(request_id, str) else None
    items = body.get("response")
    if not isinstance(items, list) or len(items) != len(chunk.sent):
        got = len(items) if isinstance(items, list) else type(items).__name__
        error = InvalidResponseError(
            f"createContacts answered {got} items for {len(chunk.sent)} contacts",
            status_code=response.status_code,
            request_id=chunk.request_id,
            response=response,
        )
        _fill(chunk, _UNKNOWN, (response.status_code, None, str(error)))
        return
    chunk.detail = (200, None, None)  # the created items; every other item gets its own entry
    sids: list[str | None] = [None] * len(chunk.kinds)
    kinds = chunk.kinds
    details = chunk.details
    numbers = chunk.numbers
    for offset, item in zip(chunk.sent, items, strict=True):
        # The hot loop: plain dict look-ups only (see the module docstring).
        try:
            code = item["code"]
            data = item.get("data")
            if type(data) is dict:
                answered = data.get("number")
                sent = numbers[offset]
                if answered is not None and answered != sent and not same_number(sent, answered):
                    details[offset] = (
                        code if type(code) is int else None,
                        None,
                        _other_number(sent, answered),
                    )
                    continue
            if code == 200:
                sid = item["data"]["sid"]
                if type(sid) is str and sid and item.get("status") != "failure":
                    kinds[offset] = _CREATED
                    sids[offset] = sid
                    continue
                details[offset] = (200, None, "a success item without a contact sid")
                continue
            error_data = item.get("error_data") or {}
            exotel_code = error_data.get("code")
            reason = error_data.get("description") or error_data.get("message")
            if code == 409 and exotel_code == _DUPLICATE_CODE:
                kinds[offset] = _EXISTED
                details[offset] = (409, exotel_code, reason)
            elif type(code) is int and 400 <= code < 500:
                kinds[offset] = _FAILED
                details[offset] = (code, exotel_code, reason)
            else:
                details[offset] = (code if type(code) is int else None, exotel_code, "unexpected item")
        except (KeyError, TypeError, AttributeError):
            details[offset] = (None, None, "an item this client cannot read")
    chunk.sids = sids


_SEPARATORS = str.maketrans("", "", " -.()/\u00a0")
# A country code has one to three digits: "+" and those, in front of a national number's digits.
_COUNTRY_CODE_LENGTHS = range(2, 5)


def same_number(sent: str | None, answered: object) -> bool:
    """Whether ``answered`` (an item's ``data.number``) is ``sent`` after the server's normalisation.

    The server drops separators and writes national numbers (``0...``) and ``00`` prefixes in E.164;
    it does not say with which country code, so a national number matches on its digits.
    """
    if not isinstance(sent, str) or not isinstance(answered, str):
        return False
    mine, theirs = sent.translate(_SEPARATORS), answered.translate(_SEPARATORS)
    if mine == theirs:
        return True
    if not theirs.startswith("+"):
        return False
    if mine.startswith("00"):
        return theirs == "+" + mine[2:]
    if mine.startswith("+"):
        return False
    national = mine.removeprefix("0")
    return (
        national.isdigit()
        and theirs.endswith(national)
        and len(theirs) - len(national) in _COUNTRY_CODE_LENGTHS
    )


def _other_number(sent: str | None, answered: object) -> str:
    shown = answered if isinstance(answered, str) else type(answered).__name__
    return (
        f"the answer's item for this position names the number {shown!r}, not {sent!r}: the server's "
        "items are not in the request's order, so this contact's outcome is unknown; check the address book"
    )


def _chunk_error(chunk: _Chunk, error: ExotelError) -> None:
    """A chunk-level error after the attempts: failed if nothing can have happened, else unknown."""
    chunk.request_id = error.request_id
    # After an ambiguous attempt the last error says nothing about what that attempt did; an
    # unreadable answer or a lost one (OutcomeUnknownError: 500/502/504, read failures) says nothing.
    ambiguous = chunk.after_replay or isinstance(error, InvalidResponseError | OutcomeUnknownError)
    status = error.status_code
    if not ambiguous and isinstance(error, BULK_FATAL):
        chunk.fatal = error
    kind = _UNKNOWN if ambiguous else _FAILED
    _fill(chunk, kind, (status, error.code, error.message))


def _finish(chunk: _Chunk, response: httpx.Response | None, exc: Exception | None, job: _Job) -> None:
    """Record the chunk's outcomes from its last answer (or failure), then drop what was sent."""
    if response is not None and response.status_code not in MAY_HAVE_ACTED_STATUSES:
        _read_items(chunk, response, job)
    elif response is not None:
        _chunk_error(chunk, error_from_response(response, redact=job.redact))
    elif isinstance(exc, httpx.HTTPError):
        _chunk_error(chunk, error_from_transport(exc, redact=job.redact))
    elif isinstance(exc, StoreUnavailableError):
        # The shared quota's Redis stayed away past the bound before an attempt could be sent: this
        # attempt did nothing (an earlier, ambiguous one makes the contacts unknown), and every other
        # chunk would wait the same: the job stops, with its result.
        _chunk_error(chunk, exc)
        chunk.fatal = chunk.fatal or exc
    job.done(chunk)
    # The contacts themselves are not kept: only numbers, outcomes and sids outlive the request.
    chunk.payload, chunk.sent = [], []


def _note_attempt(chunk: _Chunk, state: RetryState) -> None:
    state.begin_attempt()
    chunk.attempts += 1
    # Every attempt after the first of an exchange follows an ambiguous failure (only those are
    # replayed here), so the lost attempt may have acted.
    if state.attempt > 1:
        chunk.replays += 1
        chunk.after_replay = True


def resend(chunk: _Chunk, response: httpx.Response | None) -> bool:
    """Whether to send the chunk again: a 400 (which did nothing) and contacts the schema refuses,
    now failed locally. Never after an ambiguous attempt: that one may have acted."""
    return response is not None and response.status_code == 400 and not chunk.after_replay and _recheck(chunk)
