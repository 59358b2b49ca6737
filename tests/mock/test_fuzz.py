"""Schemathesis against the mock in-process (ASGI): every operation, every check, positive and
negative data, then the stateful phase along the spec's links. Settings: schemathesis.toml.

EXOTEL_FUZZ_EXAMPLES overrides the examples per operation (default 100; `make fuzz` uses 1000).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from exotel_contacts_mock import MockConfig, create_app
from exotel_contacts_mock.app import spec_path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("EXOTEL_FUZZ_EXAMPLES", "100"))

CONFIG = SchemathesisConfig.from_path(ROOT / "schemathesis.toml")
CONFIG.projects.default.generation.update(max_examples=EXAMPLES)

# No rate limit (200 requests a minute would turn most cases into 429s) and instant processing, so the
# links reach completed uploads and their error files. Both limits have behaviour tests of their own.
APP = create_app(MockConfig(rate_limit=0, processing_rate=0))

schema = schemathesis.openapi.from_path(spec_path(), config=CONFIG)
schema.app = APP


@pytest.fixture(scope="module", autouse=True)
def _close_app() -> Iterator[None]:
    yield
    APP.close()


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation(case: schemathesis.Case) -> None:
    """Each operation, positive and negative data, all default checks (ignored_auth included)."""
    case.call_and_validate()


class StateMachine(schema.as_state_machine()):  # type: ignore[misc]
    """The links' state machine, on the demo account, from an empty store each run (list names are
    unique: what one run created would change what the next one draws)."""

    def setup(self) -> None:
        APP.store.reset()

    def before_call(self, case: schemathesis.Case) -> None:
        # schemathesis.toml's `path.account_sid = "demo"` does not reach the stateful phase's first
        # calls: without this they go to random accounts (403) and no link is ever followed.
        if case.path_parameters and "account_sid" in case.path_parameters:
            case.path_parameters["account_sid"] = "demo"


def test_stateful_links() -> None:
    """Upload, then follow the links to the status and errors (and the Campaign status)."""
    StateMachine.run(
        settings=settings(
            max_examples=max(EXAMPLES // 4, 10),
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        )
    )
