"""The innermost transport: the direct connection pool, or a proxy's, chosen per request as httpx does."""

from __future__ import annotations

import ssl

import httpx
from httpx._utils import URLPattern

from exotel_contacts.base.exceptions import ConfigurationError

from ..network import NetworkSettings

__all__ = ["AsyncRoutingTransport", "network_transport"]


class AsyncRoutingTransport(httpx.AsyncBaseTransport):
    """Sends each request through the transport of the first URL pattern it matches (httpx's patterns,
    sorted as ``httpx.AsyncClient`` sorts its mounts), else (or for ``None``: ``NO_PROXY``) ``direct``."""

    def __init__(
        self, direct: httpx.AsyncBaseTransport, mounts: dict[str, httpx.AsyncBaseTransport | None]
    ) -> None:
        self.direct = direct
        self.mounts = dict(sorted((URLPattern(key), value) for key, value in mounts.items()))

    def route(self, url: httpx.URL) -> httpx.AsyncBaseTransport:
        """The transport a request to ``url`` leaves through."""
        for pattern, transport in self.mounts.items():
            if pattern.matches(url):
                return self.direct if transport is None else transport
        return self.direct

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` through its route.

        A TLS alert after the handshake (a TLS 1.3 server refusing a missing client certificate)
        escapes httpcore's async backend as a bare ``ssl.SSLError``: raised as the sync backend's
        ``httpx.ReadError``, so the replay rules and typed errors see it.
        """
        try:
            return await self.route(request.url).handle_async_request(request)
        except ssl.SSLError as exc:
            raise httpx.ReadError(f"TLS: {exc}", request=request) from exc

    async def aclose(self) -> None:
        """Close the direct pool and every proxy's."""
        await self.direct.aclose()
        for transport in self.mounts.values():
            if transport is not None:
                await transport.aclose()


def network_transport(settings: NetworkSettings) -> httpx.AsyncBaseTransport:
    """The connection pool(s) for ``settings``: one direct, one per proxy in use."""
    verify = settings.ssl_context()
    direct = httpx.AsyncHTTPTransport(verify=verify, trust_env=settings.trust_env)
    mounts: dict[str, httpx.AsyncBaseTransport | None] = {}
    for pattern, proxy in settings.proxy_map().items():
        try:
            mounts[pattern] = (
                None
                if proxy is None
                else httpx.AsyncHTTPTransport(verify=verify, trust_env=settings.trust_env, proxy=proxy)
            )
        except ImportError as exc:  # socks5:// needs httpx[socks]
            raise ConfigurationError(
                f"The proxy for {pattern} needs an extra package ({exc})",
                how_to_fix="pip install 'httpx[socks]' for a socks5:// proxy",
            ) from None
    return AsyncRoutingTransport(direct, mounts)
