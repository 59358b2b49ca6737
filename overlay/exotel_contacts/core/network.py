"""Network settings as httpx users have them: environment proxies, ``proxy=``, ``verify=``, ``cert=``.

A client given ``transport=`` reads no proxy variable (httpx's rule), so the innermost transport
(:mod:`exotel_contacts.core._async.network`) routes each request as ``httpx.Client(trust_env=True)``
would. See docs/guides/network-logging-tracing.md.
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Mapping
from pathlib import Path

import attrs
import httpx
from httpx._utils import get_environment_proxies

from exotel_contacts.base.exceptions import ConfigurationError

__all__ = ["CertInput", "NetworkSettings", "ProxyInput", "VerifyInput", "hide_password"]

ProxyInput = str | httpx.URL | httpx.Proxy
VerifyInput = bool | str | Path | ssl.SSLContext
CertInput = str | Path | tuple[str | Path, str | Path]


def hide_password(url: str | httpx.URL) -> str:
    """``url`` with any password in it replaced by ``***`` (proxy URLs carry credentials)."""
    try:
        parsed = httpx.URL(str(url))
    except (httpx.InvalidURL, TypeError):
        return "<unparsable URL>"
    if parsed.password:
        parsed = parsed.copy_with(password="***")  # noqa: S106 - the mask, not a password
    return str(parsed)


def _check_proxy(value: ProxyInput, var: str) -> httpx.Proxy:
    try:
        proxy = value if isinstance(value, httpx.Proxy) else httpx.Proxy(url=value)
    except (ValueError, TypeError, httpx.InvalidURL) as exc:
        shown = hide_password(value) if isinstance(value, str | httpx.URL) else type(value).__name__
        raise ConfigurationError(
            f"{var} is not a usable proxy URL ({shown}): {type(exc).__name__}",
            how_to_fix="Give the proxy as http://host:port (https:// and socks5:// too)",
        ) from None
    return proxy


def _existing(path: str | Path, what: str, *, dir_ok: bool) -> Path:
    found = Path(path).expanduser()
    if found.is_file() or (dir_ok and found.is_dir()):
        return found
    raise ConfigurationError(
        f"{what}: no such {'file or directory' if dir_ok else 'file'}: {str(found)!r}",
        how_to_fix="Point it at the PEM file you were given",
    )


_CA = "the CA bundle (verify=, EXOTEL_CA_BUNDLE)"
_CERT = "the client certificate (cert=, EXOTEL_CLIENT_CERT)"
_KEY = "the client key (cert=, EXOTEL_CLIENT_KEY)"


@attrs.frozen
class NetworkSettings:
    """How requests leave the machine: proxy, environment proxies, TLS verification, client cert."""

    proxy: httpx.Proxy | None = attrs.field(
        default=None, repr=lambda p: repr(hide_password(p.url)) if p else "None"
    )
    verify: bool | Path | ssl.SSLContext = True
    cert: tuple[Path, Path | None] | None = None
    trust_env: bool = True

    @classmethod
    def resolve(
        cls,
        *,
        proxy: ProxyInput | None = None,
        verify: VerifyInput | None = None,
        cert: CertInput | None = None,
        trust_env: bool = True,
        environ: Mapping[str, str] | None = None,
    ) -> NetworkSettings:
        """Each setting from its argument, else its ``EXOTEL_*`` variable, else the default."""
        env = os.environ if environ is None else environ

        def pick(var: str) -> str | None:
            value = env.get(var, "").strip()
            return value or None

        proxy_var = "proxy" if proxy is not None else "EXOTEL_PROXY"
        proxy_value = proxy if proxy is not None else pick("EXOTEL_PROXY")
        checked_proxy = _check_proxy(proxy_value, proxy_var) if proxy_value is not None else None

        verify_value = verify if verify is not None else pick("EXOTEL_CA_BUNDLE") or True
        if isinstance(verify_value, str | Path):
            verify_value = _existing(verify_value, _CA, dir_ok=True)
        elif not isinstance(verify_value, bool | ssl.SSLContext):
            raise ConfigurationError(
                "verify must be True, False, a CA bundle path or an ssl.SSLContext, "
                f"got {type(verify).__name__}"
            )

        cert_file: str | Path | None = cert if isinstance(cert, str | Path) else None
        key_file: str | Path | None = None
        if cert is None:
            cert_file, key_file = pick("EXOTEL_CLIENT_CERT"), pick("EXOTEL_CLIENT_KEY")
            if key_file and not cert_file:
                raise ConfigurationError("EXOTEL_CLIENT_KEY is set without EXOTEL_CLIENT_CERT")
        elif isinstance(cert, tuple) and len(cert) == 2:
            cert_file, key_file = cert
        elif cert_file is None:
            raise ConfigurationError("cert must be a certificate file or a (certificate, key) pair of files")
        cert_value = None
        if cert_file is not None:
            cert_value = (
                _existing(cert_file, _CERT, dir_ok=False),
                _existing(key_file, _KEY, dir_ok=False) if key_file is not None else None,
            )
        if not isinstance(trust_env, bool):
            raise ConfigurationError(f"trust_env must be True or False, got {trust_env!r}")
        return cls(proxy=checked_proxy, verify=verify_value, cert=cert_value, trust_env=trust_env)

    def ssl_context(self) -> ssl.SSLContext | bool:
        """What httpx's ``verify=`` gets: ``True`` (its default, honouring ``SSL_CERT_*``) or a context."""
        if self.verify is True and self.cert is None:
            return True
        try:
            if isinstance(self.verify, ssl.SSLContext):
                context = self.verify
            elif isinstance(self.verify, Path):
                location = str(self.verify)
                context = (
                    ssl.create_default_context(capath=location)
                    if self.verify.is_dir()
                    else ssl.create_default_context(cafile=location)
                )
            else:
                context = httpx.create_ssl_context(verify=self.verify, trust_env=self.trust_env)
            if self.cert is not None:
                certfile, keyfile = self.cert
                context.load_cert_chain(str(certfile), str(keyfile) if keyfile else None)
        except (ssl.SSLError, OSError) as exc:
            raise ConfigurationError(
                f"The TLS settings could not be loaded ({type(exc).__name__}: {exc})",
                how_to_fix="verify= / EXOTEL_CA_BUNDLE and cert= / EXOTEL_CLIENT_CERT take PEM files",
            ) from None
        return context

    def proxy_map(self) -> dict[str, httpx.Proxy | None]:
        """URL pattern -> proxy (``None``: go direct), as ``httpx.Client`` builds its mounts."""
        if self.proxy is not None:
            return {"all://": self.proxy}
        if not self.trust_env:
            return {}
        mapped: dict[str, httpx.Proxy | None] = {}
        for pattern, url in get_environment_proxies().items():
            mapped[pattern] = None if url is None else _check_proxy(url, f"the proxy variable for {pattern}")
        return mapped
