"""Serve the mock with uvicorn."""

from __future__ import annotations

import socket

import uvicorn

from .app import create_app
from .config import MockConfig

__all__ = ["bind_socket", "make_server", "serve"]


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket (port 0: a free one)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    return sock


def make_server(config: MockConfig, *, log_level: str = "info") -> tuple[uvicorn.Server, object]:
    """A uvicorn server over a new app; returns (server, app)."""
    app = create_app(config)
    server = uvicorn.Server(uvicorn.Config(app, log_level=log_level, lifespan="on"))
    return server, app


def serve(config: MockConfig, host: str, port: int) -> None:
    """Serve both API families on one port until interrupted; prints the base URL first."""
    sock = bind_socket(host, port)
    server, app = make_server(config)
    print(f"Exotel contacts mock listening on http://{host}:{sock.getsockname()[1]}", flush=True)
    try:
        server.run(sockets=[sock])
    finally:
        app.close()  # type: ignore[attr-defined]
