"""The bad-CSV corpus (tests/data/bad_csv) end to end: through `import_contacts` against the mock,
and straight to the mock's CCM upload endpoint. Plus the limit boundaries, one row or one byte over.

One mock serves the module; each test gets an account of its own, so no file sees another's contacts.
"""

from __future__ import annotations

import itertools
import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import stamina

import exotel_contacts as ec
from exotel_contacts import importing
from exotel_contacts.importing import Limits
from exotel_contacts_mock.background import RunningMock, running_mock
from exotel_contacts_mock.config import Credentials, MockConfig

CORPUS = Path(__file__).parents[1] / "data" / "bad_csv"
MANIFEST: dict[str, dict[str, Any]] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
NAMES = sorted(MANIFEST)
MAX_ROWS = 5
MAX_BYTES = 400
_ACCOUNTS = itertools.count(1)

# Rows the local validator passes but that fail on the way anyway (validate_file has no field-length
# rule, so expected.json lists them as valid).
FAILS_ON_THE_WAY = {
    # A 100 kB field: more than one part of MAX_BYTES holds (INVALID_FORMAT, local), and past the
    # mock's 255-character field limit with the default limits (INVALID_FORMAT, server).
    "long_line.csv": {"2": "INVALID_FORMAT"},
}
# Where the raw mock and the client disagree on purpose (each entry says why); anything else fails.
KNOWN_DIFFERENCES = {
    # The mock numbers rows without the empty lines it skips and fails an all-blank row (",,,,,") as
    # MISSING_REQUIRED; the client counts empty lines in the numbering and skips all-blank rows,
    # never sending either, so import_contacts is not affected.
    "blank_rows.csv": {"2": "MISSING_REQUIRED", "4": "INVALID_PHONE"},
}


@pytest.fixture(scope="module")
def corpus_mock() -> Iterator[RunningMock]:
    config = MockConfig(
        processing_rate=0, rate_limit=0, ccm_max_records=MAX_ROWS, ccm_max_file_bytes=MAX_BYTES
    )
    with running_mock(config) as mock:
        yield mock


@pytest.fixture
def account(corpus_mock: RunningMock) -> Credentials:
    """A fresh account on the shared mock."""
    n = next(_ACCOUNTS)
    credentials = Credentials(f"corpus{n}", f"key{n}", f"token{n}", f"access{n}")
    corpus_mock.store.accounts.add(credentials)
    return credentials


@pytest.fixture(autouse=True)
def no_retry_waits() -> Iterator[None]:
    stamina.set_testing(True, attempts=3, cap=True)
    yield
    stamina.set_testing(False)


