"""Start a throw-away ``redis-server`` (Debian's package) on a free loopback port, and stop it.

The shared-quota tests and benchmarks need a real Redis; this is the one place that starts it. Nothing
is persisted (no RDB, no AOF), and the server's working folder is a temporary one removed afterwards.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator

__all__ = ["RedisServerMissingError", "redis_server_binary", "running_redis"]

STARTUP_SECONDS = 10.0


class RedisServerMissingError(RuntimeError):
    """No ``redis-server`` on PATH (``make test`` installs Debian's ``redis-server`` when missing)."""


def redis_server_binary() -> str | None:
    """The path of ``redis-server``, or None."""
    return shutil.which("redis-server")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _answers(port: int, password: str | None) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            if password is not None:
                sock.sendall(f"AUTH {password}\r\n".encode())
                if not sock.recv(64).startswith(b"+OK"):
                    return False
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


@contextlib.contextmanager
def running_redis(*, password: str | None = None) -> Iterator[str]:
    """Yield the ``redis://`` URL of a fresh redis-server (with ``password`` required, if given)."""
    binary = redis_server_binary()
    if binary is None:
        raise RedisServerMissingError(
            "redis-server is not installed: apt-get install redis-server (make test does it when missing)"
        )
    port = _free_port()
    workdir = tempfile.mkdtemp(prefix="exotel-redis-")
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    args += ["--dir", workdir, "--daemonize", "no", "--loglevel", "warning"]
    if password is not None:
        args += ["--requirepass", password]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _answers(port, password):
            if process.poll() is not None or time.monotonic() > deadline:
                err = process.stderr.read().decode(errors="replace") if process.stderr else ""
                raise RuntimeError(f"redis-server did not start on port {port}: {err[-500:]}")
            time.sleep(0.02)
        auth = f":{password}@" if password is not None else ""
        yield f"redis://{auth}127.0.0.1:{port}/0"
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()
        shutil.rmtree(workdir, ignore_errors=True)
