"""Serve the mock in a background thread on a free loopback port (tests, benchmarks, the demo)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn

from .app import MockApp, create_app
from .config import MockConfig
from .server import bind_socket, uvicorn_config
from .store import Store

__all__ = ["RunningMock", "running_mock"]


@dataclass(frozen=True)
class RunningMock:
    """A mock being served: where it is, the demo account's credentials, and its state."""

    base_url: str
    account_sid: str
    api_key: str
    api_token: str
    access_token: str
    store: Store
    config: MockConfig
    app: MockApp


@contextmanager
def running_mock(config: MockConfig | None = None) -> Iterator[RunningMock]:
    """Serve a new mock (default: instant processing, otherwise Exotel's limits) until the block ends."""
    config = config or MockConfig(processing_rate=0)
    app = create_app(config)
    sock = bind_socket("127.0.0.1", 0)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn_config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the mock server did not start")
        time.sleep(0.01)
    try:
        yield RunningMock(
            base_url=f"http://127.0.0.1:{port}",
            account_sid=config.account_sid,
            api_key=config.api_key,
            api_token=config.api_token,
            access_token=config.access_token,
            store=app.store,
            config=config,
            app=app,
        )
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        app.close()
