"""One home for each rule: terminal statuses in any case end the wait AND count as final in an import;
the failure sets are the ones every user applies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

import exotel_contacts as ec
from exotel_contacts.base import outcomes as _rules
from exotel_contacts.core import response as _response
from exotel_contacts.core import retry as _retry
from exotel_contacts.workflows import bulk as _bulk
from exotel_contacts.workflows import imports as _import

from .conftest import ACCEPTED, Either, FakeExotel, ccm_status, csv_status, envelope, json_response

CSV_ACCEPTED_2 = envelope(
    {
        "list": {"sid": "ls_1", "name": "l", "contact_count": 0},
        "summary": {"upload_id": "csv_1", "list_sid": "ls_1", "status": "in-progress", "Stats": {}},
    }
)


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        ("completed", "completed"),
        ("COMPLETED", "completed"),
        (" Completed ", "completed"),
        ("failed", "failed"),
        ("FAILED", "failed"),
        ("\tFailed\n", "failed"),
        ("processing", None),
        ("complete", None),
        ("", None),
        (None, None),
        (3, None),
    ],
)
def test_upload_outcome_normalises_case_and_spaces(status: object, outcome: str | None) -> None:
    assert _rules.upload_outcome(status) == outcome
    assert _rules.is_terminal(status) is (outcome is not None)
    assert _rules.is_failed(status) is (outcome == "failed")
    assert ec.UploadProgress("u", str(status), None, None, None, None, 0.0).done is (
        outcome is not None and isinstance(status, str)
    )


@pytest.mark.parametrize("status", ["COMPLETED", " Completed "])
async def test_wait_for_upload_ends_on_completed_in_any_case(
    either: Either, fake: FakeExotel, status: str
) -> None:
    fake.add("GET", "/contacts/upload/up_1", ccm_status(status))
    result = await either.call("wait_for_upload", "up_1")
    assert result.status == status
    assert fake.count("GET", "/contacts/upload/up_1") == 1


async def test_wait_for_upload_raises_on_failed_in_capitals(either: Either, fake: FakeExotel) -> None:
    fake.add("GET", "/contacts/upload/up_1", ccm_status("FAILED"))
    fake.add(
        "GET", "/contacts/upload/up_1/errors", envelope({"upload_id": "up_1", "error_count": 0, "errors": []})
    )
    with pytest.raises(ec.UploadFailedError):
        await either.call("wait_for_upload", "up_1")


@pytest.mark.parametrize("status", ["FAILED", " Failed "])
async def test_wait_for_csv_upload_raises_on_failed_in_any_case(
    either: Either, fake: FakeExotel, status: str
) -> None:
    fake.add("GET", "/csv-status/csv_1", csv_status(status))
    with pytest.raises(ec.UploadFailedError):
        await either.call("wait_for_csv_upload", "csv_1")


def _csv(tmp_path: Path, header: str) -> Path:
    path = tmp_path / "contacts.csv"
    path.write_text(f"{header}\n+919876543210\n+919876543211\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("status", ["COMPLETED", " Completed "])
async def test_import_reports_an_upload_completed_in_any_case_as_done(
    either: Either, fake: FakeExotel, tmp_path: Path, status: str
) -> None:
    fake.add("POST", "/contacts/upload", json_response(202, ACCEPTED))
    fake.add("GET", "/contacts/upload/up_1", ccm_status(status, total_records=2, successful=2))
    result = await either.call("import_contacts", _csv(tmp_path, "phone_number"))
    assert result.pending == 0
    assert result.accepted == 2
    assert result.ok
    assert result.parts[0].confirmed
    assert result.parts[0].status == "completed"


async def test_import_reports_an_upload_failed_in_capitals_as_failed_rows(
    either: Either, fake: FakeExotel, tmp_path: Path
) -> None:
    fake.add("POST", "/contacts/upload", json_response(202, ACCEPTED))
    fake.add("GET", "/contacts/upload/up_1", ccm_status("FAILED", total_records=2, successful=0))
    fake.add(
        "GET", "/contacts/upload/up_1/errors", envelope({"upload_id": "up_1", "error_count": 0, "errors": []})
    )
    result = await either.call("import_contacts", _csv(tmp_path, "phone_number"))
    assert result.pending == 0
    assert result.failed == 2
    assert {f.error_code for f in result.failures()} == {_import.UPLOAD_FAILED}
    assert result.parts[0].status == "failed"


async def test_campaign_import_completed_in_capitals_is_done(
    either: Either, fake: FakeExotel, tmp_path: Path
) -> None:
    fake.add("POST", "/contacts/csv-upload", CSV_ACCEPTED_2)
    fake.add("GET", "/csv-status/csv_1", csv_status("COMPLETED", total=2, success=2))
    result = await either.call("import_contacts", _csv(tmp_path, "number"), family="campaign", list_name="l")
    assert result.pending == 0
    assert result.accepted == 2


def test_failure_rules_are_the_ones_applied() -> None:
    request = httpx.Request("POST", "https://x.test/a", extensions={ec.REPLAY_SAFE: False})
    for status in _rules.MAY_HAVE_ACTED_STATUSES:
        answer = httpx.Response(status, request=request)
        assert isinstance(_response.error_from_response(answer), ec.OutcomeUnknownError)
    for cls in _rules.MAY_HAVE_ACTED_ERRORS:
        assert isinstance(_response.error_from_transport(cls("x", request=request)), ec.OutcomeUnknownError)
    safe = httpx.Request("GET", "https://x.test/a")
    state = _retry.RetryState(ec.RetryPolicy(), safe)
    state.begin_attempt()
    for status in _rules.REFUSED_STATUSES | _rules.MAY_HAVE_ACTED_STATUSES:
        assert state.should_replay(httpx.Response(status, request=safe))
    for cls in _rules.NEVER_SENT_ERRORS + _rules.MAY_HAVE_ACTED_ERRORS:
        assert state.decide(cls("x", request=safe)) is not False
    unsafe = _retry.RetryState(ec.RetryPolicy(), request)
    unsafe.begin_attempt()
    for cls in _rules.MAY_HAVE_ACTED_ERRORS:
        assert unsafe.decide(cls("x", request=request)) is False


def test_fatal_sets_differ_only_by_not_found() -> None:
    assert set(_rules.BULK_FATAL) - set(_rules.IMPORT_FATAL) == {ec.NotFoundError}
    assert set(_rules.IMPORT_FATAL) <= set(_rules.BULK_FATAL)


def test_part_result_json_has_no_exception_object() -> None:
    part = _import.PartResult(1, 2, 1, 2, error="x", error_type="APIConnectionError")
    part.exception = ec.APIConnectionError("x")
    data: dict[str, Any] = part.to_dict()
    assert "exception" not in data
    assert data["error_type"] == "APIConnectionError"
    assert _bulk.Outcome.CREATED == "created"
