"""Raw answers: the request id of any typed result, and ``client.with_raw_response.<operation>(...)``.

Both hang on the client's one send funnel, which calls :func:`sending` and :func:`answered`. A raw call
is for ONE request: the view refuses the workflows that send many, and a second request raises.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import inspect
import json
import threading
import weakref
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

import attrs
import httpx

__all__ = [
    "NOT_SINGLE_REQUESTS",
    "RawResponse",
    "RawView",
    "answered",
    "remember",
    "request_id_in",
    "request_id_of",
    "sending",
]

T = TypeVar("T")

#: Client methods that send several requests (or none): no single raw answer to give.
NOT_SINGLE_REQUESTS = frozenset(
    {
        "close",
        "with_options",
        "with_raw_response",
        "wait_for_upload",
        "upload_and_wait",
        "wait_for_csv_upload",
        "csv_upload_and_wait",
        "create_contacts_bulk",
        "import_contacts",
        "download_error_file",
        "iter_contacts",
        "iter_lists",
        "iter_list_contacts",
        "find_list",
        "add_to_list",
        "sync_list",
    }
)
_SCAN = 4096  # the envelope's request_id comes first; a 207 answer of 5000 items is not read for it


def request_id_in(response: httpx.Response, redact: Callable[[str], str]) -> str | None:
    """The answer's request id, redacted: its ``X-Request-Id`` header, else the envelope's ``request_id``
    (the header wins when both are there: it is read without touching the body)."""
    header = response.headers.get("x-request-id")
    if header:
        return redact(str(header))
    head = response.content[:_SCAN]
    at = head.find(b'"request_id"')
    colon = head.find(b":", at + len(b'"request_id"')) if at >= 0 else -1
    if colon < 0:
        return None
    try:
        value, _ = json.JSONDecoder().raw_decode(head[colon + 1 :].decode("utf-8", "replace").lstrip())
    except ValueError:
        return None
    return redact(value) if isinstance(value, str) else None


@attrs.frozen
class RawResponse(Generic[T]):
    """One operation's answer as it came: status, headers, request id, and the typed result."""

    http_response: httpx.Response = attrs.field(repr=False)
    _parsed: T = attrs.field(repr=False, alias="parsed")
    request_id: str | None
    attempts: int

    @property
    def status_code(self) -> int:
        """The answer's HTTP status."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The answer's headers."""
        return self.http_response.headers

    def parse(self) -> T:
        """The typed result the operation returns without ``with_raw_response``."""
        return self._parsed


# ---- the typed results' request ids ------------------------------------------------------------
_ids: dict[int, tuple[weakref.ref[Any], str]] = {}
_ids_lock = threading.Lock()


def _forget(key: int, ref: weakref.ref[Any]) -> None:
    with _ids_lock:
        if key in _ids and _ids[key][0] is ref:
            del _ids[key]


def remember(result: object, response: httpx.Response, redact: Callable[[str], str]) -> None:
    """Note ``result``'s request id (nothing for results that cannot be weakly referenced: lists, None)."""
    found = request_id_in(response, redact)
    if found is None:
        return
    key = id(result)
    try:
        ref = weakref.ref(result, lambda r: _forget(key, r))
    except TypeError:
        return
    with _ids_lock:
        _ids[key] = (ref, found)


def request_id_of(result: object) -> str | None:
    """The request id of the answer ``result`` was parsed from (``None`` if unknown)."""
    with _ids_lock:
        entry = _ids.get(id(result))
    if entry is None or entry[0]() is not result:
        return None
    return entry[1]


# ---- the raw view ---------------------------------------------------------------------------
class _Capture:
    def __init__(self) -> None:
        self.response: httpx.Response | None = None
        self.attempts = 1


_capture: contextvars.ContextVar[_Capture | None] = contextvars.ContextVar("exotel_raw_capture", default=None)


def sending() -> None:
    """Called by the funnel before each request: a raw call takes one request, not two."""
    capture = _capture.get()
    if capture is not None and capture.response is not None:
        raise TypeError("with_raw_response is for operations of one request; this call sends several")


def answered(response: httpx.Response, attempts: int) -> None:
    """Called by the funnel with each answer: a raw call keeps it."""
    capture = _capture.get()
    if capture is not None:
        capture.response = response
        capture.attempts = attempts


@contextlib.contextmanager
def _capturing() -> Iterator[_Capture]:
    capture = _Capture()
    token = _capture.set(capture)
    try:
        yield capture
    finally:
        _capture.reset(token)


def _raw(capture: _Capture, result: Any, redact: Callable[[str], str]) -> RawResponse[Any]:
    if capture.response is None:
        raise TypeError("with_raw_response: the call sent no request")
    return RawResponse(
        http_response=capture.response,
        parsed=result,
        request_id=request_id_in(capture.response, redact),
        attempts=capture.attempts,
    )


class RawView:
    """``client.with_raw_response``: each operation method, returning a :class:`RawResponse`."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<raw answers of {self._client!r}>"

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_") or name in NOT_SINGLE_REQUESTS:
            raise AttributeError(f"with_raw_response has no {name!r}: it gives the operations of one request")
        method = getattr(self._client, name)
        if not callable(method):
            raise AttributeError(f"{name!r} is not an operation")
        redact = self._client._config.redact
        if inspect.iscoroutinefunction(method):

            @functools.wraps(method)
            async def call_async(*args: Any, **kwargs: Any) -> RawResponse[Any]:
                with _capturing() as capture:
                    result = await method(*args, **kwargs)
                return _raw(capture, result, redact)

            return call_async

        @functools.wraps(method)
        def call(*args: Any, **kwargs: Any) -> RawResponse[Any]:
            with _capturing() as capture:
                result = method(*args, **kwargs)
            return _raw(capture, result, redact)

        return call
