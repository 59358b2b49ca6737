"""uvicorn's HTTP/1.1 protocol, with requests it cannot parse answered in the Exotel envelope.

A request whose framing is broken (`Content-Length` together with `Transfer-Encoding`, a
`Content-Length` of `-1` or `abc`, two different lengths, a request line that is not HTTP) never
reaches the application: uvicorn's parser rejects it and uvicorn writes a plain-text 400 itself.
Both of uvicorn's protocols (httptools and h11) send that answer from one method,
`send_400_response`; the subclasses here send the same 400 as an envelope (`error_data.code`
1007) instead, still closing the connection, since after a framing error the rest of the stream
cannot be trusted.
"""

from __future__ import annotations

import asyncio
import json

from uvicorn.protocols.http.h11_impl import H11Protocol

from .envelope import error_body

__all__ = ["MALFORMED_REQUEST", "http_protocol"]

MALFORMED_REQUEST = (
    "The request is not valid HTTP/1.1 and was not read: check the request line and headers "
    "(send Content-Length or Transfer-Encoding, not both; a length is digits only; header values "
    "hold no control characters)"
)


def _send_400(transport: asyncio.Transport, default_headers: list[tuple[bytes, bytes]], method: str) -> None:
    body = error_body(method, 400, 1007, MALFORMED_REQUEST)
    if not method:
        del body["method"]  # the request line itself was unreadable
    content = json.dumps(body).encode()
    head = [b"HTTP/1.1 400 Bad Request\r\n"]
    head += [name + b": " + value + b"\r\n" for name, value in default_headers]
    head += [
        b"content-type: application/json\r\n",
        b"content-length: " + str(len(content)).encode() + b"\r\n",
        b"connection: close\r\n\r\n",
    ]
    transport.write(b"".join(head) + content)
    transport.close()


class EnvelopeH11Protocol(H11Protocol):
    """h11, answering unparseable requests in the envelope."""

    def send_400_response(self, msg: str) -> None:
        scope = getattr(self, "scope", None) or {}
        _send_400(self.transport, self.server_state.default_headers, str(scope.get("method", "")))


def http_protocol() -> type[asyncio.Protocol]:
    """The protocol class to serve with: httptools when installed (as uvicorn's "auto"), else h11."""
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol  # noqa: PLC0415
    except ImportError:
        return EnvelopeH11Protocol

    class EnvelopeHttpToolsProtocol(HttpToolsProtocol):
        """httptools, answering unparseable requests in the envelope."""

        def send_400_response(self, msg: str) -> None:
            scope = getattr(self, "scope", None) or {}
            _send_400(self.transport, self.server_state.default_headers, str(scope.get("method", "")))

    return EnvelopeHttpToolsProtocol
