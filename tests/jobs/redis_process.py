"""A redis-server that a test can stop and start again on the same port, keeping its data (AOF).

The journal's guarantees in Redis hold with ``appendonly yes`` and ``appendfsync always`` (each step on
disk before Redis answers), which is how this server runs; a restart then keeps every journal step.
With ``tls=True`` it listens with TLS only, on a certificate signed by a CA made for the test.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from pathlib import Path

__all__ = ["RedisProcess", "make_ca"]

STARTUP_SECONDS = 10.0


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
    """``start()``, ``stop()`` (SIGTERM: it writes its AOF and exits), ``start()`` again: same port, same data."""

    def __init__(self, *, tls: bool = False) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not installed (make test installs Debian's package)")
        self.binary = binary
        self.port = _free_port()
        self.workdir = Path(tempfile.mkdtemp(prefix="exotel-redis-restart-"))
        self.tls = tls
        self.ca: Path | None = None
        self._args = [
            binary,
            "--bind", "127.0.0.1",
            "--dir", str(self.workdir),
            "--save", "",
            "--appendonly", "yes",
            "--appendfsync", "always",
            "--daemonize", "no",
            "--loglevel", "warning",
        ]  # fmt: skip
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
        return f"{scheme}://127.0.0.1:{self.port}/0"

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as raw:
                if not self.tls:
                    raw.sendall(b"PING\r\n")
                    return raw.recv(64).startswith(b"+PONG")
                context = ssl.create_default_context(cafile=str(self.ca))
                with context.wrap_socket(raw, server_hostname="127.0.0.1") as sock:
                    sock.sendall(b"PING\r\n")
                    return sock.recv(64).startswith(b"+PONG")
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
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
