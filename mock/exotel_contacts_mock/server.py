"""Serve the mock with uvicorn."""

from __future__ import annotations

import socket

import uvicorn

from .app import MockApp, create_app
from .config import MockConfig
from .protocol import http_protocol

__all__ = ["bind_socket", "make_server", "serve", "uvicorn_config"]


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket (port 0: a free one)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    return sock


def uvicorn_config(app: MockApp, *, log_level: str) -> uvicorn.Config:
    """How every server of the mock runs `app` (framing errors answered in the envelope)."""
    return uvicorn.Config(app, log_level=log_level, lifespan="on", http=http_protocol())


def make_server(config: MockConfig, *, log_level: str = "info") -> tuple[uvicorn.Server, MockApp]:
    """A uvicorn server over a new app; returns (server, app)."""
    app = create_app(config)
    return uvicorn.Server(uvicorn_config(app, log_level=log_level)), app


def serve(config: MockConfig, host: str, port: int) -> None:
    """Serve both API families on one port until interrupted; prints the base URL first.

    Raises `StoreError` (before listening) when the `--db` file cannot be used.
    """
    server, app = make_server(config)
    try:
        sock = bind_socket(host, port)
        print(f"Exotel contacts mock listening on http://{host}:{sock.getsockname()[1]}", flush=True)
        server.run(sockets=[sock])
    finally:
        app.close()
