"""Loopback servers for the network tests: an answering HTTP(S) server and a forwarding HTTP proxy.

``AnswerServer`` answers every GET with an upload-status envelope (over TLS when given an
``ssl.SSLContext``, from a test CA made by trustme). ``ForwardProxy`` is an HTTP proxy as corporate
egress proxies are: ``CONNECT host:port`` opens a tunnel (HTTPS), an absolute-form request
(``GET http://host/...``) is forwarded (plain HTTP); it records each request line and its
``Proxy-Authorization`` header. Nothing leaves the machine.
"""

from __future__ import annotations

import json
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

STATUS = {
    "request_id": "req_net_1",
    "method": "GET",
    "http_code": 200,
    "response": {
        "code": 200,
        "status": "success",
        "error_data": None,
        "data": {
            "upload_id": "up_1",
            "status": "completed",
            "total_records": 1,
            "successful": 1,
            "failed": 0,
            "duplicates_skipped": 0,
        },
    },
}


class _Answer(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        server: Any = self.server
        server.paths.append(urlsplit(self.path).path)
        body = json.dumps(STATUS).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.send_header("x-request-id", "req_net_1")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a refused TLS handshake is what some tests are about


@contextmanager
def answer_server(tls: ssl.SSLContext | None = None) -> Iterator[Any]:
    """A server answering upload status on 127.0.0.1 (``.url``, ``.paths``); TLS with ``tls``."""
    server: Any = _Server(("127.0.0.1", 0), _Answer)
    server.paths = []
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    port = server.server_address[1]
    server.url = f"{'https' if tls else 'http'}://localhost:{port}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _pipe(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (source, target):
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class ForwardProxy:
    """A threaded HTTP proxy on 127.0.0.1 (``.url``); ``.lines`` and ``.auth`` record what it was asked."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.auth: list[str | None] = []
        self._open: list[socket.socket] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def __enter__(self) -> ForwardProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._listener.close()
        for conn in self._open:  # a client that keeps its connection alive is cut off here
            with suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = conn.recv(65536)
            if not chunk:
                conn.close()
                return
            head += chunk
        header_bytes, _, rest = head.partition(b"\r\n\r\n")
        lines = header_bytes.decode("latin-1").split("\r\n")
        method, target, _version = lines[0].split(" ", 2)
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        self.lines.append(f"{method} {target}")
        self._open.append(conn)
        self.auth.append(headers.get("proxy-authorization"))
        if method == "CONNECT":
            host, _, port = target.rpartition(":")
            upstream = socket.create_connection((host, int(port)), timeout=10)
            conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        else:
            # Absolute-form: the first request goes on in origin-form, as proxies send it; the
            # connection's later bytes are relayed as they are (the tests send one request each).
            parts = urlsplit(target)
            upstream = socket.create_connection((parts.hostname or "", parts.port or 80), timeout=10)
            origin = parts.path + (f"?{parts.query}" if parts.query else "")
            others = head.partition(b"\r\n")[2]
            upstream.sendall(f"{method} {origin} {_version}".encode("latin-1") + b"\r\n" + others)
            rest = b""
        if rest:
            upstream.sendall(rest)
        back = threading.Thread(target=_pipe, args=(upstream, conn), daemon=True)
        back.start()
        _pipe(conn, upstream)
        back.join(timeout=10)
        upstream.close()
        conn.close()
