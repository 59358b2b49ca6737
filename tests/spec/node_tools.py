"""The pinned Node tools (node_modules/.bin) that spec tests run, and a way to serve one on a free port."""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / "node_modules" / ".bin"

__all__ = ["BIN", "ROOT", "free_port", "needs", "serve"]


def needs(tool: str) -> pytest.MarkDecorator:
    """Skip unless ``node_modules/.bin/<tool>`` is installed (``make setup`` installs it)."""
    return pytest.mark.skipif(not (BIN / tool).exists(), reason=f"{tool} not installed; run make setup")


def free_port() -> int:
    """A loopback port that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


# Looked up in the parent, so that the forked child only makes the system call.
_PRCTL = ctypes.CDLL(None).prctl if sys.platform == "linux" else None


def _die_with_parent() -> None:
    """In the child: get SIGTERM when the test process dies, even killed (Linux's PR_SET_PDEATHSIG)."""
    if _PRCTL is not None:
        _PRCTL(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


@contextmanager
def serve(cmd: list[str], probe: str, *, timeout: float = 60.0) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``cmd`` (a server) in its own process group until the block ends; wait until ``probe`` answers."""
    log = open(os.devnull, "wb")  # noqa: SIM115 - closed in finally
    # A server left behind by a killed test run would hold its port and CPU: it dies with this process.
    process = subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=_die_with_parent,  # noqa: PLW1509 - only a system call, no locks taken in the child
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited with {process.returncode} before answering")
            try:
                httpx.get(probe, timeout=1.0)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{cmd[0]} did not answer {probe} within {timeout} s") from None
                time.sleep(0.1)
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        log.close()
