"""Bad files and forms: each gets 400 in the envelope or a per-row error, never a 500, and no state."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from mock_helpers_exotel import assert_envelope, ccm_status, upload

from exotel_contacts_mock.background import RunningMock

HEADER = b"phone_number,first_name,last_name,email,company,tag\n"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", 1007),  # 0-byte file
        (HEADER, 1007),  # header only
        (b"first_name,last_name\nJohn,Doe\n", 1007),  # no phone_number column
        (b"phone_number,phone_number\n+919876543210,+919876543211\n", 1007),  # duplicate column
        (b"phone_number\n\xff\xfe\x00garbage\n", 1007),  # not UTF-8 (not a CSV)
        (b'phone_number,first_name\n+919876543210,"unterminated\n', 1007),  # malformed CSV
        (
            b"phone_number,first_name\n+919876543210," + b"x" * 200_000 + b"\n",
            1007,
        ),  # line past the CSV field limit
    ],
    ids=[
        "empty",
        "header-only",
        "no-phone-column",
        "duplicate-column",
        "non-utf8",
        "unterminated-quote",
        "huge-line",
    ],
)
def test_rejected_files(client: httpx.Client, exotel_mock: RunningMock, data: bytes, code: int) -> None:
    assert_envelope(upload(client, data), 400, code)
    assert exotel_mock.store.ccm.in_progress("demo") == 0
    assert exotel_mock.store.backlog() == 0


def _errors(client: httpx.Client, data: bytes) -> tuple[dict[str, Any], list[tuple[int, str]]]:
    upload_id = upload(client, data).json()["response"]["data"]["upload_id"]
    status = ccm_status(client, upload_id)
    body = client.get(f"/v2/accounts/demo/contacts/upload/{upload_id}/errors").json()["response"]["data"]
    return status, [(e["row_number"], e["error_code"]) for e in body["errors"]]


def test_bom_crlf_quotes_unknown_columns(client: httpx.Client, exotel_mock: RunningMock) -> None:
    data = (
        b"\xef\xbb\xbfphone_number,first_name,last_name,notes\r\n"
        b'+919876543210,"Doe, John","multi\r\nline",whatever\r\n'
        b"+919876543211,Jane,Smith,more\r\n"
    )
    status, errors = _errors(client, data)
    assert (status["total_records"], status["successful"], errors) == (2, 2, [])
    first = exotel_mock.store.ccm.contacts("demo")[0]
    assert (first["first_name"], first["last_name"]) == ("Doe, John", "multi\r\nline")


def test_row_level_format_errors(client: httpx.Client) -> None:
    data = (
        HEADER
        + b"+919876543210,Nul\x00Name,,,,\n"  # NUL byte
        + b"+919876543211,Jane,Smith,,,,extra,fields\n"  # more fields than the header
        + b"+919876543212,"
        + b"y" * 5000
        + b",,,,\n"  # very long field
        + b"+919876543213,Ok,Row,,,\n"
    )
    status, errors = _errors(client, data)
    assert errors == [(1, "INVALID_FORMAT"), (2, "INVALID_FORMAT"), (3, "INVALID_FORMAT")]
    assert (status["successful"], status["failed"]) == (1, 3)


@pytest.mark.parametrize(
    ("files", "data", "code"),
    [
        ({"upload": ("c.csv", HEADER + b"+919876543210,,,,,\n")}, {}, 1001),  # wrong part name
        (None, {"duplicate_action": "skip"}, 1001),  # no file part at all
        ({"file": ("c.csv", HEADER + b"+919876543210,,,,,\n")}, {"duplicate_action": "merge"}, 1002),
    ],
    ids=["wrong-part-name", "missing-file", "bad-duplicate-action"],
)
def test_bad_forms(client: httpx.Client, files: Any, data: dict[str, str], code: int) -> None:
    response = client.post("/v2/accounts/demo/contacts/upload", files=files, data=data)
    if files is None:  # httpx sends a urlencoded form without files: not the operation's content type
        assert_envelope(response, 415, 1011)
    else:
        assert_envelope(response, 400, code)


def test_campaign_missing_parts(client: httpx.Client) -> None:
    no_list = client.post(
        "/v2/accounts/demo/contacts/csv-upload", files={"file_name": ("c.csv", b"number\n+919876543210\n")}
    )
    assert_envelope(no_list, 400, 1001)
    wrong = client.post(
        "/v2/accounts/demo/contacts/csv-upload",
        files={"file": ("c.csv", b"number\n+1\n")},
        data={"list_name": "x"},
    )
    assert_envelope(wrong, 400, 1001)
    no_column = client.post(
        "/v2/accounts/demo/contacts/csv-upload",
        files={"file_name": ("c.csv", b"phone_number\n+919876543210\n")},
        data={"list_name": "x"},
    )
    assert_envelope(no_column, 400, 1007)


def test_multipart_without_boundary(client: httpx.Client) -> None:
    response = client.post(
        "/v2/accounts/demo/contacts/upload", content=b"x", headers={"content-type": "multipart/form-data"}
    )
    assert_envelope(response, 400, 1007)
