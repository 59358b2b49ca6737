"""Bulk create, reading the answers: a chunk's 207 mapped back onto its contacts by position (each
number checked), the chunk errors, a chunk's journal steps, and when the job replays a chunk itself."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

import httpx

from exotel_contacts.base.exceptions import (
    ExotelError,
    InvalidResponseError,
    JournalMismatchError,
    OutcomeUnknownError,
    StoreUnavailableError,
)
from exotel_contacts.base.outcomes import (
    ALREADY_EXISTS_CODE,
    BULK_FATAL,
    MAY_HAVE_ACTED_ERRORS,
    MAY_HAVE_ACTED_STATUSES,
)
from exotel_contacts.core.base_client import BaseHooks
from exotel_contacts.core.response import error_from_response, error_from_transport, parse_json
from exotel_contacts.core.retry import REPLAY_SAFE, RetryableResponse, RetryState
from exotel_contacts.operations import spec_requests as _spec_requests
from exotel_contacts_api.models import CreateContactsRequest

from .bulk import CREATED, EXISTED, FAILED, UNKNOWN, Chunk, Detail
from .bulk_chunks import dumps, recheck
from .journal import JOURNAL_ERRORS, JournalBase

__all__ = ["resend", "same_number"]

#: What the job replays itself: the failures after which an attempt may have acted (docs/decisions/0005).
REPLAYED: tuple[type[Exception], ...] = (RetryableResponse, *MAY_HAVE_ACTED_ERRORS)


class Job:
    """What every chunk of one job shares: the request's shape, the policy and the redactor."""

    def __init__(
        self, client: BaseHooks, http: httpx.Client | httpx.AsyncClient, journal: JournalBase | None = None
    ) -> None:
        self.journal = journal
        self._steps = journal.latest() if journal is not None else {}
        empty = CreateContactsRequest(contacts=[])
        base = dict(_spec_requests.create_contacts(client._config.account_sid, body=empty).request)
        del base["json"]  # the generated request gives method, path and headers; the body is ours
        self.request = {**base, "extensions": {**base.get("extensions", {}), REPLAY_SAFE: False}}
        self.policy = client._retry_policy
        self.call_timeout = client._config.call_timeout
        self.redact = client._config.redact
        # The URL and replay-safety mark the retry bookkeeping sees (the one sent is marked unsafe).
        self.probe = http.build_request(base["method"], base["url"], extensions={REPLAY_SAFE: True})

    def retry_state(self) -> RetryState:
        """The bookkeeping of one chunk's exchange (the client's policy and call deadline)."""
        return RetryState(self.policy, self.probe, call_timeout=self.call_timeout)

    def resume(self, chunk: Chunk) -> bool:
        """Take what the journal says of ``chunk`` (known by its first input position); True when it is
        finished. One cut off is sent again (replay-safe), its 409s marked ``after_replay``."""
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

    def sending(self, chunk: Chunk) -> None:
        """Record that the chunk is about to be sent; when the journal cannot, it is not sent (a resume
        could not know it was): its contacts fail with the journal's error, which stops the job."""
        if self.journal is not None and chunk.payload:
            try:
                self.journal.append("sending", chunk.start, digest=_digest(chunk))
            except JOURNAL_ERRORS as exc:
                _fill(chunk, FAILED, (None, None, exc.message))
                chunk.fatal = chunk.fatal or exc
                chunk.payload, chunk.sent = [], []

    def done(self, chunk: Chunk) -> None:
        """Record the chunk's outcomes (or ``not_sent`` when it provably did nothing); when the journal
        cannot, the outcomes stay in the result and the job stops."""
        if self.journal is None or not chunk.sent:
            return
        nothing = (
            chunk.sids is None
            and not chunk.after_replay
            and all(chunk.kinds[offset] == FAILED for offset in chunk.sent)
        )
        # Every contact that was not created (failures are kept; created ones are a count).
        listed = [
            [offset, kind, *chunk.details.get(offset, (None, None, None))]
            for offset, kind in enumerate(chunk.kinds)
            if kind != CREATED
        ]
        try:
            if nothing:
                self.journal.append("not_sent", chunk.start)
            else:
                self.journal.append(
                    "done",
                    chunk.start,
                    digest=_digest(chunk),
                    listed=listed,
                    own=[offset for offset, _, *_ in listed if offset in chunk.details],
                    detail=list(chunk.detail),
                    request_id=chunk.request_id,
                    after_replay=chunk.after_replay,
                )
        except JOURNAL_ERRORS as exc:
            chunk.fatal = chunk.fatal or exc


