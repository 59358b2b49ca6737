"""Running the command line in-process against the mock."""

from __future__ import annotations

from typing import Any

import pytest
from cli_support import Invoke
from typer.testing import CliRunner

from exotel_contacts.cli import app
from exotel_contacts_mock.background import RunningMock


@pytest.fixture
def cli_env(exotel_mock: RunningMock) -> dict[str, str]:
    """The EXOTEL_* variables that point the command line at the mock."""
    return {
        "EXOTEL_ACCOUNT_SID": exotel_mock.account_sid,
        "EXOTEL_API_KEY": exotel_mock.api_key,
        "EXOTEL_API_TOKEN": exotel_mock.api_token,
        "EXOTEL_CCM_BASE_URL": exotel_mock.base_url,
        "EXOTEL_CAMPAIGN_BASE_URL": exotel_mock.base_url,
        "EXOTEL_TIMEOUT": "10",
        "CI": "1",
    }


@pytest.fixture
def invoke(cli_env: dict[str, str]) -> Invoke:
    """Run ``exotel-contacts ARGS`` and return the result (stdout and stderr apart)."""
    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None) -> Any:
        return runner.invoke(app, list(args), env={**cli_env, **(env or {})}, catch_exceptions=False)

    return run
