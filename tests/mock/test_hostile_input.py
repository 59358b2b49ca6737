"""Hostile input gets an answer in the envelope, never a 500 or the server's plain text.

Credentials that are not ASCII (or not text), JSON nested deeper than the spec allows, chunked
bodies, and requests whose HTTP framing is broken, sent over a raw socket where httpx would refuse.
"""

from __future__ import annotations

import base64
import json
import socket

import httpx
import pytest
from mock_helpers_exotel import assert_envelope

from exotel_contacts_mock import Credentials, MockConfig
from exotel_contacts_mock.background import RunningMock, running_mock
from exotel_contacts_mock.protocol import MALFORMED_REQUEST

UNICODE = Credentials("uni", "ключ", "tökén", "äccess-tökén")
BULK = "/v2/accounts/demo/contacts"
ONE = json.dumps({"contacts": [{"number": "+919876543210"}]}).encode()


def _raw(mock: RunningMock, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send bytes as they are; the status, headers and body of the answer (the server closes)."""
    host, port = mock.base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in header_lines)}
    return int(status_line.split()[1]), headers, body


def _request(method: str, path: str, headers: list[tuple[str, str]], body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: mock", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def _basic(user: bytes, password: bytes) -> tuple[str, str]:
    return ("Authorization", "Basic " + base64.b64encode(user + b":" + password).decode())


def _envelope(status: int, headers: dict[str, str], body: bytes, want: int, code: int) -> dict:
    assert status == want, body
    assert headers["content-type"].startswith("application/json")
    parsed: dict = json.loads(body)
    assert parsed["http_code"] == want
    assert parsed["response"]["error_data"]["code"] == code, parsed
    return parsed


@pytest.fixture
def mock() -> RunningMock:
    with running_mock(MockConfig(processing_rate=0, extra_accounts=(UNICODE,))) as running:
        yield running


@pytest.mark.parametrize(
    "password", ["tökén".encode(), b"\xff\xfe", b"demo-token\x00", "demo-tokén".encode("latin-1")]
)
def test_basic_passwords_that_are_not_ascii_are_401(mock: RunningMock, password: bytes) -> None:
    path = "/v2/accounts/demo/contacts/upload/nope"
    _envelope(*_raw(mock, _request("GET", path, [_basic(b"demo-key", password)])), 401, 1010)


@pytest.mark.parametrize("user", ["ключ".encode(), b"\xff\xfe", b"\x00"])
def test_basic_keys_that_are_not_ascii_are_401(mock: RunningMock, user: bytes) -> None:
    path = "/v2/accounts/demo/contacts/upload/nope"
    _envelope(*_raw(mock, _request("GET", path, [_basic(user, b"demo-token")])), 401, 1010)


def test_non_ascii_credentials_are_compared_as_utf8_bytes(mock: RunningMock) -> None:
    path = "/v2/accounts/uni/contacts/upload/nope"
    right = _basic(UNICODE.api_key.encode(), UNICODE.api_token.encode())
    _envelope(*_raw(mock, _request("GET", path, [right])), 404, 1000)  # authenticated: no such upload
    latin1 = _basic(UNICODE.api_key.encode(), UNICODE.api_token.encode("latin-1"))
    _envelope(*_raw(mock, _request("GET", path, [latin1])), 401, 1010)
    bearer = ("Authorization", "Bearer " + UNICODE.access_token.encode().decode("latin-1"))
    _envelope(*_raw(mock, _request("GET", path, [bearer])), 404, 1000)


@pytest.mark.parametrize(
    "token", ["t\xf6ken", "demo-access-token\xff", "DEMO-ACCESS-TOKEN", "demo-access-toke"]
)
def test_bearer_tokens_that_do_not_match_are_401(mock: RunningMock, token: str) -> None:
    path = "/v2/accounts/demo/contacts/upload/nope"
    _envelope(*_raw(mock, _request("GET", path, [("Authorization", f"Bearer {token}")])), 401, 1010)


def _nested(depth: int) -> bytes:
    """A createContacts body whose custom_field makes the document `depth` levels deep."""
    inner = depth - 4  # body, contacts, contact, custom_field
    field = '{"k":' * inner + "1" + "}" * inner
    return f'{{"contacts": [{{"number": "+919876543210", "custom_field": {{"a": {field}}}}}]}}'.encode()


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (
            b'{"contacts": [{"number": "+919876543210", "custom_field": '
            + b"[" * 100_000
            + b"]" * 100_000
            + b"}]}",
            400,
        ),
        (b"[" * 100_000, 400),
        (_nested(33), 400),
        (_nested(32), 207),
    ],
    ids=["100k-levels", "100k-unclosed", "33-levels", "32-levels"],
)
def test_deeply_nested_json_is_400_1007(client: httpx.Client, body: bytes, status: int) -> None:
    response = client.post(BULK, content=body, headers={"content-type": "application/json"})
    if status == 400:
        assert_envelope(response, 400, 1007)
    else:
        assert response.status_code == 207, response.text


def test_the_depth_limit_is_the_specs(spec: dict) -> None:
    assert spec["components"]["schemas"]["CreateContactsRequest"]["x-max-depth"] == MockConfig.max_json_depth


def _chunked(body: bytes, size: int = 7) -> bytes:
    pieces = [body[i : i + size] for i in range(0, len(body), size)]
    return b"".join(f"{len(p):x}\r\n".encode() + p + b"\r\n" for p in pieces) + b"0\r\n\r\n"


def test_chunked_json_bodies_are_read(mock: RunningMock) -> None:
    headers = [
        ("Content-Type", "application/json"),
        ("Transfer-Encoding", "chunked"),
        _basic(b"demo-key", b"demo-token"),
    ]
    status, _, body = _raw(mock, _request("POST", BULK, headers, _chunked(ONE)))
    assert status == 207, body
    assert json.loads(body)["metadata"] == {"total": 1, "success": 1, "failed": 0}
    status, _, body = _raw(mock, _request("POST", BULK, headers, b"0\r\n\r\n"))  # chunked, empty
    _envelope(status, {"content-type": "application/json"}, body, 400, 1001)


def test_chunked_json_bodies_are_bounded() -> None:
    with running_mock(MockConfig(max_json_bytes=100)) as small:
        big = json.dumps({"contacts": [{"number": "+919876543210", "first_name": "x" * 500}]}).encode()
        headers = [
            ("Content-Type", "application/json"),
            ("Transfer-Encoding", "chunked"),
            _basic(b"demo-key", b"demo-token"),
        ]
        _envelope(*_raw(small, _request("POST", BULK, headers, _chunked(big, 64))), 413, 1002)


@pytest.mark.parametrize(
    "request_bytes",
    [
        _request(
            "POST", BULK, [("Content-Length", str(len(ONE))), ("Transfer-Encoding", "chunked")], _chunked(ONE)
        ),
        _request("POST", BULK, [("Content-Length", "-1")], ONE),
        _request("POST", BULK, [("Content-Length", "abc")], ONE),
        _request("POST", BULK, [("Content-Length", "5"), ("Content-Length", "6")], ONE),
        _request("POST", BULK, [("Transfer-Encoding", "chunked")], b"zz\r\n" + ONE),
        b"NOT HTTP AT ALL\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: mock\r\nBad Header Without Colon\r\n\r\n",
    ],
    ids=["cl-and-te", "cl-negative", "cl-letters", "cl-twice", "bad-chunk", "no-http", "bad-header"],
)
def test_framing_errors_are_answered_in_the_envelope(mock: RunningMock, request_bytes: bytes) -> None:
    status, headers, body = _raw(mock, request_bytes)
    parsed = _envelope(status, headers, body, 400, 1007)
    assert parsed["response"]["error_data"]["description"] == MALFORMED_REQUEST
    assert headers["connection"] == "close"


@pytest.mark.parametrize(
    "body",
    [
        b'{"contacts": [{"number": NaN}]}',
        b'{"contacts": [{"number": "+919876543210", "custom_field": {"x": -Infinity}}]}',
        b'{"contacts": [{"number": 1' + b"0" * 5000 + b"}]}",
        b'{"contacts": [',
    ],
    ids=["nan", "infinity", "5000-digit-integer", "truncated"],
)
def test_bodies_that_are_not_json_are_400_1007(client: httpx.Client, body: bytes) -> None:
    assert_envelope(client.post(BULK, content=body, headers={"content-type": "application/json"}), 400, 1007)