def _digest(chunk: Chunk) -> str:
    """What identifies a chunk's input in a journal: a hash of its numbers, in order."""
    return hashlib.sha256(dumps(chunk.numbers)).hexdigest()[:32]


def _restore(chunk: Chunk, done: Mapping[str, Any]) -> None:
    """A finished chunk's outcomes from its journal record (the sids of created contacts are not kept)."""
    own = set(done.get("own") or ())
    chunk.kinds[:] = bytes([CREATED]) * len(chunk.kinds)
    for offset, kind, status, code, reason in done["listed"]:
        chunk.kinds[offset] = kind
        if offset in own:
            chunk.details[offset] = (status, code, reason)
    status, code, reason = done["detail"]
    chunk.detail = (status, code, reason)
    chunk.request_id = done.get("request_id")
    chunk.after_replay = bool(done.get("after_replay"))
    chunk.payload, chunk.sent = [], []


def _fill(chunk: Chunk, kind: int, detail: Detail) -> None:
    for offset in chunk.sent:
        chunk.kinds[offset] = kind
    chunk.detail = detail


def _read_items(chunk: Chunk, response: httpx.Response, job: Job) -> None:
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
        _fill(chunk, UNKNOWN, (response.status_code, None, str(error)))
        return
    chunk.detail = (200, None, None)  # the created items; every other item gets its own entry
    sids: list[str | None] = [None] * len(chunk.kinds)
    kinds = chunk.kinds
    details = chunk.details
    numbers = chunk.numbers
    for offset, item in zip(chunk.sent, items, strict=True):
        # The hot loop: plain dict look-ups only (docs/decisions/0004).
        try:
            code = item["code"]
            data = item.get("data")
            if type(data) is dict:
                answered = data.get("number")
                sent = numbers[offset]
                if answered is not None and answered != sent and not same_number(sent, answered):
                    shown = answered if isinstance(answered, str) else type(answered).__name__
                    other = (
                        f"the answer's item for this position names the number {shown!r}, not {sent!r}: "
                        "the server's items are not in the request's order, so this contact's outcome is "
                        "unknown; check the address book"
                    )
                    details[offset] = (code if type(code) is int else None, None, other)
                    continue
            if code == 200:
                sid = item["data"]["sid"]
                if type(sid) is str and sid and item.get("status") != "failure":
                    kinds[offset] = CREATED
                    sids[offset] = sid
                    continue
                details[offset] = (200, None, "a success item without a contact sid")
                continue
            error_data = item.get("error_data") or {}
            exotel_code = error_data.get("code")
            reason = error_data.get("description") or error_data.get("message")
            if code == 409 and exotel_code == ALREADY_EXISTS_CODE:
                kinds[offset] = EXISTED
                details[offset] = (409, exotel_code, reason)
            elif type(code) is int and 400 <= code < 500:
                kinds[offset] = FAILED
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


def _chunk_error(chunk: Chunk, error: ExotelError) -> None:
    """A chunk-level error after the attempts: failed if nothing can have happened, else unknown."""
    chunk.request_id = error.request_id
    # After an ambiguous attempt the last error says nothing about what that attempt did; an
    # unreadable answer or a lost one (OutcomeUnknownError: 500/502/504, read failures) says nothing.
    ambiguous = chunk.after_replay or isinstance(error, InvalidResponseError | OutcomeUnknownError)
    status = error.status_code
    if not ambiguous and isinstance(error, BULK_FATAL):
        chunk.fatal = error
    kind = UNKNOWN if ambiguous else FAILED
    _fill(chunk, kind, (status, error.code, error.message))


def finish(chunk: Chunk, response: httpx.Response | None, exc: Exception | None, job: Job) -> None:
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


def resend(chunk: Chunk, response: httpx.Response | None) -> bool:
    """Whether to send the chunk again: a 400 (which did nothing) and contacts the schema refuses,
    now failed locally. Never after an ambiguous attempt: that one may have acted."""
    return response is not None and response.status_code == 400 and not chunk.after_replay and recheck(chunk)
