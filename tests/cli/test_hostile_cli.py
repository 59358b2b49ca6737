"""No report is lost, and the terminal is not the server's: the command line against hostile conditions."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from cli_support import Invoke, one_json
from hostile_servers import HostileServer, json_answer

import exotel_contacts.workflows.imports_answers as importer
from exotel_contacts_mock.background import RunningMock

ESC = "\x1b"
GOOD = "".join(f"+9198765{i:05d},N{i}\n" for i in range(5))


def contacts(tmp_path: Path) -> Path:
    path = tmp_path / "contacts.csv"
    path.write_text("phone_number,first_name\n" + GOOD, encoding="utf-8")
    return path


@pytest.fixture
def counting() -> Any:
    """A server that answers 500 to everything and counts what it was sent."""
    with HostileServer(json_answer({"no": "thanks"}, status=500)) as server:
        yield server


@pytest.mark.parametrize(
    "command", [["upload"], ["csv-upload", "--list-name", "l"], ["create"], ["validate"]]
)
@pytest.mark.parametrize("problem", ["directory", "missing_folder"])
def test_an_unusable_errors_out_stops_before_anything_is_sent(
    invoke: Invoke, tmp_path: Path, counting: HostileServer, command: list[str], problem: str
) -> None:
    target = tmp_path if problem == "directory" else tmp_path / "no" / "such" / "errors.csv"
    env = {"EXOTEL_CCM_BASE_URL": counting.url, "EXOTEL_CAMPAIGN_BASE_URL": counting.url}
    result = invoke(*command, str(contacts(tmp_path)), "--errors-out", str(target), "--json", env=env)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "--errors-out" in result.stderr
    assert counting.requests == []
    assert one_json(result.stdout)["ok"] is False


def test_an_unusable_output_of_errors_stops_before_anything_is_sent(
    invoke: Invoke, tmp_path: Path, counting: HostileServer
) -> None:
    env = {"EXOTEL_CCM_BASE_URL": counting.url}
    result = invoke("errors", "up_1", "--output", str(tmp_path), env=env)
    assert result.exit_code == 2
    assert counting.requests == []


def test_when_writing_the_error_csv_fails_at_the_end_the_report_is_still_printed(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(importer, "write_error_csv", refuse)
    bad = tmp_path / "bad.csv"
    bad.write_text("phone_number\n+919876500001\n12345\n", encoding="utf-8")
    result = invoke("upload", str(bad), "--errors-out", str(tmp_path / "errors.csv"), "--json")
    assert result.exit_code == 2, result.stderr
    document = one_json(result.stdout)
    assert document["import"]["accepted"] == 1  # the import happened and is reported
    assert document["import"]["failed"] == 1
    assert "errors.csv" in result.stderr
    assert "Permission denied" in result.stderr


def test_create_with_bad_utf8_mid_stream_reports_every_contact_sent_and_exits_2(
    invoke: Invoke, tmp_path: Path, exotel_mock: RunningMock
) -> None:
    lines = [json.dumps({"number": f"+91987{i:07d}"}).encode() for i in range(6000)]
    path = tmp_path / "contacts.jsonl"
    path.write_bytes(b"\n".join([*lines, b'{"number": "+9198\xff"}', b'{"number": "+919999999999"}']) + b"\n")
    result = invoke("create", str(path), "--json")
    assert result.exit_code == 2, result.stderr
    assert "line 6001" in result.stderr
    assert "UTF-8" in result.stderr
    document = one_json(result.stdout)
    assert document["create"]["counts"]["created"] == 6000
    assert document["error"]["type"] == "BulkInputError"
    assert "unexpected" not in result.stderr


def test_the_unexpected_path_still_prints_the_partial_result(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Any, *args: Any, **kwargs: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(importer.Importer, "ccm_done", broken)
    result = invoke("upload", str(contacts(tmp_path)), "--json")
    assert result.exit_code == 3
    document = one_json(result.stdout)
    assert document["partial"]["parts_uploaded"] == 1
    assert "unexpected RuntimeError" in result.stderr


@pytest.mark.parametrize("json_mode", [True, False])
def test_ctrl_c_prints_what_reached_the_server(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, json_mode: bool
) -> None:
    def interrupted(self: Any, *args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(importer.Importer, "ccm_done", interrupted)
    result = invoke("upload", str(contacts(tmp_path)), *(["--json"] if json_mode else []))
    assert result.exit_code == 130
    if json_mode:
        document = one_json(result.stdout)
        assert document["partial"]["parts_uploaded"] == 1
        assert document["error"]["type"] == "KeyboardInterrupt"
    else:
        assert "parts_uploaded=1" in result.stdout
    assert "interrupted" in result.stderr


@pytest.mark.parametrize(
    "command", [["validate"], ["upload"], ["csv-upload", "--list-name", "l"], ["create"]]
)
@pytest.mark.parametrize("kind", ["directory", "loop", "missing", "unreadable"])
def test_an_unusable_input_file_is_one_line_not_a_usage_box(
    invoke: Invoke, tmp_path: Path, command: list[str], kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "input.csv"
    if kind == "directory":
        path.mkdir()
    elif kind == "loop":
        path.symlink_to(tmp_path / "other.csv")
        (tmp_path / "other.csv").symlink_to(path)
    elif kind == "unreadable":
        path.write_text("phone_number\n+919876500001\n")
        if os.geteuid() == 0:  # root reads anything: make the open fail as it would for a user
            real_open = Path.open

            def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
                if self == path:
                    raise PermissionError(13, "Permission denied", str(self))
                return real_open(self, *args, **kwargs)

            monkeypatch.setattr(Path, "open", refuse)
        else:
            path.chmod(0)
    result = invoke(*command, str(path))
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Usage" not in result.stderr + result.stdout


def _hostile_error(request_id: str = f"req{ESC}]0;pwned\x07") -> dict[str, Any]:
    return {
        "request_id": request_id,
        "http_code": 404,
        "response": {
            "code": 404,
            "status": "failure",
            "error_data": {
                "code": 1002,
                "message": f"Not{ESC}[2J found",
                "description": f"gone{ESC}[31m red\r\nforged log line\u202e",
            },
        },
    }


def test_server_text_reaches_the_terminal_without_control_characters(invoke: Invoke) -> None:
    with HostileServer(json_answer(_hostile_error(), status=404)) as server:
        env = {"EXOTEL_CCM_BASE_URL": server.url}
        result = invoke("status", "up_1", env=env)
        as_json = invoke("status", "up_1", "--json", env=env)
    assert result.exit_code == 3
    for text in (result.stdout, result.stderr, as_json.stderr):
        assert ESC not in text
        assert "\x07" not in text
        assert "\u202e" not in text
        assert "\r" not in text
    assert "forged log line" in result.stderr  # the words stay; only the controls go
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1
    error = one_json(as_json.stdout)["error"]
    assert ESC not in json.dumps(error, ensure_ascii=False)


def test_server_values_in_a_status_table_are_cleaned(invoke: Invoke) -> None:
    body = {
        "request_id": "r",
        "http_code": 200,
        "response": {
            "code": 200,
            "status": "success",
            "data": {"upload_id": "up_1", "status": f"completed{ESC}[2J", "total_records": 1},
        },
    }
    with HostileServer(json_answer(body)) as server:
        result = invoke("status", "up_1", env={"EXOTEL_CCM_BASE_URL": server.url})
    assert ESC not in result.stdout + result.stderr
    assert "completed\ufffd[2J" in result.stdout


def test_errors_prints_the_report_when_the_download_fails(invoke: Invoke, tmp_path: Path) -> None:
    report = {
        "request_id": "r",
        "method": "GET",
        "http_code": 200,
        "response": {
            "code": 200,
            "status": "success",
            "data": {
                "upload_id": "up_1",
                "error_count": 1,
                "errors": [
                    {
                        "row_number": 7,
                        "phone_number": "123",
                        "error_code": "INVALID_PHONE",
                        "error_message": "bad",
                    }
                ],
                "error_file_url": "http://[::1",
            },
        },
    }
    with HostileServer(json_answer(report)) as server:
        result = invoke(
            "errors",
            "up_1",
            "--output",
            str(tmp_path / "e.csv"),
            "--json",
            env={"EXOTEL_CCM_BASE_URL": server.url},
        )
    assert result.exit_code == 2
    document = one_json(result.stdout)
    assert document["errors"]["errors"][0]["row_number"] == 7  # the report is there
    assert document["error_file"] is None
    assert "error_file_url" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("value", ["soon", "1e10", "nan", "-1"])
def test_an_unusable_timeout_is_one_line_before_anything_is_sent(
    invoke: Invoke, counting: HostileServer, value: str
) -> None:
    result = invoke("status", "up_1", env={"EXOTEL_TIMEOUT": value, "EXOTEL_CCM_BASE_URL": counting.url})
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "EXOTEL_TIMEOUT" in lines[0]
    assert counting.requests == []


def test_file_text_in_the_failed_rows_table_is_cleaned(invoke: Invoke, tmp_path: Path) -> None:
    # The upload report's failed rows show cells of the user's file: an escape sequence there must not
    # reach the terminal either.
    bad = tmp_path / "bad.csv"
    bad.write_text(f"phone_number\n+919876500001\n12345{ESC}[2J\n", encoding="utf-8")
    result = invoke("upload", str(bad))
    assert result.exit_code == 1, result.stdout + result.stderr
    assert ESC not in result.stdout + result.stderr
    assert "12345\ufffd[2J" in result.stdout


def test_names_print_as_written_not_as_emoji_or_markup(invoke: Invoke) -> None:
    # An error line quotes what the user gave; ":smile:" and "[bold]" are text, not codes.
    result = invoke("lists", "show", "no :smile: [bold]list[/bold]")
    assert result.exit_code != 0
    assert ":smile: [bold]list[/bold]" in result.stderr
    assert "\U0001f604" not in result.stderr
