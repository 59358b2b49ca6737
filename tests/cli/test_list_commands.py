"""``exotel-contacts lists ...`` and ``contacts ...`` against the mock: JSON out, exit codes, safe text."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import Invoke, one_json

from exotel_contacts.cli._app import Output


def test_lists_and_contacts_end_to_end(invoke: Invoke, tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("number,first_name\n+919876500001,Ann\n+919876500002,Ben\n+919876500003,Cat\n")
    assert invoke("create", str(people)).exit_code == 0
    contacts = one_json(invoke("contacts", "ls", "--json").stdout)["contacts"]
    sids = [c["sid"] for c in contacts]
    assert len(sids) == 3

    created = invoke("lists", "create", "spring", "--tag", "t", "--json")
    assert created.exit_code == 0
    spring = one_json(created.stdout)["list"]
    assert invoke("lists", "create", "spring").exit_code == 3  # a taken name: API error (409)
    assert (
        one_json(invoke("lists", "create", "spring", "--exist-ok", "--json").stdout)["list"]["sid"]
        == spring["sid"]
    )

    added = invoke("lists", "add", "spring", sids[0], sids[1], "no-such-contact", "--json")
    assert added.exit_code == 1  # one contact failed
    document = one_json(added.stdout)["add"]
    assert (document["added"], document["failed"]) == (2, 1)
    assert [p["contact_sid"] for p in document["problems"]] == ["no-such-contact"]

    wanted = tmp_path / "wanted.txt"
    wanted.write_text("+919876500002\n+919876500003\n+919876500009\n")
    plan = one_json(invoke("lists", "sync", spring["sid"], str(wanted), "--dry-run", "--json").stdout)["sync"]
    assert (plan["dry_run"], plan["created"], plan["added"], plan["removed"]) == (True, 1, 2, 1)
    synced = invoke("lists", "sync", "spring", str(wanted), "--yes")
    assert synced.exit_code == 0, synced.stdout + synced.stderr
    assert "removing" in synced.stderr  # progress on stderr, stdout keeps the result

    shown = one_json(invoke("lists", "show", "spring", "--contacts", "--json").stdout)
    assert shown["list"]["contact_count"] == 3
    assert sorted(c["number"] for c in shown["contacts"]) == [
        "+919876500002",
        "+919876500003",
        "+919876500009",
    ]
    assert [entry["name"] for entry in one_json(invoke("lists", "ls", "--json").stdout)["lists"]] == [
        "spring"
    ]

    in_list = one_json(
        invoke("contacts", "ls", "--list", spring["sid"], "--show-lists", "--max", "2", "--json").stdout
    )
    assert len(in_list["contacts"]) == 2
    assert in_list["contacts"][0]["lists"] == [{"sid": spring["sid"], "name": "spring"}]
    updated = one_json(invoke("contacts", "update", sids[1], "--first-name", "Benjamin", "--json").stdout)
    assert updated["contact"]["first_name"] == "Benjamin"
    assert (
        one_json(invoke("contacts", "show", sids[1], "--json").stdout)["contact"]["first_name"] == "Benjamin"
    )
    assert invoke("contacts", "update", sids[1]).exit_code == 2  # nothing to change: bad input
    assert invoke("contacts", "rm", sids[1], "--yes").exit_code == 0
    assert invoke("contacts", "show", sids[1]).exit_code == 3  # gone: 404
    assert invoke("lists", "rm", "spring", "--yes").exit_code == 0
    assert invoke("lists", "show", "spring").exit_code == 3


def test_server_text_cannot_drive_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    Output().records("t", [{"a": "Ann\x1b[31m\x07[bold]x[/bold]", "b": None}], ("a", "b"))
    row = capsys.readouterr().out.splitlines()[-2]
    assert row.split()[1:4] == ["Ann\ufffd[31m\ufffd[bold]x[/bold]", "│", "│"]  # no markup either; None: ""


def test_csv_upload_names_the_rows_exotel_only_counted(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "campaign.csv"
    path.write_text(f"number,first_name\n+919876500001,A\n+919876500002,{'B' * 300}\n")
    doc = one_json(invoke("csv-upload", str(path), "--list-name", "vip", "--json").stdout)["import"]
    assert [(f["row_number"], f["error_code"], f["source"]) for f in doc["failures"]] == [
        (2, "NOT_IN_LIST", "reconciliation")
    ]
    assert doc["reconciled"] == {"not_in_list": 1, "already_existed": 0, "in_list": 1}
    again = invoke("csv-upload", str(path), "--list-name", "vip2", "--no-reconcile", "--json")
    assert one_json(again.stdout)["import"]["failures"] == []  # counted (failed: 1), not named
    assert one_json(again.stdout)["import"]["failed"] == 1
