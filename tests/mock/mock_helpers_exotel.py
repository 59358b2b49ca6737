"""Helpers shared by the mock's behaviour tests."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import httpx

SAMPLE = (
    b"phone_number,first_name,last_name,email,company,tag\n"
    b"+919876543210,John,Doe,john@example.com,Acme Inc,premium\n"
    b"+919876543211,Jane,Smith,jane@example.com,Beta Corp,standard\n"
    b"+919876543212,Bob,Wilson,bob@example.com,Gamma Ltd,premium\n"
)


def upload(client: httpx.Client, data: bytes, sid: str = "demo", **fields: str) -> httpx.Response:
    """POST a CCM upload."""
    return client.post(
        f"/v2/accounts/{sid}/contacts/upload", files={"file": ("contacts.csv", data, "text/csv")}, data=fields
    )


def csv_upload(client: httpx.Client, data: bytes, list_name: str = "list1", **fields: str) -> httpx.Response:
    """POST a Campaign CSV upload."""
    return client.post(
        "/v2/accounts/demo/contacts/csv-upload",
        files={"file_name": ("contacts.csv", data, "text/csv")},
        data={"list_name": list_name, **fields},
    )


def wait_for(fetch: Callable[[], dict[str, Any]], done: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """Poll `fetch` until `done`, for at most 10 s."""
    deadline = time.monotonic() + 10
    while True:
        data = fetch()
        if done(data) or time.monotonic() > deadline:
            return data
        time.sleep(0.02)


def ccm_status(client: httpx.Client, upload_id: str) -> dict[str, Any]:
    """Wait for a CCM upload to complete; its status data."""

    def fetch() -> dict[str, Any]:
        response = client.get(f"/v2/accounts/demo/contacts/upload/{upload_id}")
        assert response.status_code == 200, response.text
        data: dict[str, Any] = response.json()["response"]["data"]
        return data

    return wait_for(fetch, lambda d: d["status"] == "completed")


def assert_envelope(response: httpx.Response, status: int, code: int) -> dict[str, Any]:
    """The answer is an error envelope with this HTTP status and error code."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert body["http_code"] == status
    assert body["response"]["code"] == status
    assert body["response"]["status"] == "failure"
    assert body["response"]["data"] is None
    assert body["response"]["error_data"]["code"] == code, body
    assert body["request_id"]
    return body


class MockProcess:
    """`python -m exotel_contacts_mock` in a child process on a free port (stopped by `kill` or `stop`)."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "exotel_contacts_mock", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()  # the first line names the port, or it is empty on failure
        if "listening on" not in line:
            self.proc.kill()
            _, err = self.proc.communicate(timeout=10)
            raise RuntimeError(f"the mock did not start: {line}{err}")
        self.base_url = line.strip().rsplit(" ", 1)[-1]

    def client(self) -> httpx.Client:
        """An httpx client authenticated as the demo account."""
        return httpx.Client(base_url=self.base_url, auth=("demo-key", "demo-token"), timeout=10)

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.communicate(timeout=10)

    def stop(self) -> None:
        """SIGTERM and wait (uvicorn shuts down, the store closes)."""
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.communicate(timeout=10)

    def __enter__(self) -> MockProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate(timeout=10)
