"""Prism (an independent validator, pinned in package.json) proxies a realistic session to the mock.

`prism proxy openapi.yaml <mock> --errors` checks every request and every answer against the spec
and, with `--errors`, replaces any that breaks it with its own problem document. The session uses
the overlay client and raw requests: CCM uploads with bad rows, their errors and error file, a split
import, a Campaign CSV upload and its status, bulk create with valid, invalid and duplicate contacts,
401, 404 and 429. It fails on any violation Prism answers with or logs. Files stay far below the
10 MB Prism accepts.

Skipped only when node_modules is missing outside CI (`make setup` installs Prism); in CI it fails.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import exotel_contacts as ec
from exotel_contacts.importing import Limits
from exotel_contacts_mock.background import RunningMock, running_mock
from exotel_contacts_mock.config import Credentials, MockConfig

ROOT = Path(__file__).resolve().parents[2]
PRISM = ROOT / "node_modules" / ".bin" / "prism"
BURST = Credentials("burst", "burst-key", "burst-token", "burst-access")
# Per 10 s window and account: the demo account's session sends about 20 requests; a deliberate
# burst on its own account passes the limit however slow the machine.
RATE_LIMIT = 50
PROBLEM = "stoplight.io/prism/errors"
_REPORTED = re.compile(r"Violation|Request terminated with error|✖")

if not PRISM.exists():
    if os.environ.get("CI"):
        pytest.fail(f"{PRISM} is missing in CI: make setup installs it (npm ci)", pytrace=False)
    pytest.skip("node_modules/.bin/prism is missing: run make setup", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Prism:
    """`prism proxy` in a child process; its output is collected for the violations it reports."""

    def __init__(self, upstream: str) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.lines: list[str] = []
        self._ready = threading.Event()
        self.proc = subprocess.Popen(
            [
                str(PRISM),
                "proxy",
                "openapi.yaml",
                upstream,
                "--errors",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if not self._ready.wait(90):
            self.stop()
            raise RuntimeError("Prism did not start:\n" + "".join(self.lines))

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)
            if "Prism is listening" in line:
                self._ready.set()

    def reported(self) -> list[str]:
        """Log lines that report a violation or an answer Prism refused."""
        return [line.strip() for line in self.lines if _REPORTED.search(line)]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=15)
        self._reader.join(timeout=15)
        assert self.proc.stdout is not None
        self.proc.stdout.close()


class Recorder(httpx.HTTPTransport):
    """The client's transport, noting every answer that is Prism's problem document instead of the mock's."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if "problem+json" in response.headers.get("content-type", ""):
            response.read()
            self.problems.append(f"{request.method} {request.url.path}: {response.text}")
        return response


@pytest.fixture(scope="module")
def proxied() -> Iterator[tuple[RunningMock, Prism]]:
    config = MockConfig(
        processing_rate=2000, rate_limit=RATE_LIMIT, rate_window=10.0, extra_accounts=(BURST,)
    )
    with running_mock(config) as mock:
        prism = Prism(mock.base_url)
        try:
            yield mock, prism
        finally:
            prism.stop()


CCM_FILE = (
    b"phone_number,first_name,last_name,email,company,tag\n"
    b"+919876543210,John,Doe,john@example.com,Acme,premium\n"
    b"not-a-number,Bad,Row,,,\n"
    b"+919876543211,Jane,Smith,jos\xc3\xa9@example.com,Beta,\n"
    b"+919876543210,John,Again,,,\n"
    b"+919876543212,Bob,Wilson,bob@example.com,,\n"
)


