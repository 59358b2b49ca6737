"""A TypeScript team's client runs against the mock: openapi-typescript types (with the Blob transform
of docs/spec/typescript.md), openapi-fetch, ``tsc --strict`` with ``noUncheckedIndexedAccess``, then the
smoke run under tsx."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from exotel_contacts_mock.background import running_mock

from .node_tools import BIN, ROOT, needs

pytestmark = [needs("tsc"), needs("tsx")]

TS = ROOT / "tests" / "typescript"


def _run(cmd: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False, env=env)


@pytest.fixture(scope="module")
def types() -> Path:
    """Generate the types once for this module (into the git-ignored tests/typescript/generated/)."""
    result = _run(["node", "scripts/typescript-types.mjs"])
    assert result.returncode == 0, result.stdout + result.stderr
    return TS / "generated" / "schema.d.ts"


def test_the_smoke_client_type_checks(types: Path) -> None:
    result = _run([str(BIN / "tsc"), "-p", str(TS / "tsconfig.json")])
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_csv_string_is_not_a_file(types: Path) -> None:
    """With the Blob transform, passing CSV text where the file part goes is a type error, not a 415."""
    wrong = TS / "generated" / "wrong_file.ts"
    wrong.write_text(
        'import type { paths } from "./schema";\n'
        'type Body = paths["/v2/accounts/{account_sid}/contacts/upload"]["post"]["requestBody"]'
        '["content"]["multipart/form-data"];\n'
        'export const body: Body = { file: "phone_number\\n+919876543210\\n" };\n',
        encoding="utf-8",
    )
    config = TS / "generated" / "tsconfig.wrong.json"
    config.write_text('{"extends": "../tsconfig.json", "files": ["wrong_file.ts"]}', encoding="utf-8")
    result = _run([str(BIN / "tsc"), "-p", str(config)])
    assert result.returncode != 0
    assert "Type 'string' is not assignable to type 'Blob'" in result.stdout, result.stdout


def test_the_smoke_client_runs_against_the_mock(types: Path) -> None:
    with running_mock() as mock:
        env = dict(
            os.environ,
            EXOTEL_MOCK_URL=mock.base_url,
            EXOTEL_ACCOUNT_SID=mock.account_sid,
            EXOTEL_API_KEY=mock.api_key,
            EXOTEL_API_TOKEN=mock.api_token,
        )
        result = _run([str(BIN / "tsx"), str(TS / "smoke.ts")], env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "ccm: 1 created, 3 error rows, error CSV 4 lines", result.stdout
    assert lines[1].startswith("campaign: list "), result.stdout
    assert lines[1].endswith(", 2 of 3 added"), result.stdout
    assert lines[2].startswith("bulk: created "), result.stdout
    assert lines[2].endswith("; invalid (1002); duplicate (1008)"), result.stdout
