"""httpx auth for each API family; credentials never appear in reprs."""

from __future__ import annotations

from collections.abc import Generator

import httpx

from exotel_contacts.base.exceptions import ConfigurationError

from .config import ClientConfig

__all__ = ["BearerAuth", "MissingBasicAuth", "auth_for"]


class BearerAuth(httpx.Auth):
    """``Authorization: Bearer <access_token>`` (CCM only)."""

    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def __repr__(self) -> str:
        return "BearerAuth(token=***)"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Add the header."""
        request.headers["Authorization"] = self._header
        yield request


class MissingBasicAuth(httpx.Auth):
    """Stands in for Basic credentials that are not configured: fails before the request is sent."""

    def __repr__(self) -> str:
        return "MissingBasicAuth()"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Raise :class:`ConfigurationError`."""
        raise ConfigurationError(
            "Campaign operations need HTTP Basic credentials: set EXOTEL_API_KEY and EXOTEL_API_TOKEN "
            "(or pass api_key= and api_token=); EXOTEL_ACCESS_TOKEN works for CCM operations only",
        )
        yield request  # pragma: no cover - makes this a generator, as httpx expects


class _BasicAuth(httpx.BasicAuth):
    def __repr__(self) -> str:
        return "BasicAuth(***)"


def auth_for(config: ClientConfig, family: str) -> httpx.Auth:
    """Basic when key and token are configured (both families); else Bearer for CCM."""
    if config.api_key and config.api_token:
        return _BasicAuth(config.api_key, config.api_token)
    if family == "ccm" and config.access_token:
        return BearerAuth(config.access_token)
    return MissingBasicAuth()