def _session(mock: RunningMock, prism: Prism, tmp_path: Path) -> ec.ImportResult:
    recorder = Recorder()
    client = ec.Client(
        account_sid=mock.account_sid,
        api_key=mock.api_key,
        api_token=mock.api_token,
        ccm_base_url=prism.url,
        campaign_base_url=prism.url,
        rate_limit_per_minute=None,
        environ={},
        transport=recorder,
    )
    with client:
        # CCM: an upload with bad rows, its status until done, its errors and error file.
        status = client.upload_and_wait(CCM_FILE, timeout=30)
        assert (status.successful, status.failed, status.duplicates_skipped) == (2, 2, 1)
        errors = client.get_upload_errors(status.upload_id)
        assert errors.error_count == 3
        assert client.download_error_file(status.upload_id, tmp_path / "errors.csv")
        assert (tmp_path / "errors.csv").read_text().count("\n") == 4
        # A split import: three parts of at most 4 rows, invalid rows kept back locally.
        rows = [f"+9198100000{i:02d},N{i},,n{i}@example.com,," for i in range(10)] + ["12345,Bad,,,,"]
        source = tmp_path / "import.csv"
        source.write_text("phone_number,first_name,last_name,email,company,tag\n" + "\n".join(rows) + "\n")
        imported = client.import_contacts(source, limits=Limits(ccm_max_rows=4), wait=True, timeout=60)
        # Campaign: a CSV upload into a new list and its status until done.
        campaign = client.csv_upload_and_wait(
            b"number,first_name,email\n+919876543220,A,a@example.com\n+919876543221,B,b@b_c.com\nbad,C,\n",
            list_name="prism-list",
            timeout=30,
            raise_on_failure=False,
        )
        assert (campaign.stats.success, campaign.stats.failed) == (1, 2)
        # Bulk create: valid (with and without custom_field), invalid number, invalid email, duplicates.
        contacts = [
            {"number": "+919876543230", "email": "captain@email.com", "custom_field": {"key": {"k": "v"}}},
            {"number": "+919876543231", "first_name": "no custom field"},
            {"number": "123"},
            {"number": "+919876543232", "email": "josé@example.com"},
            {"number": "+919876543230"},
            {"number": "+919876543220"},
            # The corners of the EmailAddress rule, which Prism checks as `format: email` (ajv-formats).
            {"number": "+919876543233", "email": "o'brien+tag@mail.example.co.in"},
            {"number": "+919876543234", "email": "a!#$%&*/=?^_`{|}~-.b@x-1.b2.test"},
        ]
        bulk = client.create_contacts(contacts)
        assert [item.code for item in bulk.response] == [200, 200, 400, 400, 409, 409, 200, 200]
        assert bulk.response[1].data.custom_field is None
        # 404: an upload that does not exist, on both families.
        with pytest.raises(ec.NotFoundError):
            client.get_upload_status("upload_nope")
        with pytest.raises(ec.NotFoundError):
            client.get_csv_status("nope")
    assert recorder.problems == []
    return imported


def test_a_realistic_session_through_prism_has_no_violation(
    proxied: tuple[RunningMock, Prism], tmp_path: Path
) -> None:
    mock, prism = proxied
    imported = _session(mock, prism, tmp_path)
    assert len(imported.parts) == 3
    assert (imported.accepted, imported.failed) == (10, 1)
    with httpx.Client(base_url=prism.url, timeout=30) as raw:
        # 401: credentials Prism cannot judge (it checks only that they are there) reach the mock.
        wrong = raw.get("/v2/accounts/demo/contacts/upload/x", auth=("demo-key", "wrong"))
        assert wrong.status_code == 401
        assert wrong.json()["response"]["error_data"]["code"] == 1010
        bearer = raw.get("/v2/accounts/demo/contacts/upload/x", headers={"Authorization": "Bearer wrong"})
        assert bearer.status_code == 401
        # 429: a burst past the per-account limit; the answer carries Retry-After.
        burst = [
            raw.get("/v2/accounts/burst/csv-status/x", auth=(BURST.api_key, BURST.api_token))
            for _ in range(RATE_LIMIT + 5)
        ]
        statuses = [answer.status_code for answer in burst]
        assert set(statuses) <= {404, 429}, statuses
        limited = [answer for answer in burst if answer.status_code == 429]
        assert limited, statuses
        assert int(limited[0].headers["retry-after"]) >= 1
        assert limited[0].json()["response"]["error_data"]["code"] == 429
    time.sleep(0.5)  # Prism logs asynchronously
    assert prism.reported() == [], "\n".join(prism.reported())
    forwarded = sum("Forwarding" in line for line in prism.lines)
    assert forwarded >= 30, f"only {forwarded} requests went through Prism"
    assert mock.store.directory.contacts("demo"), "the session reached the mock"


def test_prism_catches_an_answer_outside_the_spec(proxied: tuple[RunningMock, Prism]) -> None:
    """The check can fail: an answer the spec does not allow is reported (then forgotten)."""
    mock, prism = proxied
    before = len(prism.lines)
    original = mock.store.ccm.upload

    def broken(account_sid: str, upload_id: str) -> dict | None:
        upload = original(account_sid, upload_id)
        return None if upload is None else {**upload, "total": "many"}

    uploaded = httpx.post(
        f"{mock.base_url}/v2/accounts/demo/contacts/upload",
        files={"file": ("a.csv", b"phone_number\n+919876543299\n")},
        auth=(mock.api_key, mock.api_token),
    ).json()["response"]["data"]["upload_id"]
    mock.store.ccm.upload = broken  # type: ignore[method-assign]
    try:
        answer = httpx.get(
            f"{prism.url}/v2/accounts/demo/contacts/upload/{uploaded}", auth=(mock.api_key, mock.api_token)
        )
    finally:
        del mock.store.ccm.upload
    assert answer.status_code == 500
    assert PROBLEM in answer.json()["type"]
    time.sleep(0.5)
    assert any(_REPORTED.search(line) for line in prism.lines[before:])
    del prism.lines[before:]
