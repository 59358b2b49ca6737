"""Peak memory of ``download_error_file`` on a large error file: it must stream, not hold the file.

A local HTTP server answers the errors call and serves an error CSV of ``--megabytes`` MB, generated as
it is sent. Two child processes run the same client against it: the baseline asks for the errors only;
the measured one also downloads the file to disk. The figure is how much more peak RSS the download
took; the ratio divides it by the file's size (a client that reads the file into memory scores >= 1,
one that streams it scores near 0). Target: at most 0.05 (a 5% of the file's size allowance covers the
interpreter's own noise on small files; on 700 MB it is far under).

    python benchmarks/bench_download.py [--megabytes 300] [--quick]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

_LINE = b"1,+919876543210,First,Last,INVALID_PHONE,the number is not a phone number\n"
_CHILD = """
import resource, sys, exotel_contacts
url, dest, download = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
options = {"account_sid": "acct", "api_key": "bench-key", "api_token": "bench-token-0123"}
with exotel_contacts.Client(ccm_base_url=url, rate_limit_per_minute=None, environ={}, **options) as client:
    client.get_upload_errors("up_1")
    if download:
        assert client.download_error_file("up_1", dest)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _server(size: int) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path.endswith("/errors"):
                host, port = self.server.server_address[:2]
                data = {
                    "upload_id": "up_1",
                    "error_count": 1,
                    "errors": [],
                    "error_file_url": f"http://{host!s}:{port}/files/up_1.csv",
                }
                body = json.dumps(
                    {
                        "request_id": "r",
                        "http_code": 200,
                        "method": "GET",
                        "response": {"code": 200, "status": "success", "data": data},
                    }
                )
                raw = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            block = _LINE * (65536 // len(_LINE))
            left = size
            while left > 0:
                piece = block[:left]
                self.wfile.write(piece)
                left -= len(piece)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _peak_kb(url: str, dest: Path, download: bool) -> int:
    done = subprocess.run(  # noqa: S603 - this interpreter, this script's own child code
        [sys.executable, "-c", _CHILD, url, str(dest), "1" if download else "0"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"the child failed:\n{done.stderr}")
    return int(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=int, default=300)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    megabytes = 50 if args.quick else args.megabytes
    size = megabytes * 1024 * 1024
    server = _server(size)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp) / "errors.csv"
        base = _peak_kb(url, dest, download=False)
        peak = _peak_kb(url, dest, download=True)
        if dest.stat().st_size != size:
            sys.exit(f"the download wrote {dest.stat().st_size} bytes of {size}")
    server.shutdown()
    growth_mb = max(0, peak - base) / 1024
    ratio = growth_mb / megabytes
    row = {
        "name": f"download_error_file peak RSS growth, {megabytes} MB file",
        "figure": f"{growth_mb:.1f} MB",
        "baseline": f"{base / 1024:.1f} MB peak without the download; file {megabytes} MB",
        "ratio": round(ratio, 4),
        "target": "<= 0.05 of the file's size",
        "met": ratio <= 0.05,
        "spread": "one run per process (peak RSS is not noisy at this scale)",
        "command": f".venv/bin/python benchmarks/bench_download.py --megabytes {megabytes}",
    }
    print(json.dumps({"rows": [row], "peak_kb": peak, "base_kb": base}))


if __name__ == "__main__":
    main()
