"""The command line's network options and EXOTEL_LOG, against the mock over loopback."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from cli_support import Invoke, one_json
from network_servers import ForwardProxy

PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@pytest.fixture(autouse=True)
def clean_proxy_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.delenv("EXOTEL_LOG", raising=False)


@pytest.fixture
def logging_restored() -> Iterator[None]:
    """EXOTEL_LOG adds a handler to the package's logger: later tests must not inherit it."""
    logger = logging.getLogger("exotel_contacts")
    handlers, level, propagate = list(logger.handlers), logger.level, logger.propagate
    yield
    logger.handlers[:] = handlers
    logger.setLevel(level)
    logger.propagate = propagate


@pytest.fixture
def proxy() -> Iterator[ForwardProxy]:
    with ForwardProxy() as running:
        yield running


def test_proxy_variable_and_option(invoke: Invoke, proxy: ForwardProxy, cli_env: dict[str, str]) -> None:
    listed = invoke("lists", "ls", "--json", env={"HTTP_PROXY": proxy.url})
    assert listed.exit_code == 0, listed.stderr
    assert one_json(listed.stdout)["lists"] == []
    base = cli_env["EXOTEL_CAMPAIGN_BASE_URL"]
    assert len(proxy.lines) == 1
    assert proxy.lines[0].startswith(f"GET {base}/v2/accounts/")
    # --proxy sends everything through the proxy, NO_PROXY notwithstanding.
    forced = invoke("--proxy", proxy.url, "lists", "ls", "--json", env={"NO_PROXY": "127.0.0.1"})
    assert forced.exit_code == 0, forced.stderr
    assert len(proxy.lines) == 2
    # NO_PROXY alone: direct.
    assert invoke("lists", "ls", env={"HTTP_PROXY": proxy.url, "NO_PROXY": "127.0.0.1"}).exit_code == 0
    assert len(proxy.lines) == 2


def test_unusable_network_options_are_one_error_line(invoke: Invoke, tmp_path: object) -> None:
    for args in (["--ca-bundle", "/nonexistent/ca.pem"], ["--client-cert", "/nonexistent/cert.pem"]):
        result = invoke(*args, "lists", "ls")
        assert result.exit_code == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("error: ")
        assert "/nonexistent/" in lines[0]


def test_exotel_log_info_shows_each_request_on_stderr(
    invoke: Invoke, cli_env: dict[str, str], logging_restored: None
) -> None:
    quiet = invoke("lists", "ls", "--json")
    assert quiet.stderr == ""
    loud = invoke("lists", "ls", "--json", env={"EXOTEL_LOG": "info"})
    assert loud.exit_code == 0
    one_json(loud.stdout)  # stdout keeps its one document
    base = cli_env["EXOTEL_CAMPAIGN_BASE_URL"]
    lines = [line for line in loud.stderr.splitlines() if "exotel_contacts.http" in line]
    assert len(lines) == 1, loud.stderr
    assert f"GET {base}/v2/accounts/" in lines[0]
    assert "-> 200 OK (attempt 1," in lines[0]
    assert cli_env["EXOTEL_API_TOKEN"] not in loud.stderr
