"""explain(code): every code of the error dictionary, read from openapi.yaml on first use."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from exotel_contacts import CATALOG_SCHEMAS, CodeInfo, explain


def test_every_enum_value_of_the_catalog_schemas_is_explained(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    for kind in CATALOG_SCHEMAS:
        schema = schemas[kind]
        for i, value in enumerate(schema["enum"]):
            info = explain(value)
            assert isinstance(info, CodeInfo), (kind, value)
            assert info.kind == kind
            assert info.description == schema["x-enum-descriptions"][i]


@pytest.mark.parametrize(
    ("code", "kind", "fix"),
    [
        (429, "HttpStatusCode", "Implement exponential backoff"),
        ("1010", "ApiErrorCode", "Verify API key and token"),
        (10706, "ApiErrorCode", "Agent is on another call"),
        ("invalid_phone", "ContactUploadErrorCode", "Use E.164 format"),
        (23080, "SmsStatusCode", "Ensure DLT registration is complete"),
        (30013, "WhatsAppStatusCode", "Fall back to SMS"),
        ("no-answer", "CallStatus", None),
    ],
)
def test_known_codes(code: int | str, kind: str, fix: str | None) -> None:
    info = explain(code)
    assert info is not None
    assert info.kind == kind
    if fix is None:
        assert info.how_to_fix is None
    else:
        assert info.how_to_fix is not None
        assert info.how_to_fix.startswith(fix)


def test_api_codes_carry_their_http_status() -> None:
    info = explain(1008)
    assert info is not None
    assert info.http_status == 409


@pytest.mark.parametrize("code", [99999, "NOPE", "", True, None, 3.5])
def test_unknown_codes_answer_none(code: Any) -> None:
    assert explain(code) is None


def test_import_does_not_parse_yaml() -> None:
    code = "import sys, exotel_contacts; print('yaml' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
