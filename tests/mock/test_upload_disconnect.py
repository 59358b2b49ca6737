"""A client that goes away in the middle of a multipart upload leaves nothing open in the mock.

Starlette opens a spool file when a file part's headers end and hands it over only when the part
ends; python-multipart's ``finalize()`` does not check that the body ended, so a body cut off inside
a file part parsed "successfully" into a form without that part, and its spool (on disk past 1 MB)
was left to the garbage collector: a ``ResourceWarning`` in whichever thread collected it. Each case
cuts the body at a different point of the multipart message, on both upload operations, and checks
that no spool file is left open and that the mock keeps answering.
"""

from __future__ import annotations

import base64
import gc
import os
import socket
import struct
import time
import warnings

import httpx
import pytest

from exotel_contacts_mock.background import RunningMock

BOUNDARY = "cut-here-7d1f"
ROWS = b"".join(b"+9198%08d,Name %d,,\n" % (n, n) for n in range(60_000))  # ~1.3 MB: spills to disk


def body(file_field: str, fields: dict[str, str], header: bytes) -> bytes:
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{file_field}"; filename="c.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n".encode()
        + header
        + ROWS
        + b"\r\n"
    )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


UPLOADS = {
    "ccm": (
        "contacts/upload",
        body("file", {"duplicate_action": "skip"}, b"phone_number,first_name,email,tag\n"),
    ),
    "campaign": (
        "contacts/csv-upload",
        body("file_name", {"list_name": "cut", "type": "static"}, b"number,first_name,email,tag\n"),
    ),
}


def cut_points(payload: bytes) -> dict[str, int]:
    file_headers = payload.index(b"filename=")
    data = payload.index(b"\r\n\r\n", file_headers) + 4
    return {
        "no body": 0,
        "inside a plain field": payload.index(b"\r\n\r\n") + 2,
        "inside the file part's headers": file_headers,
        "file data in memory": data + 1000,
        "file data on disk": data + len(ROWS) - 1000,
        "before the closing boundary": len(payload) - len(f"--{BOUNDARY}--\r\n") - 2,
        "inside the closing boundary": len(payload) - 5,
    }


def open_spools() -> int:
    """Files this process holds open that were deleted: spooled temporary files."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        count += target.endswith("(deleted)")
    return count


def send_part_then_close(mock: RunningMock, path: str, payload: bytes, cut: int, reset: bool) -> None:
    host, port = mock.base_url.removeprefix("http://").split(":")
    auth = base64.b64encode(f"{mock.api_key}:{mock.api_token}".encode()).decode()
    head = (
        f"POST /v2/accounts/{mock.account_sid}/{path} HTTP/1.1\r\nHost: {host}\r\n"
        f"Authorization: Basic {auth}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    ).encode()
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        if reset:  # as a killed client's kernel does: RST, not FIN
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.sendall(head + payload[:cut])
        time.sleep(0.05)  # let the mock read what was sent before the connection drops


@pytest.mark.parametrize("reset", [False, True], ids=["closed", "killed"])
@pytest.mark.parametrize("operation", sorted(UPLOADS))
def test_a_client_gone_mid_upload_leaves_no_open_spool(
    exotel_mock: RunningMock, client: httpx.Client, operation: str, reset: bool
) -> None:
    path, payload = UPLOADS[operation]
    before = open_spools()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for name, cut in cut_points(payload).items():
            send_part_then_close(exotel_mock, path, payload, cut, reset)
            # The mock keeps serving: the next request is answered (and the cut one has ended).
            assert (
                client.get(f"/v2/accounts/{exotel_mock.account_sid}/contacts/upload/nope").status_code == 404
            ), name
            deadline = time.monotonic() + 5
            while open_spools() > before and time.monotonic() < deadline:
                time.sleep(0.02)
            assert open_spools() == before, f"{operation}, cut {name}: a spool file is still open"
        gc.collect()
    leaks = [w for w in caught if issubclass(w.category, ResourceWarning)]
    assert not leaks, [str(w.message) for w in leaks]


@pytest.mark.parametrize("operation", sorted(UPLOADS))
def test_a_whole_request_whose_message_is_cut_short_is_refused(
    exotel_mock: RunningMock, client: httpx.Client, operation: str
) -> None:
    path, payload = UPLOADS[operation]
    before = open_spools()
    cut = payload[: cut_points(payload)["file data on disk"]]  # honest framing, no closing boundary
    answer = client.post(
        f"/v2/accounts/{exotel_mock.account_sid}/{path}",
        content=cut,
        headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
    )
    assert answer.status_code == 400, answer.text
    assert "closing boundary" in answer.text
    assert open_spools() == before
