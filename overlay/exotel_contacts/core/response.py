"""The one place where answers and transport failures become exceptions, and where answers (and the
URLs in them) are parsed: whatever the server sends, the caller gets an
:class:`~exotel_contacts.ExotelError`, never a ``KeyError`` or ``TypeError`` from the generated models.
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus
from typing import Any, TypeVar
from urllib.parse import urljoin

import httpx

from exotel_contacts.base.exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ErrorFileExpiredError,
    ExotelError,
    InvalidResponseError,
    NotFoundError,
    OutcomeUnknownError,
    PayloadTooLargeError,
    PaymentRequiredError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
)
from exotel_contacts.base.json import Unreadable, decode_answer
from exotel_contacts.base.outcomes import MAY_HAVE_ACTED_ERRORS, MAY_HAVE_ACTED_STATUSES
from exotel_contacts.base.sanitize import clean

from .bodies import AnswerTooLarge
from .catalog import explain
from .model_check import first_mismatch
from .raw import request_id_in
from .retry import is_replay_safe, retry_after_of

__all__ = [
    "Redactor",
    "error_from_response",
    "error_from_transport",
    "parse_json",
    "parse_model",
    "server_url",
]

T = TypeVar("T")
Redactor = Callable[[str], str]

_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: PaymentRequiredError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    410: ErrorFileExpiredError,
    413: PayloadTooLargeError,
    415: BadRequestError,
    429: RateLimitError,
}
# Exotel codes that say more than the status they come with (1010 may arrive with 403 from proxies).
_BY_CODE: dict[int, type[APIStatusError]] = {
    1010: AuthenticationError,
    1003: PermissionDeniedError,
    1008: ConflictError,
}
_SNIPPET = 200
#: Longest server message (or string code) an error carries.
_MESSAGE_MAX = 500
_MAX_URL = 8192
_MAX_LABEL = 63
_MAX_HOST = 253


def _is_error_code(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 400


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _code(value: object) -> int | str | None:
    return value if isinstance(value, int | str) and not isinstance(value, bool) else None


def _no_redaction(text: str) -> str:
    return text


def _decode(response: httpx.Response) -> Any:
    """The answer's JSON (cleaned of control characters), or an :class:`Unreadable` with the reason."""
    try:
        return decode_answer(response.content)
    except Unreadable as unreadable:
        return unreadable


def _snippet(response: httpx.Response) -> str:
    text = response.content[:_SNIPPET].decode("utf-8", errors="replace")
    return " ".join(clean(text).split())


def _other_shapes(body: Any) -> tuple[int | str | None, str | None]:
    """(code, message) of the v1 ``RestException`` and voice-legs errors (docs/guides/rate-limits.md)."""
    if not isinstance(body, dict):
        return None, None
    rest = body.get("RestException")
    inner = body.get("response")
    found = rest if isinstance(rest, dict) else inner.get("error") if isinstance(inner, dict) else None
    if not isinstance(found, dict):
        return None, None
    code = _code(found.get("Code", found.get("code")))
    message = found.get("Message", found.get("message"))
    message = message[:_MESSAGE_MAX] if isinstance(message, str) and message.strip() else None
    return (code[:_MESSAGE_MAX] if isinstance(code, str) else code), message


def error_from_response(response: httpx.Response, *, redact: Redactor = _no_redaction) -> ExotelError:
    """The exception for an error answer (HTTP status, or the inner ``response.code`` of a 2xx envelope)."""
    body = _decode(response)
    inner = body.get("response") if isinstance(body, dict) else None
    inner = inner if isinstance(inner, dict) else {}
    status = response.status_code
    # A seen quirk: duplicates answered with HTTP/http_code 200 and inner response.code 409.
    if 200 <= status < 300 and _is_error_code(inner.get("code")):
        status = inner["code"]
    error_data = inner.get("error_data")
    error_data = error_data if isinstance(error_data, dict) else {}
    code = _code(error_data.get("code"))
    category = _text(error_data.get("message"))
    description = _text(error_data.get("description"))
    if code is None and category is None and description is None:
        code, description = _other_shapes(body)
    # Redact what the server echoes: a hostile or buggy proxy may reflect the Authorization header.
    request_id = request_id_in(response, redact)
    description = redact(description) if description is not None else None

    info = explain(code) if code is not None else None
    status_info = explain(status)
    how_to_fix = (info.how_to_fix if info else None) or (status_info.how_to_fix if status_info else None)
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Unknown status"
    detail = ": ".join(part for part in (category, description) if part)
    if not detail and isinstance(body, Unreadable) and response.content:
        detail = f"unreadable answer ({body.reason}): {_snippet(response)!r}"
    message = f"{status} {phrase}" + (f" (Exotel code {code})" if code is not None else "")
    message = redact(message + (f": {detail}" if detail else ""))
    common: dict[str, Any] = {
        "status_code": status,
        "code": code,
        "request_id": request_id,
        "how_to_fix": how_to_fix,
        "response": response,
    }

    cls: type[APIStatusError] | None = _BY_CODE.get(code) if isinstance(code, int) else None
    cls = cls or _BY_STATUS.get(status)
    if cls is RateLimitError:
        common["retry_after"] = retry_after_of(response)
    if cls is not None:
        return cls(message, description=description, **common)
    if status in MAY_HAVE_ACTED_STATUSES and not is_replay_safe(response.request):
        return OutcomeUnknownError(
            f"{message}. The request may or may not have taken effect and was not replayed, "
            "because replaying it could create duplicate contacts",
            **common,
        )
    if 500 <= status < 600:
        return ServerError(message, description=description, **common)
    if 400 <= status < 500:
        return APIStatusError(message, description=description, **common)
    return InvalidResponseError(f"Unexpected answer {message}", **common)


