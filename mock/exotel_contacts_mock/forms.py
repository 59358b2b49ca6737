"""Multipart bodies streamed once: parts to spooled temporary files, with the size limits applied.

Connexion's own multipart validator keeps every message of the body in memory and replays it to
the handler, which parses it again. This one parses while receiving (files larger than 1 MB spill
to disk), validates the plain fields against the spec's schema, hands the parsed form to the
handler through the ASGI scope, and replays an empty body.
"""

from __future__ import annotations

import copy
from collections.abc import AsyncGenerator, Callable
from typing import Any

from connexion.exceptions import BadRequestProblem
from connexion.validators import JSONRequestBodyValidator, MultiPartFormDataValidator
from starlette.datastructures import FormData, Headers, MutableHeaders, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.types import Message, Receive, Scope

from .envelope import MockError

__all__ = ["FORM_KEY", "JsonBodyValidator", "form_validator", "parsed_form"]

FORM_KEY = "exotel_mock.form"
_OVERHEAD = 64 * 1024  # multipart boundaries and the small fields around the file


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
            if not int(headers.get("content-length", "1") or "1") and self._required:
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

            parser = MultiPartParser(headers, stream(), max_files=10, max_fields=100, max_part_size=limit)
            try:
                form = await parser.parse()
            except (MultiPartException, ValueError, KeyError) as exc:
                if too_large:
                    raise MockError(413, f"The file is larger than {limit - _OVERHEAD} bytes") from None
                raise BadRequestProblem(detail=f"Malformed multipart body: {exc}") from None
            files = [value for _, value in form.multi_items() if isinstance(value, UploadFile)]
            if too_large or any((upload.size or 0) > limit - _OVERHEAD for upload in files):
                # A part cut off by the limit never reaches the form, so form.close() misses its spool
                # file; starlette keeps every spool it opened in this list.
                for spool in getattr(parser, "_files_to_close_on_error", ()):
                    spool.close()
                await form.close()
                raise MockError(413, f"The file is larger than {limit - _OVERHEAD} bytes")
            try:
                self._validate(self._as_validation_dict(form))
            except Exception:
                await form.close()
                raise
            scope.setdefault("extensions", {})[FORM_KEY] = form
            return _empty_receive(receive), _without_body(scope)

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


def _empty_receive(receive: Receive) -> Receive:
    sent = False

    async def receive_() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": b"", "more_body": False}
        return await receive()

    return receive_


def _without_body(scope: Scope) -> Scope:
    new_scope = dict(scope)
    new_scope["headers"] = copy.copy(scope["headers"])
    MutableHeaders(scope=new_scope)["content-length"] = "0"
    return new_scope


class JsonBodyValidator(JSONRequestBodyValidator):  # type: ignore[misc]
    """Connexion's JSON validator, with a body that is not UTF-8 answered 400 instead of 500."""

    async def _parse(self, stream: AsyncGenerator[bytes, None], scope: Scope) -> Any:
        try:
            return await super()._parse(stream, scope)
        except UnicodeDecodeError:
            raise BadRequestProblem(detail="Invalid request body: not UTF-8 JSON") from None
