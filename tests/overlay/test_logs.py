"""``EXOTEL_LOG=info|debug`` turns the package's logging on; without it an unconfigured app sees at most
one line per retry (and no stamina event line). Both clients."""

from __future__ import annotations

import base64
import logging
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator

import httpx
import pytest

from exotel_contacts.core import logs as _logs

from .conftest import ACCESS_CANARY, CANARY, Either, FakeExotel, ccm_status, error_body, json_response

STATUS_PATH = "/contacts/upload/up_1"


@pytest.fixture
def switch_off() -> Iterator[None]:
    """Whatever a test turns on is turned off again (handlers and levels are process-wide)."""
    logger = logging.getLogger("exotel_contacts")
    handlers, level = list(logger.handlers), logger.level
    yield
    logger.handlers[:] = handlers
    logger.setLevel(level)


def test_log_level_reads_the_variable() -> None:
    assert _logs.log_level({"EXOTEL_LOG": "info"}) == logging.INFO
    assert _logs.log_level({"EXOTEL_LOG": " DEBUG "}) == logging.DEBUG
    assert _logs.log_level({"EXOTEL_LOG": "loud"}) is None
    assert _logs.log_level({}) is None


def test_switch_adds_one_stderr_handler(switch_off: None, capsys: pytest.CaptureFixture[str]) -> None:
    _logs.setup_logging({"EXOTEL_LOG": "info"})
    _logs.setup_logging({"EXOTEL_LOG": "info"})
    logger = logging.getLogger("exotel_contacts")
    assert sum(isinstance(h, _logs._SwitchHandler) for h in logger.handlers) == 1
    assert logger.level == logging.INFO
    logging.getLogger("exotel_contacts.http").info("hello %s", "there")
    assert "exotel_contacts.http INFO] hello there" in capsys.readouterr().err


async def test_info_line_per_attempt(
    either: Either, fake: FakeExotel, caplog: pytest.LogCaptureFixture
) -> None:
    fake.add("GET", STATUS_PATH, json_response(503, error_body(503, 503, "busy")), ccm_status())
    with caplog.at_level(logging.INFO, logger="exotel_contacts.http"):
        await either.call("get_upload_status", "up_1")
    lines = [r.getMessage() for r in caplog.records if r.name == "exotel_contacts.http"]
    url = "https://ccm.test/v2/accounts/acct_test/contacts/upload/up_1"
    assert len(lines) == 2
    assert lines[0].startswith(f"GET {url} -> 503 Service Unavailable (attempt 1, ")
    assert lines[1].startswith(f"GET {url} -> 200 OK (attempt 2, ")
    assert all("rate-limit wait" in line for line in lines)
    assert not any(r.levelno == logging.DEBUG for r in caplog.records if r.name == "exotel_contacts.http")


async def test_debug_shows_headers_with_secrets_redacted(
    either: Either, fake: FakeExotel, caplog: pytest.LogCaptureFixture
) -> None:
    # A proxy that echoes the credentials back in a header of its answer.
    def echo(request: object) -> object:
        auth = request.headers["authorization"]  # type: ignore[attr-defined]
        return json_response(200, ccm_status(), **{"x-echo": f"{auth} {CANARY}", "set-cookie": "s=1"})

    fake.add("GET", STATUS_PATH, echo)
    with caplog.at_level(logging.DEBUG, logger="exotel_contacts.http"):
        await either.call("get_upload_status", "up_1")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "request headers:" in text
    assert "authorization: ***" in text
    assert "set-cookie: ***" in text
    assert "x-echo: Basic *** ***" in text
    assert CANARY not in text
    assert ACCESS_CANARY not in text


def test_short_secrets_are_masked_only_where_they_stand_alone() -> None:
    request = httpx.Request("GET", "https://x.test", headers={"Authorization": "Bearer t"})
    secrets = _logs.request_secrets(request)
    assert _logs._headers([("user-agent", "httpx/0.28"), ("x-echo", "Bearer t")], secrets) == (
        "user-agent: httpx/0.28, x-echo: Bearer ***"
    )


def test_request_secrets_of_basic_and_bearer() -> None:
    basic = base64.b64encode(b"key:tok").decode()
    request = httpx.Request("GET", "https://x.test", headers={"Authorization": f"Basic {basic}"})
    assert _logs.request_secrets(request) == (basic, "tok")
    bearer = httpx.Request("GET", "https://x.test", headers={"Authorization": "Bearer abc"})
    assert _logs.request_secrets(bearer) == ("abc",)
    assert _logs.request_secrets(httpx.Request("GET", "https://x.test")) == ()


_QUIET_APP = textwrap.dedent(
    """
    import httpx, exotel_contacts
    answers = [httpx.Response(503), httpx.Response(200, json=%r)]
    client = exotel_contacts.Client(
        account_sid="acct_test", api_key="k", api_token="t", environ={}, rate_limit_per_minute=None,
        ccm_base_url="https://ccm.test", campaign_base_url="https://campaign.test",
        retry=exotel_contacts.RetryPolicy(wait_initial=0, wait_max=0, jitter=0),
        transport=httpx.MockTransport(lambda request: answers.pop(0)),
    )
    client.get_upload_status("up_1")
    client.get_upload_status("up_1") if answers else None
    client.close()
    """
)


@pytest.mark.parametrize(("switch", "lines"), [("", 1), ("info", 3)])
def test_an_unconfigured_app_sees_one_line_per_retry_and_no_stamina_line(switch: str, lines: int) -> None:
    env = {k: v for k, v in os.environ.items() if k != "EXOTEL_LOG"}
    if switch:
        env["EXOTEL_LOG"] = switch
    done = subprocess.run(
        [sys.executable, "-c", _QUIET_APP % (ccm_status(),)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    err = done.stderr.strip().splitlines()
    assert "stamina" not in done.stderr
    assert len(err) == lines, done.stderr
    assert any("Retrying GET https://ccm.test/" in line for line in err)
    assert done.stdout == ""