class Counting(httpx.HTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.requests: Counter[str] = Counter()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests[request.method] += 1
        return super().handle_request(request)


def client(
    mock: RunningMock, account: Credentials, transport: httpx.BaseTransport | None = None
) -> ec.Client:
    return ec.Client(
        account_sid=account.account_sid,
        api_key=account.api_key,
        api_token=account.api_token,
        ccm_base_url=mock.base_url,
        campaign_base_url=mock.base_url,
        environ={},
        rate_limit_per_minute=None,
        transport=transport,
    )


# ---- (a) import_contacts -------------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_corpus_through_import_contacts(name: str, corpus_mock: RunningMock, account: Credentials) -> None:
    expected = MANIFEST[name]
    transport = Counting()
    limits = Limits(ccm_max_rows=MAX_ROWS, ccm_max_bytes=MAX_BYTES)
    with client(corpus_mock, account, transport) as c:
        if expected["error"]:
            with pytest.raises(ec.ExotelError) as info:
                c.import_contacts(CORPUS / name, limits=limits)
            assert type(info.value).__name__ == expected["error"]
            assert isinstance(info.value, getattr(importing, expected["error"]))
            assert transport.requests == Counter()  # nothing sent, not even a status call
            assert corpus_mock.store.ccm.contacts(account.account_sid) == []
            return
        result = c.import_contacts(CORPUS / name, limits=limits)
    stored = corpus_mock.store.ccm.contacts(account.account_sid)
    failures = result.failures()
    on_the_way = FAILS_ON_THE_WAY.get(name, {})
    assert {str(f.row_number): f.error_code for f in failures} == {**expected["rows"], **on_the_way}
    assert all(f.source == "local" for f in failures if str(f.row_number) in expected["rows"])
    assert result.total == expected["total_rows"]
    assert result.accepted == expected["valid_rows"] - len(on_the_way) == len(stored)
    assert all(p.status == "completed" and p.error is None for p in result.parts)
    sent = expected["valid_rows"] - len(on_the_way)
    assert transport.requests["POST"] == len(result.parts) == -(-sent // MAX_ROWS)
    assert len({row["phone_number"] for row in stored}) == len(stored)


# ---- (b) straight to the mock --------------------------------------------------------------------
def _envelope_error(response: httpx.Response) -> dict[str, Any]:
    body = response.json()
    assert body["http_code"] == response.status_code
    assert isinstance(body["request_id"], str)
    assert body["request_id"]
    inner = body["response"]
    assert inner["status"] == "failure"
    assert inner["data"] is None
    error = inner["error_data"]
    assert isinstance(error["code"], int)
    assert error["message"]
    assert isinstance(error["description"], str)
    return error


def _wait_completed(http: httpx.Client, sid: str, upload_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 10
    while True:
        response = http.get(f"/v2/accounts/{sid}/contacts/upload/{upload_id}")
        assert response.status_code == 200, response.text
        data: dict[str, Any] = response.json()["response"]["data"]
        if data["status"] != "processing" or time.monotonic() > deadline:
            return data
        time.sleep(0.01)


def raw_upload(
    mock: RunningMock, account: Credentials, content: bytes
) -> tuple[httpx.Response, dict[str, Any] | None]:
    """POST the bytes as a CCM upload; for a 202, wait and check the upload's counters."""
    sid = account.account_sid
    with httpx.Client(base_url=mock.base_url, auth=(account.api_key, account.api_token), timeout=10) as http:
        response = http.post(
            f"/v2/accounts/{sid}/contacts/upload", files={"file": ("contacts.csv", content, "text/csv")}
        )
        assert response.status_code != 500, response.text
        assert response.headers["content-type"].startswith("application/json")
        if response.status_code != 202:
            return response, None
        accepted = response.json()["response"]["data"]
        status = _wait_completed(http, sid, accepted["upload_id"])
        assert status["status"] == "completed"
        assert status["total_records"] == accepted["total_records"]
        assert (
            status["successful"] + status["failed"] + status["duplicates_skipped"] == status["total_records"]
        )
        errors = http.get(f"/v2/accounts/{sid}/contacts/upload/{accepted['upload_id']}/errors")
        assert errors.status_code == 200, errors.text
        listed = errors.json()["response"]["data"]
        assert (
            listed["error_count"] == status["failed"] + status["duplicates_skipped"] == len(listed["errors"])
        )
        rows = [e["row_number"] for e in listed["errors"]]
        assert rows == sorted(set(rows))
        assert all(1 <= r <= status["total_records"] for r in rows)
        return response, {
            **status,
            "errors": {str(e["row_number"]): e["error_code"] for e in listed["errors"]},
        }


@pytest.mark.parametrize("name", NAMES)
def test_corpus_straight_to_the_mock(name: str, corpus_mock: RunningMock, account: Credentials) -> None:
    content = (CORPUS / name).read_bytes()
    response, status = raw_upload(corpus_mock, account, content)
    stored = corpus_mock.store.ccm.contacts(account.account_sid)
    if status is None:
        assert response.status_code in (400, 413), response.text
        _envelope_error(response)
        assert stored == []
        return
    assert response.status_code == 202
    body = response.json()
    assert body["response"]["status"] == "accepted"
    assert body["response"]["error_data"] is None
    assert len(stored) == status["successful"]
    assert len({row["phone_number"] for row in stored}) == len(stored)


def test_straight_and_local_verdicts_agree_on_clean_files(corpus_mock: RunningMock) -> None:
    """Where both accept a file, the server fails no row the client passed, except the ones this list
    names (the mock is stricter or looser on purpose; each entry says why)."""
    differences: dict[str, dict[str, str]] = {}
    for name in NAMES:
        expected = MANIFEST[name]
        if expected["error"]:
            continue
        n = next(_ACCOUNTS)
        account = Credentials(f"agree{n}", f"k{n}", f"t{n}", f"a{n}")
        corpus_mock.store.accounts.add(account)
        _, status = raw_upload(corpus_mock, account, (CORPUS / name).read_bytes())
        if status is None:
            continue
        extra = {row: code for row, code in status["errors"].items() if row not in expected["rows"]}
        if extra:
            differences[name] = extra
    assert differences == KNOWN_DIFFERENCES


# ---- limits: one row over, one byte over -----------------------------------------------------------
def _file(rows: int, *, pad_to: int | None = None) -> bytes:
    """A CCM file of `rows` valid rows; `pad_to` lengthens the names (each under 255 characters)
    until the file is exactly that many bytes."""
    lines = ["phone_number,first_name"] + [f"+91980000{i:04d},N{i}" for i in range(1, rows + 1)]
    content = ("\n".join(lines) + "\n").encode()
    if pad_to is not None:
        extra = pad_to - len(content)
        assert extra >= 0
        for i in range(rows):
            lines[i + 1] += "x" * (extra // rows + (1 if i < extra % rows else 0))
        content = ("\n".join(lines) + "\n").encode()
        assert len(content) == pad_to
    return content


@pytest.mark.parametrize(("rows", "over"), [(MAX_ROWS, False), (MAX_ROWS + 1, True)])
def test_row_limit(
    rows: int, over: bool, corpus_mock: RunningMock, account: Credentials, tmp_path: Path
) -> None:
    content = _file(rows)
    assert len(content) <= MAX_BYTES
    response, _ = raw_upload(corpus_mock, account, content)
    if over:
        assert response.status_code == 400
        assert "more than 5 records" in _envelope_error(response)["description"]
    else:
        assert response.status_code == 202
    # import_contacts splits the same file into compliant parts.
    path = tmp_path / "rows.csv"
    path.write_bytes(content)
    fresh = Credentials(account.account_sid + "b", "kb" + account.api_key, "tb", "ab" + account.access_token)
    corpus_mock.store.accounts.add(fresh)
    with client(corpus_mock, fresh) as c:
        result = c.import_contacts(path, limits=Limits(ccm_max_rows=MAX_ROWS, ccm_max_bytes=MAX_BYTES))
    assert [p.rows for p in result.parts] == ([MAX_ROWS, 1] if over else [MAX_ROWS])
    assert result.ok
    assert result.accepted == rows
    assert len(corpus_mock.store.ccm.contacts(fresh.account_sid)) == rows


@pytest.mark.parametrize(("size", "over"), [(MAX_BYTES, False), (MAX_BYTES + 1, True)])
def test_byte_limit(
    size: int, over: bool, corpus_mock: RunningMock, account: Credentials, tmp_path: Path
) -> None:
    content = _file(3, pad_to=size)
    response, _ = raw_upload(corpus_mock, account, content)
    if over:
        assert response.status_code == 413
        _envelope_error(response)
    else:
        assert response.status_code == 202
    path = tmp_path / "bytes.csv"
    path.write_bytes(content)
    fresh = Credentials(account.account_sid + "c", "kc" + account.api_key, "tc", "ac" + account.access_token)
    corpus_mock.store.accounts.add(fresh)
    with client(corpus_mock, fresh) as c:
        result = c.import_contacts(path, limits=Limits(ccm_max_rows=MAX_ROWS, ccm_max_bytes=MAX_BYTES))
    # Parts are written with CRLF line ends, so the file exactly at the limit may need two parts as
    # well; what matters is that every part is one the mock (same byte limit) accepts.
    assert len(result.parts) >= (2 if over else 1)
    assert all(p.error is None and p.status == "completed" for p in result.parts)
    assert result.ok
    assert result.accepted == 3
    assert len(corpus_mock.store.ccm.contacts(fresh.account_sid)) == 3
