"""Bulk create, reading the input: contacts from any (async) iterable into chunks, each checked against
ContactCreate's schema limits (a violation fails that contact, not the request), and the request body."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Iterator, Mapping
from typing import Any

from exotel_contacts.base.exceptions import BulkInputError, ExotelError, InvalidInputError
from exotel_contacts.spec.operations import OPERATIONS
from exotel_contacts_api.models import ContactCreate

from .bulk import UNKNOWN, BulkCreateResult, Chunk, ContactInput

__all__ = ["InputFailure"]

# ContactCreate's string fields and their maxLength in openapi.yaml: a violation fails the whole request
# (schema validation), so it is caught here and fails only that contact.
MAX_LENGTHS = OPERATIONS["createContacts"].item_lengths


@dataclasses.dataclass(slots=True, eq=False)
class InputFailure:
    """Where the chunk reader leaves the exception the input raised, for the driver to report."""

    error: BaseException | None = None

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


def _problem(contact: dict[str, Any]) -> str | None:
    """What in ``contact`` would make the server refuse the whole request (schema), if anything."""
    for key, value in contact.items():
        limit = MAX_LENGTHS.get(key)
        if limit is not None:
            if type(value) is not str:
                return f"'{key}' is not a string"
            if len(value) > limit:
                return f"'{key}' is longer than {limit} characters"
        elif key == "custom_field" and value is not None and not isinstance(value, dict):
            return "'custom_field' is not an object"
    return None


def _add_contact(chunk: Chunk, offset: int, contact: object) -> None:
    chunk.kinds.append(UNKNOWN)  # until an answer says otherwise: never "created" by default
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
    # when the server refuses a whole chunk (see recheck), which keeps the hot path lean.
    if type(number) is not str or not 0 < len(number) <= MAX_LENGTHS["number"] or number.isspace():
        chunk.numbers.append(number if type(number) is str else None)
        chunk.fail_locally(offset, "no 'number'" if not number else "'number' is not a phone number")
        return
    chunk.numbers.append(number)
    chunk.payload.append(data)
    chunk.sent.append(offset)


def _keep_sendable(chunk: Chunk, problem: Callable[[dict[str, Any]], str | None]) -> bool:
    """Fail locally the contacts in which ``problem`` finds something; True when any were found."""
    payload, sent = [], []
    for contact, offset in zip(chunk.payload, chunk.sent, strict=True):
        reason = problem(contact)
        if reason is None:
            payload.append(contact)
            sent.append(offset)
        else:
            chunk.fail_locally(offset, reason)
    found = len(sent) < len(chunk.sent)
    chunk.payload, chunk.sent = payload, sent
    return found


def recheck(chunk: Chunk) -> bool:
    """After a chunk-level 400: fail the contacts the schema refuses; True when any were found."""
    return _keep_sendable(chunk, _problem)


def _chunks(contacts: Iterable[ContactInput], chunk_size: int, failure: InputFailure) -> Iterator[Chunk]:
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
    chunk = Chunk(0)
    try:
        for contact in iterator:
            _add_contact(chunk, len(chunk.kinds), contact)
            if len(chunk.kinds) == chunk_size:
                yield chunk
                chunk = Chunk(chunk.start + chunk_size)
    except Exception as exc:  # the input's own failure, whatever it is: stop reading, report it
        failure.error = exc
    if chunk.kinds:
        yield chunk


async def _achunks(
    contacts: Iterable[ContactInput] | AsyncIterable[ContactInput], chunk_size: int, failure: InputFailure
) -> AsyncIterator[Chunk]:
    """Chunks read lazily from an iterable or an async iterable (input failures: see :func:`_chunks`)."""
    if not isinstance(contacts, AsyncIterable):
        for chunk in _chunks(contacts, chunk_size, failure):
            yield chunk
        return
    chunk = Chunk(0)
    try:
        async for contact in contacts:
            _add_contact(chunk, len(chunk.kinds), contact)
            if len(chunk.kinds) == chunk_size:
                yield chunk
                chunk = Chunk(chunk.start + chunk_size)
    except Exception as exc:  # see _chunks
        failure.error = exc
    if chunk.kinds:
        yield chunk


def dumps(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def _not_json(contact: dict[str, Any]) -> str | None:
    try:
        dumps(contact)
    except (TypeError, ValueError) as exc:
        return f"not JSON ({exc})"
    return None


def request_body(chunk: Chunk) -> bytes | None:
    """The request body; contacts that cannot be JSON are failed locally. None: nothing to send."""
    try:
        return dumps({"contacts": chunk.payload}) if chunk.payload else None
    except (TypeError, ValueError):
        _keep_sendable(chunk, _not_json)
    return dumps({"contacts": chunk.payload}) if chunk.payload else None
