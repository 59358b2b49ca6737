"""Throw-away ``redis-server`` processes (Debian's package) on a free loopback port: the one place tests
and benchmarks start Redis.

:func:`running_redis` is a server for one block, persisting nothing. :class:`RedisProcess` can be stopped
and started again on the same port keeping its data: it runs with ``appendonly yes`` and
``appendfsync always`` (each step on disk before Redis answers), which the journal's guarantees assume.
With ``tls=True`` it listens with TLS only, on a certificate signed by a CA made for the test.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

__all__ = ["RedisProcess", "RedisServerMissingError", "make_ca", "redis_server_binary", "running_redis"]

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


def make_ca(folder: Path) -> tuple[Path, Path, Path]:
    """A throw-away CA and a server certificate for 127.0.0.1 and localhost (openssl, Debian's
    ``openssl`` package): the (ca, cert, key) PEM files."""
    ca, ca_key = folder / "ca.pem", folder / "ca.key"
    cert, key, csr, ext = folder / "server.pem", folder / "server.key", folder / "server.csr", folder / "ext"
    ext.write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=critical,CA:FALSE\n")
    curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    commands = [
        ["openssl", "req", "-x509", *curve, "-keyout", ca_key, "-out", ca, "-days", "1",
         "-subj", "/CN=exotel-contacts test CA",
         "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
        ["openssl", "req", *curve, "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1"],
        ["openssl", "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial",
         "-out", cert, "-days", "1", "-extfile", ext],
    ]  # fmt: skip
    for command in commands:
        subprocess.run([str(part) for part in command], check=True, capture_output=True, timeout=60)
    return ca, cert, key


class RedisProcess:
    """``start()``, ``stop()`` (SIGTERM: it writes its AOF and exits), ``start()`` again: same port, same
    data (unless ``persist=False``)."""

    def __init__(self, *, tls: bool = False, password: str | None = None, persist: bool = True) -> None:
        binary = redis_server_binary()
        if binary is None:
            raise RedisServerMissingError(
                "redis-server is not installed: apt-get install redis-server (make test does it when missing)"
            )
        self.port = _free_port()
        self.workdir = Path(tempfile.mkdtemp(prefix="exotel-redis-"))
        self.tls = tls
        self.password = password
        self.ca: Path | None = None
        self._args = [
            binary,
            "--bind", "127.0.0.1",
            "--dir", str(self.workdir),
            "--save", "",
            "--appendonly", "yes" if persist else "no",
            "--appendfsync", "always",
            "--daemonize", "no",
            "--loglevel", "warning",
        ]  # fmt: skip
        if password is not None:
            self._args += ["--requirepass", password]
        if tls:
            self.ca, cert, key = make_ca(self.workdir)
            self._args += ["--port", "0", "--tls-port", str(self.port)]
            self._args += ["--tls-cert-file", str(cert), "--tls-key-file", str(key)]
            self._args += ["--tls-ca-cert-file", str(self.ca), "--tls-auth-clients", "no"]
        else:
            self._args += ["--port", str(self.port)]
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The URL to give the client (``rediss://`` with TLS; the CA goes in ``redis_ca_bundle``)."""
        scheme = "rediss" if self.tls else "redis"
        auth = f":{self.password}@" if self.password is not None else ""
        return f"{scheme}://{auth}127.0.0.1:{self.port}/0"

    def _ping(self, sock: socket.socket) -> bool:
        if self.password is not None:
            sock.sendall(f"AUTH {self.password}\r\n".encode())
            if not sock.recv(64).startswith(b"+OK"):
                return False
        sock.sendall(b"PING\r\n")
        return sock.recv(64).startswith(b"+PONG")

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as raw:
                if not self.tls:
                    return self._ping(raw)
                context = ssl.create_default_context(cafile=str(self.ca))
                with context.wrap_socket(raw, server_hostname="127.0.0.1") as sock:
                    return self._ping(sock)
        except (OSError, ssl.SSLError):
            return False

    def start(self) -> None:
        """Start the server and wait until it answers (its AOF loaded)."""
        self.process = subprocess.Popen(self._args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + STARTUP_SECONDS
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                err = self.process.stderr.read().decode(errors="replace") if self.process.stderr else ""
                self.stop()
                raise RuntimeError(f"redis-server did not start on port {self.port}: {err[-800:]}")
            time.sleep(0.02)

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 5 s)."""
        process, self.process = self.process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()

    def close(self) -> None:
        """Stop it and remove its folder."""
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> RedisProcess:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextlib.contextmanager
def running_redis(*, password: str | None = None) -> Iterator[str]:
    """Yield the ``redis://`` URL of a fresh redis-server that persists nothing (``password`` required,
    if given)."""
    with RedisProcess(password=password, persist=False) as server:
        yield server.url
