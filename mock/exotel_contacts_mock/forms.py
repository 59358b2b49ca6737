"""Request bodies: multipart streamed once with the size limits applied; JSON bounded in size and depth.

Connexion's own multipart validator keeps every message of the body in memory and replays it to
the handler, which parses it again. This one parses while receiving (files larger than 1 MB spill
to disk), validates the plain fields against the spec's schema, hands the parsed form to the
handler through the ASGI scope, and replays an empty body. A body that ends before its closing
boundary (a client that disconnects or dies mid-upload, a truncated message) is refused, and every
spool file opened for it is closed then: python-multipart's `finalize()` does not check that the
message ended, so Starlette returned a form without the cut-off part and left that part's spool file
to the garbage collector (a `ResourceWarning`).

Connexion's JSON validator takes a body without `Content-Length` for no body, so a chunked JSON
body was "required"; a deeply nested document raised `RecursionError` in the parser; and its
schema validation ran on the event loop. The one here reads the whole body whatever its framing, up
to the size limit, then parses and validates it in a worker thread, answering a body that is not
JSON, or nested deeper than the spec allows, with 400 (1007) before anything recurses over it.
"""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import AsyncGenerator, Callable
from typing import Any

from connexion.exceptions import BadRequestProblem
from connexion.validators import JSONRequestBodyValidator, MultiPartFormDataValidator
from starlette.datastructures import FormData, Headers, MutableHeaders, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.types import Message, Receive, Scope

from .digits import ascii_int
from .envelope import MockError

__all__ = ["FORM_KEY", "declared_length", "form_validator", "json_depth", "json_validator", "parsed_form"]

FORM_KEY = "exotel_mock.form"
_OVERHEAD = 64 * 1024  # multipart boundaries and the small fields around the file


def declared_length(headers: Headers) -> int | None:
    """`Content-Length` if ASCII digits, else None (`int()` also takes Arabic-Indic digits, "1_0", " 1")."""
    value = headers.get("content-length")
    return ascii_int(value, signed=False) if value is not None else None


def parsed_form(scope: Scope) -> FormData:
    """The form the validator parsed for this request."""
    form: FormData = scope["extensions"][FORM_KEY]
    return form


def form_validator(limit_for: Callable[[dict[str, Any]], int]) -> type[MultiPartFormDataValidator]:
    """A validator class whose body limit (bytes) is `limit_for(schema)`."""

    class StreamingMultipartValidator(MultiPartFormDataValidator):  # type: ignore[misc]
        """Parse once, streaming; 413 past the limit, 400 for a form that breaks the schema."""

        async def wrap_receive(self, receive: Receive, *, scope: Scope) -> tuple[Receive, Scope]:
            limit = limit_for(self._schema) + _OVERHEAD
            headers = Headers(scope=scope)
            if declared_length(headers) == 0 and self._required:
                raise BadRequestProblem(detail="RequestBody is required")
            if "boundary=" not in headers.get("content-type", ""):
                raise BadRequestProblem(detail="Malformed multipart body: no boundary")
            received = 0
            too_large = False

            async def stream() -> AsyncGenerator[bytes, None]:
                nonlocal received, too_large
                more = True
                while more:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return
                    chunk: bytes = message.get("body", b"")
                    more = bool(message.get("more_body", False))
                    received += len(chunk)
                    if received > limit:
                        too_large = True
                    if not too_large:
                        yield chunk

            parser = _WholeMessageParser(headers, stream(), max_files=10, max_fields=100, max_part_size=limit)
            try:
                form = await parser.parse()
            except (MultiPartException, ValueError, KeyError) as exc:
                if too_large:
                    raise MockError(413, f"The file is larger than {limit - _OVERHEAD} bytes") from None
                raise BadRequestProblem(detail=f"Malformed multipart body: {exc}") from None
            files = [value for _, value in form.multi_items() if isinstance(value, UploadFile)]
            if too_large or any((upload.size or 0) > limit - _OVERHEAD for upload in files):
                await form.close()
                raise MockError(413, f"The file is larger than {limit - _OVERHEAD} bytes")
            try:
                self._validate(self._as_validation_dict(form))
            except Exception:
                await form.close()
                raise
            scope.setdefault("extensions", {})[FORM_KEY] = form
            return _replaying(receive, b""), _without_body(scope)

        def _as_validation_dict(self, form: FormData) -> dict[str, Any]:
            data: dict[str, Any] = {}
            properties = self._schema.get("properties", {})
            for key in form:
                values = form.getlist(key)
                is_file = properties.get(key, {}).get("format") == "binary"
                if is_file or any(isinstance(value, UploadFile) for value in values):
                    data[key] = "" if len(values) == 1 and is_file else [""] * len(values)
                else:
                    data[key] = values[0] if len(values) == 1 else list(values)
            return data

    return StreamingMultipartValidator


