"""status, errors, csv-status and explain against the mock: output, --json, exit codes, no tracebacks."""

from __future__ import annotations

import time

import httpx
import pytest
from cli_support import Invoke, one_json

from exotel_contacts_mock.background import RunningMock

SAMPLE = (
    b"phone_number,first_name,last_name,email,company,tag\n"
    b"+919876543210,John,Doe,john@example.com,Acme Inc,premium\n"
    b"invalid_number,Bob,Wilson,bob@example.com,Gamma Ltd,premium\n"
)


def upload_sample(mock: RunningMock) -> str:
    with httpx.Client(base_url=mock.base_url, auth=(mock.api_key, mock.api_token)) as http:
        answer = http.post("/v2/accounts/demo/contacts/upload", files={"file": ("c.csv", SAMPLE)})
        upload_id: str = answer.json()["response"]["data"]["upload_id"]
        for _ in range(100):
            status = http.get(f"/v2/accounts/demo/contacts/upload/{upload_id}").json()
            if status["response"]["data"]["status"] == "completed":
                return upload_id
            time.sleep(0.05)
    raise AssertionError("upload did not complete")


def test_status_json_and_exit_code(exotel_mock: RunningMock, invoke: Invoke) -> None:
    upload_id = upload_sample(exotel_mock)
    result = invoke("status", upload_id, "--json")
    assert result.exit_code == 1  # one row failed
    doc = one_json(result.stdout)
    assert doc["upload"]["successful"] == 1
    assert doc["upload"]["failed"] == 1
    assert doc["exit_code"] == 1


def test_errors_lists_rows_and_downloads_the_file(exotel_mock: RunningMock, invoke: Invoke, tmp_path) -> None:
    upload_id = upload_sample(exotel_mock)
    out = tmp_path / "errors.csv"
    result = invoke("errors", upload_id, "--output", str(out), "--json")
    doc = one_json(result.stdout)
    assert [row["row_number"] for row in doc["errors"]["errors"]] == [2]
    assert doc["errors"]["errors"][0]["error_code"] == "INVALID_PHONE"
    assert (
        out.read_text().splitlines()[0]
        == "row_number,phone_number,first_name,last_name,error_code,error_message"
    )
    human = invoke("errors", upload_id)
    assert "INVALID_PHONE" in human.stdout


def test_unknown_upload_is_an_api_error_in_one_line(invoke: Invoke) -> None:
    result = invoke("status", "upload_nope")
    assert result.exit_code == 3
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.count("\n") == 1
    assert "404" in result.stderr


def test_bad_credentials_exit_3_and_never_print_the_token(invoke: Invoke) -> None:
    canary = "canary-secret-7f3a9"
    result = invoke("status", "x", "--json", env={"EXOTEL_API_TOKEN": canary})
    assert result.exit_code == 3
    assert canary not in result.stdout + result.stderr
    assert one_json(result.stdout)["error"]["code"] == 1010


def test_missing_configuration_is_bad_input(invoke: Invoke) -> None:
    result = invoke("status", "x", env={"EXOTEL_API_KEY": "", "EXOTEL_API_TOKEN": ""})
    assert result.exit_code == 2
    assert "EXOTEL_API_KEY" in result.stderr


def test_network_failure_exits_4(invoke: Invoke) -> None:
    result = invoke("status", "x", env={"EXOTEL_CCM_BASE_URL": "http://127.0.0.1:9", "EXOTEL_TIMEOUT": "1"})
    assert result.exit_code == 4
    assert "could not reach" in result.stderr


def test_csv_status(exotel_mock: RunningMock, invoke: Invoke) -> None:
    with httpx.Client(
        base_url=exotel_mock.base_url, auth=(exotel_mock.api_key, exotel_mock.api_token)
    ) as http:
        answer = http.post(
            "/v2/accounts/demo/contacts/csv-upload",
            data={"list_name": "vip"},
            files={"file_name": ("c.csv", b"number\n+919876543210\n")},
        )
    upload_id = answer.json()["response"]["data"]["summary"]["upload_id"]
    for _ in range(100):
        doc = one_json(invoke("csv-status", upload_id, "--json").stdout)
        if doc["csv_upload"]["status"] == "completed":
            break
        time.sleep(0.05)
    assert doc["csv_upload"]["stats"]["success"] == 1


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("1010", "AUTHENTICATION_FAILED"),
        ("INVALID_PHONE", "INVALID_PHONE"),
        ("23080", "FAILED_DLT_SCRUBBING"),
        ("429", "TOO_MANY_REQUESTS"),
    ],
)
def test_explain(invoke: Invoke, code: str, name: str) -> None:
    doc = one_json(invoke("explain", code, "--json").stdout)
    assert doc["code"]["name"] == name
    assert invoke("explain", code).exit_code == 0


def test_explain_unknown_code_is_bad_input(invoke: Invoke) -> None:
    result = invoke("explain", "99999")
    assert result.exit_code == 2
    assert "not in Exotel's error dictionary" in result.stderr