def error_from_transport(exc: httpx.HTTPError, *, redact: Redactor = _no_redaction) -> ExotelError:
    """The exception for a transport failure that the retries did not (or could not) overcome."""
    try:
        request: httpx.Request | None = exc.request
    except RuntimeError:
        request = None
    where = f"{request.method} {request.url.copy_with(query=None)}" if request is not None else "request"
    reason = redact(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
    if isinstance(exc, MAY_HAVE_ACTED_ERRORS) and request is not None and not is_replay_safe(request):
        return OutcomeUnknownError(
            f"{where} failed after it was sent ({reason}); it may or may not have taken effect and was not "
            "replayed, because replaying it could create duplicate contacts",
            how_to_fix="Check the account's state before sending it again",
        )
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(
            f"{where} timed out ({reason})",
            how_to_fix="Raise the timeout (timeout= or EXOTEL_TIMEOUT) or retry later",
        )
    if isinstance(exc, AnswerTooLarge):
        return InvalidResponseError(
            f"{where}: {exc}; nothing more was read",
            how_to_fix=f"If the answer is legitimate, raise {exc.setting} (EXOTEL_{exc.setting.upper()})",
        )
    if isinstance(exc, httpx.DecodingError):
        return InvalidResponseError(f"{where}: the answer could not be decoded ({reason})")
    return APIConnectionError(
        f"{where} could not reach Exotel ({reason})",
        how_to_fix="Check the network, proxy settings and base URL, then retry",
    )


def parse_json(response: httpx.Response, *, redact: Redactor = _no_redaction) -> dict[str, Any]:
    """The JSON object of a success answer; an error envelope (inner code >= 400) raises as an error."""
    if not 200 <= response.status_code < 300:
        raise error_from_response(response, redact=redact)
    body = _decode(response)
    if not isinstance(body, dict):
        why = f" ({body.reason})" if isinstance(body, Unreadable) else ""
        raise InvalidResponseError(
            redact(f"Expected a JSON object from Exotel{why}, got {_snippet(response)!r}"),
            status_code=response.status_code,
            request_id=request_id_in(response, redact),
            response=response,
        )
    inner = body.get("response")
    if isinstance(inner, dict) and _is_error_code(inner.get("code")):
        raise error_from_response(response, redact=redact)
    return body


def parse_model(
    response: httpx.Response,
    from_dict: Callable[[dict[str, Any]], T],
    *,
    redact: Redactor = _no_redaction,
) -> T:
    """Parse a success answer with a generated model's ``from_dict``; any failure is an ExotelError."""
    body = parse_json(response, redact=redact)
    try:
        model = from_dict(body)
        # The generated parsers hand back a raw value where a union does not parse (see _model_check).
        wrong = first_mismatch(model)
        if wrong is not None:
            raise TypeError(f"{wrong} is not what the spec documents")
    except Exception as exc:
        raise InvalidResponseError(
            redact(f"Exotel's answer does not have the documented shape ({type(exc).__name__}: {exc})"),
            status_code=response.status_code,
            request_id=request_id_in(response, redact),
            response=response,
        ) from exc
    return model


def _refuse(what: str, url: str, why: str) -> InvalidResponseError:
    # Without the query: a pre-signed URL's signature is a credential for the file.
    shown = url.split("?", 1)[0]
    shown = shown if len(shown) <= 200 else shown[:197] + "..."
    return InvalidResponseError(f"Exotel's {what} {clean(shown)!r} is not a usable URL ({why})")


def server_url(value: str, *, base: str, what: str) -> httpx.URL:
    """``value`` (absolute, or relative to ``base``) as an http(s) URL that httpx can send to; else
    :class:`InvalidResponseError` (never the ``ValueError``/``UnicodeError``/``InvalidURL`` of parsers)."""
    if len(value) > _MAX_URL:
        raise _refuse(what, value, f"longer than {_MAX_URL} characters")
    # U+FFFD is where the answer's decoding replaced a control character (see _sanitize).
    if any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or ch == "\ufffd" for ch in value):
        raise _refuse(what, value, "it contains control characters")
    try:
        url = httpx.URL(urljoin(base.rstrip("/") + "/", value))
        host = url.host
        # Encoding the host is where IDNA errors surface; do it now, not when connecting.
        raw_host = url.raw_host
    except (ValueError, UnicodeError, httpx.InvalidURL) as exc:
        raise _refuse(what, value, f"{type(exc).__name__}: {exc}") from None
    if url.scheme not in {"http", "https"}:
        raise _refuse(what, value, f"scheme {url.scheme!r} is not http or https")
    if not host:
        raise _refuse(what, value, "it has no host")
    labels = raw_host.rstrip(b".").split(b".")
    ipv6 = b":" in raw_host  # an IPv6 literal has no labels
    if not ipv6 and (len(raw_host) > _MAX_HOST or any(not 0 < len(label) <= _MAX_LABEL for label in labels)):
        raise _refuse(what, value, "its host name is not valid")
    return url