class _WholeMessageParser(MultiPartParser):
    """Starlette's parser, refusing a message that ends before its closing boundary.

    Starlette opens a part's spool file when the part's headers end and puts the part in the form
    when the part ends; it closes the spools it opened only when parsing raises. A message cut off
    inside a file part (the stream just ends) parsed without error into a form that lacks that part,
    and nothing closed its spool. Here such a message raises, with every spool it opened closed.
    """

    _ended = False

    def on_end(self) -> None:
        self._ended = True
        super().on_end()

    async def parse(self) -> FormData:
        form: FormData = await super().parse()  # closes every spool itself when it raises
        if not self._ended:
            await form.close()
            for spool in self._files_to_close_on_error:  # the cut-off part's spool is only here
                spool.close()
            raise MultiPartException("the body ended before its closing boundary")
        return form


def _without_body(scope: Scope) -> Scope:
    new_scope = dict(scope)
    new_scope["headers"] = copy.copy(scope["headers"])
    MutableHeaders(scope=new_scope)["content-length"] = "0"
    return new_scope


def json_depth(document: Any) -> int:
    """How deeply containers nest in a parsed JSON document (a scalar: 0, ``[]``: 1); no recursion."""
    deepest = 0
    pending: list[tuple[Any, int]] = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, depth)
        pending.extend((child, depth + 1) for child in children)
    return deepest


def json_validator(*, max_bytes: int, max_depth: int) -> type[JSONRequestBodyValidator]:
    """A JSON body validator taking chunked bodies of at most `max_bytes`, nested at most `max_depth`."""
    too_deep = f"The JSON body is nested more than {max_depth} levels deep"

    class JsonBodyValidator(JSONRequestBodyValidator):  # type: ignore[misc]
        """Read the whole body (any framing), then parse and validate it in a worker thread.

        Validating 5000 contacts against the schema takes about a third of a second of jsonschema;
        on the event loop, that stalled every other request of the server for as long.
        """

        async def wrap_receive(self, receive: Receive, *, scope: Scope) -> tuple[Receive, Scope]:
            raw = await _read_bounded(receive, max_bytes)
            if not raw and self._required:
                raise BadRequestProblem(detail="RequestBody is required")
            await asyncio.to_thread(self._check, raw)
            replay = dict(scope)
            replay["headers"] = copy.copy(scope["headers"])
            MutableHeaders(scope=replay)["content-length"] = str(len(raw))
            return _replaying(receive, raw), replay

        def _check(self, raw: bytes) -> None:
            try:
                text = raw.decode(self._encoding)
                document = json.loads(text, parse_constant=_not_json) if raw else None
            except UnicodeDecodeError:
                raise BadRequestProblem(detail="Invalid request body: not UTF-8 JSON") from None
            except RecursionError:
                raise MockError(400, too_deep, code=1007) from None
            except ValueError as exc:  # JSONDecodeError, NaN/Infinity, an integer of over 4300 digits
                raise MockError(400, f"Invalid request body: {exc}", code=1007) from None
            if json_depth(document) > max_depth:
                raise MockError(400, too_deep, code=1007)
            if not (document is None and self._nullable):
                self._validate(document)

    return JsonBodyValidator


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")


async def _read_bounded(receive: Receive, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk: bytes = message.get("body", b"")
        size += len(chunk)
        if size > max_bytes:
            raise MockError(413, "The request body is too large")
        chunks.append(chunk)
        more = bool(message.get("more_body", False))
    return b"".join(chunks)


def _replaying(receive: Receive, body: bytes) -> Receive:
    sent = False

    async def receive_() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return receive_
