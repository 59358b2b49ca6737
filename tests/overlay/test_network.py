"""Network settings: environment proxies as httpx honours them, proxy=, verify=, cert=, EXOTEL_* variables.

Everything runs on loopback: a forwarding proxy (CONNECT included) and an answer server over plain HTTP
or TLS whose certificate comes from a test CA (trustme). Both clients.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme
from network_servers import ForwardProxy, answer_server

import exotel_contacts
from exotel_contacts import APIConnectionError, ConfigurationError

from .conftest import Either, FakeExotel, make_client

PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@pytest.fixture(autouse=True)
def clean_proxy_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy variable of the machine leaks into these tests (nor out of them)."""
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def ca_file(ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


def _server_context(ca: trustme.CA, *, client_ca: trustme.CA | None = None) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost", "127.0.0.1").configure_cert(context)
    if client_ca is not None:
        client_ca.configure_trust(context)
        context.verify_mode = ssl.CERT_REQUIRED
    return context


@pytest.fixture
def tls_server(ca: trustme.CA) -> Iterator[Any]:
    with answer_server(_server_context(ca)) as server:
        yield server


@pytest.fixture
def plain_server() -> Iterator[Any]:
    with answer_server() as server:
        yield server


@pytest.fixture
def proxy() -> Iterator[ForwardProxy]:
    with ForwardProxy() as running:
        yield running


def client(kind: str, url: str, **options: Any) -> Either:
    settings: dict[str, Any] = {"transport": None, "ccm_base_url": url, "campaign_base_url": url}
    settings.update(options)
    return Either(make_client(kind, FakeExotel(), **settings))


async def status_via(either: Either) -> Any:
    try:
        return await either.call("get_upload_status", "up_1")
    finally:
        await either.close()


# ---- TLS --------------------------------------------------------------------------------------


async def test_a_test_ca_is_refused_by_default_and_trusted_when_given(
    kind: str, tls_server: Any, ca_file: Path
) -> None:
    with pytest.raises(APIConnectionError, match=r"CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
        await status_via(client(kind, tls_server.url))
    status = await status_via(client(kind, tls_server.url, verify=ca_file))
    assert status.upload_id == "up_1"


async def test_ca_bundle_from_the_variable_and_from_an_ssl_context(
    kind: str, tls_server: Any, ca_file: Path, ca: trustme.CA
) -> None:
    by_variable = client(kind, tls_server.url, environ={"EXOTEL_CA_BUNDLE": str(ca_file)})
    assert (await status_via(by_variable)).status == "completed"
    context = ssl.create_default_context()
    ca.configure_trust(context)
    assert (await status_via(client(kind, tls_server.url, verify=context))).status == "completed"


async def test_verify_false_skips_verification(kind: str, tls_server: Any) -> None:
    made = client(kind, tls_server.url, verify=False)
    assert (await status_via(made)).upload_id == "up_1"
    # Only as a keyword: no variable turns verification off.
    assert exotel_contacts.NetworkSettings.resolve(environ={"EXOTEL_CA_BUNDLE": ""}).verify is True


async def test_ssl_cert_file_is_honoured_as_httpx_honours_it(
    kind: str, tls_server: Any, ca_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    assert (await status_via(client(kind, tls_server.url))).status == "completed"
    with pytest.raises(APIConnectionError):
        await status_via(client(kind, tls_server.url, trust_env=False))


async def test_client_certificate(kind: str, ca: trustme.CA, ca_file: Path, tmp_path: Path) -> None:
    client_ca = trustme.CA()
    issued = client_ca.issue_cert("client@example.test")
    cert_file, key_file = tmp_path / "client.pem", tmp_path / "client.key"
    for blob in issued.cert_chain_pems:
        with cert_file.open("ab") as handle:
            handle.write(blob.bytes())
    issued.private_key_pem.write_to_path(str(key_file))
    with answer_server(_server_context(ca, client_ca=client_ca)) as server:
        with pytest.raises(APIConnectionError):
            await status_via(client(kind, server.url, verify=ca_file))
        answered = await status_via(client(kind, server.url, verify=ca_file, cert=(cert_file, key_file)))
        assert answered.upload_id == "up_1"
        environ = {
            "EXOTEL_CA_BUNDLE": str(ca_file),
            "EXOTEL_CLIENT_CERT": str(cert_file),
            "EXOTEL_CLIENT_KEY": str(key_file),
        }
        assert (await status_via(client(kind, server.url, environ=environ))).upload_id == "up_1"


# ---- proxies ------------------------------------------------------------------------------------


async def test_https_proxy_variable_tunnels_with_connect(
    kind: str, tls_server: Any, ca_file: Path, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    status = await status_via(client(kind, tls_server.url, verify=ca_file))
    assert status.upload_id == "up_1"
    port = tls_server.url.rsplit(":", 1)[1]
    assert proxy.lines == [f"CONNECT localhost:{port}"]
    assert tls_server.paths == ["/v2/accounts/acct_test/contacts/upload/up_1"]


async def test_http_proxy_variable_forwards_plain_http(
    kind: str, plain_server: Any, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("http_proxy", proxy.url)
    assert (await status_via(client(kind, plain_server.url))).upload_id == "up_1"
    assert proxy.lines == [f"GET {plain_server.url}/v2/accounts/acct_test/contacts/upload/up_1"]


async def test_no_proxy_and_trust_env_false_go_direct(
    kind: str, tls_server: Any, ca_file: Path, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    assert (await status_via(client(kind, tls_server.url, verify=ca_file, trust_env=False))).upload_id
    monkeypatch.setenv("NO_PROXY", "localhost")
    assert (await status_via(client(kind, tls_server.url, verify=ca_file))).upload_id
    assert proxy.lines == []
    assert len(tls_server.paths) == 2


async def test_proxy_argument_and_variable_with_credentials(
    kind: str, tls_server: Any, ca_file: Path, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_PROXY", "localhost")  # proxy= wins over the environment, as in httpx
    with_password = proxy.url.replace("http://", "http://egress:pa55word@")
    made = client(kind, tls_server.url, verify=ca_file, proxy=with_password)
    assert "pa55word" not in repr(made.client.network)
    assert (await status_via(made)).upload_id == "up_1"
    by_variable = client(kind, tls_server.url, verify=ca_file, environ={"EXOTEL_PROXY": proxy.url})
    assert (await status_via(by_variable)).upload_id == "up_1"
    assert [line.split(" ")[0] for line in proxy.lines] == ["CONNECT", "CONNECT"]
    assert str(proxy.auth[0]).startswith("Basic ")
    assert proxy.auth[1] is None


async def test_retries_and_the_rate_limit_still_wrap_a_proxied_request(
    kind: str, tls_server: Any, ca_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A proxy that is down: ConnectError is never-sent, so it is replayed up to max_attempts.
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    records: list[Any] = []
    policy = exotel_contacts.RetryPolicy(max_attempts=3, on_retry=records.append)
    with pytest.raises(APIConnectionError, match="proxy"):
        await status_via(client(kind, tls_server.url, verify=ca_file, retry=policy))
    assert [r.reason for r in records] == ["ConnectError", "ConnectError"]
    assert tls_server.paths == []


# ---- settings -----------------------------------------------------------------------------------


def test_unusable_settings_fail_at_construction(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="EXOTEL_CA_BUNDLE"):
        make_client("sync", FakeExotel(), environ={"EXOTEL_CA_BUNDLE": str(tmp_path / "missing.pem")})
    with pytest.raises(ConfigurationError, match="EXOTEL_CLIENT_KEY is set without"):
        make_client("sync", FakeExotel(), environ={"EXOTEL_CLIENT_KEY": str(tmp_path)})
    with pytest.raises(ConfigurationError, match="proxy"):
        make_client("sync", FakeExotel(), proxy="ftp://nowhere")
    bad = tmp_path / "bad.pem"
    bad.write_text("not a certificate")
    with pytest.raises(ConfigurationError, match="TLS settings could not be loaded"):
        make_client("sync", FakeExotel(), transport=None, verify=bad)


def test_network_settings_resolve_and_repr() -> None:
    settings = exotel_contacts.NetworkSettings.resolve(proxy="http://u:secret@proxy.test:3128", environ={})
    assert settings.proxy_map().keys() == {"all://"}
    assert "secret" not in repr(settings)
    assert exotel_contacts.NetworkSettings.resolve(trust_env=False, environ={}).proxy_map() == {}
