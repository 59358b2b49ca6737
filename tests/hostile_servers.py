"""Tiny hostile HTTP servers on loopback, each in a thread: they trickle, stall, flood, bomb and lie.

``HostileServer(answer)`` accepts connections and, for each request, calls ``answer(request, conn)``
with the parsed request and the socket; the helpers below write typical hostile answers. The server
records every request it read, and how many body bytes each answer managed to send before the client
hung up (``sent``), so that a test can tell that the client stopped reading.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


Answer = Callable[[RawRequest, socket.socket], None]


@dataclass
class HostileServer:
    """A loopback HTTP/1.1 server whose every answer is scripted by ``answer``."""

    answer: Answer
    requests: list[RawRequest] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self._threads: list[threading.Thread] = []
        self._accepting = threading.Thread(target=self._accept, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._listener.getsockname()[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> HostileServer:
        self._accepting.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self._accepting.join(5)
        for thread in self._threads:
            thread.join(5)
        self._listener.close()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        with conn, contextlib.suppress(OSError):
            buffer = b""
            while not self.stop.is_set():
                while b"\r\n\r\n" not in buffer:
                    data = conn.recv(65536)
                    if not data:
                        return
                    buffer += data
                head, buffer = buffer.split(b"\r\n\r\n", 1)
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                headers = {
                    k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])
                }
                length = int(headers.get("content-length", "0"))
                while len(buffer) < length:
                    data = conn.recv(65536)
                    if not data:
                        return
                    buffer += data
                body, buffer = buffer[:length], buffer[length:]
                request = RawRequest(method, path, headers, body)
                self.requests.append(request)
                self.answer(request, conn)

    def count(self, method: str, path_part: str = "") -> int:
        return sum(1 for r in self.requests if r.method == method and path_part in r.path)


def head(status: int = 200, length: int | None = None, **headers: str) -> bytes:
    """A status line and headers (``Content-Length`` when ``length`` is given)."""
    lines = [f"HTTP/1.1 {status} X"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    lines += [f"{k.replace('_', '-')}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def json_answer(body: Any, status: int = 200, **headers: str) -> Answer:
    """Always the same JSON document (``bytes`` are sent as they are)."""
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()

    def answer(request: RawRequest, conn: socket.socket) -> None:
        conn.sendall(head(status, len(raw), Content_Type="application/json", **headers) + raw)

    return answer


def trickle(server_stop: threading.Event, body: bytes = b'{"x": 1}' * 1000, every: float = 0.05) -> Answer:
    """Headers at once, then one byte every ``every`` seconds: no single read ever times out."""

    def answer(request: RawRequest, conn: socket.socket) -> None:
        conn.sendall(head(200, len(body), Content_Type="application/json"))
        for byte in body:
            if server_stop.is_set():
                return
            conn.sendall(bytes([byte]))
            time.sleep(every)

    return answer


def stall(server_stop: threading.Event) -> Answer:
    """Reads the request and never answers (until the client gives up or the server stops)."""

    def answer(request: RawRequest, conn: socket.socket) -> None:
        conn.settimeout(0.05)
        while not server_stop.is_set():
            try:
                if not conn.recv(1):
                    return
            except TimeoutError:
                continue

    return answer


def flood(server: HostileServer, chunk: bytes = b" " * 65536, *, gzip_it: bool = False) -> Answer:
    """An endless body (whitespace: still valid JSON padding) until the client hangs up."""
    payload = gzip.compress(chunk * 64) if gzip_it else chunk

    def answer(request: RawRequest, conn: socket.socket) -> None:
        extra = {"Content_Encoding": "gzip"} if gzip_it else {}
        conn.sendall(head(200, 1 << 40, Content_Type="application/json", **extra))
        sent = 0
        try:
            while not server.stop.is_set():
                conn.sendall(payload)
                sent += len(payload)
        finally:
            server.sent.append(sent)

    return answer


def gzip_bomb(decoded_bytes: int) -> bytes:
    """A gzip body that inflates to ``decoded_bytes`` spaces (about 1000:1)."""
    return gzip.compress(b" " * decoded_bytes, compresslevel=9)


@contextlib.contextmanager
def serving(answer_of: Callable[[HostileServer], Answer]) -> Iterator[HostileServer]:
    """A server whose answer is built from the server itself (for answers that watch ``stop``)."""
    server = HostileServer(lambda r, c: None)
    server.answer = answer_of(server)
    with server:
        yield server
