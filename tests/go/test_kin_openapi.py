"""A second ecosystem: Go with Debian's kin-openapi (golang-go, golang-github-getkin-kin-openapi-dev;
GOPATH mode, nothing fetched) loads and validates openapi.yaml, then validates the requests and answers
of a short run against the mock with openapi3filter (tests/go/speccheck/main.go). `make test` installs
the two packages when missing (`make go-tools`); without them this skips, and fails under CI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from exotel_contacts_mock.testing import RunningMock

ROOT = Path(__file__).resolve().parents[2]
GOPATH = Path("/usr/share/gocode")
KIN_OPENAPI = GOPATH / "src" / "github.com" / "getkin" / "kin-openapi" / "openapi3filter"


def _go_env() -> dict[str, str]:
    # GOPATH mode over Debian's sources: no module download, no proxy, no toolchain switch.
    return {
        **os.environ,
        "GO111MODULE": "off",
        "GOPATH": str(GOPATH),
        "GOFLAGS": "",
        "GOPROXY": "off",
        "GOTOOLCHAIN": "local",
    }


@pytest.fixture(scope="module")
def speccheck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("go") is None or not KIN_OPENAPI.is_dir():
        message = (
            "Debian's golang-go and golang-github-getkin-kin-openapi-dev are not installed (make go-tools)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    binary = tmp_path_factory.mktemp("go") / "speccheck"
    built = subprocess.run(
        ["go", "build", "-o", str(binary), "./tests/go/speccheck"],
        cwd=ROOT,
        env=_go_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    return binary


def _run(speccheck: Path, spec: Path, mock: RunningMock) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "EXOTEL_MOCK_URL": mock.base_url,
        "EXOTEL_ACCOUNT_SID": mock.account_sid,
        "EXOTEL_API_KEY": mock.api_key,
        "EXOTEL_API_TOKEN": mock.api_token,
    }
    return subprocess.run(
        [str(speccheck), str(spec)], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_kin_openapi_validates_the_spec_and_the_mocks_answers(
    speccheck: Path, exotel_mock: RunningMock
) -> None:
    done = _run(speccheck, ROOT / "openapi.yaml", exotel_mock)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "loads and validates" in output
    summary = re.search(r"^(\d+) passed, (\d+) failed$", done.stdout, re.MULTILINE)
    assert summary is not None, output
    assert int(summary.group(2)) == 0, output
    assert int(summary.group(1)) == 12, output  # every exchange of the run checked


def test_an_answer_the_spec_does_not_describe_fails_the_check(
    speccheck: Path, exotel_mock: RunningMock, tmp_path: Path
) -> None:
    """The check can fail: with the 404 of getContact left out of the spec, the mock's 404 is refused."""
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    del spec["paths"]["/v2/accounts/{account_sid}/contacts/{contact_sid}"]["get"]["responses"]["404"]
    changed = tmp_path / "openapi.yaml"
    changed.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    done = _run(speccheck, changed, exotel_mock)
    assert done.returncode == 1, done.stdout
    assert re.search(r"^FAIL getContact \(unknown\) +answer 404: ", done.stdout, re.MULTILINE), done.stdout
    assert re.search(r"^11 passed, 1 failed$", done.stdout, re.MULTILINE), done.stdout
