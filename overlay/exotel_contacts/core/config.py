"""One frozen configuration, resolved from keyword arguments, then ``EXOTEL_*`` variables, then defaults;
and the httpx auth it gives each API family (credentials never appear in reprs)."""

from __future__ import annotations

import base64
import os
from collections.abc import Generator, Mapping
from typing import Any

import attrs
import httpx

from exotel_contacts.base.exceptions import ConfigurationError
from exotel_contacts.base.settings import check_count, check_seconds, env_number

__all__ = [
    "DEFAULT_ATTEMPT_TIMEOUT",
    "DEFAULT_CALL_TIMEOUT",
    "DEFAULT_MAX_DOWNLOAD_BYTES",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_TIMEOUT",
    "REGIONS",
    "ClientConfig",
    "auth_for",
]

#: Base URLs per region: (CCM, Campaign). Generators ignore the spec's ``servers``, so we map here.
REGIONS: Mapping[str, tuple[str, str]] = {
    "singapore": ("https://ccm-api.exotel.com", "https://api.exotel.com"),
    "mumbai": ("https://ccm-api.in.exotel.com", "https://api.in.exotel.com"),
}

#: Seconds for each network operation (connect, read, write, pool); the generated client has none.
DEFAULT_TIMEOUT = 30.0
#: Seconds for one attempt, connect to last byte: a 60 MB Campaign upload at 2 Mbit/s fits.
DEFAULT_ATTEMPT_TIMEOUT = 300.0
#: Seconds for one call: every attempt and every wait between them.
DEFAULT_CALL_TIMEOUT = 600.0
#: Bytes of one JSON answer, decoded: 40x the largest legitimate one (a 5000-item 207, ~1.5 MB).
DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024
#: Bytes of one downloaded error file (written to disk as it arrives, never held in memory).
DEFAULT_MAX_DOWNLOAD_BYTES = 2 * 1024 * 1024 * 1024
_MIN_BYTES = 1024


@attrs.frozen
class ClientConfig:
    """Everything a client needs to talk to Exotel; immutable, and its repr shows no secrets.

    Authentication: Campaign operations take HTTP Basic only (``api_key`` + ``api_token``). CCM
    operations take Basic or ``Bearer <access_token>``; when both are configured CCM uses **Basic**,
    so one credential pair serves both families and a short-lived access token is never preferred
    over the long-lived key that Campaign needs anyway.
    """

    account_sid: str
    api_key: str | None = None
    api_token: str | None = attrs.field(default=None, repr=False)
    access_token: str | None = attrs.field(default=None, repr=False)
    region: str = "singapore"
    ccm_base_url: str = REGIONS["singapore"][0]
    campaign_base_url: str = REGIONS["singapore"][1]
    timeout: float = DEFAULT_TIMEOUT
    attempt_timeout: float = DEFAULT_ATTEMPT_TIMEOUT
    """Seconds one attempt may take, connect to last byte, however slowly the bytes arrive."""
    call_timeout: float = DEFAULT_CALL_TIMEOUT
    """Seconds one call may take: every attempt and every wait between them."""
    max_response_bytes: int = attrs.field(default=DEFAULT_MAX_RESPONSE_BYTES, metadata={"max": 4 * 1024**3})
    """Largest JSON answer read, counted decoded (a gzip bomb stops here)."""
    max_download_bytes: int = attrs.field(default=DEFAULT_MAX_DOWNLOAD_BYTES, metadata={"max": 1024**4})
    """Largest error file downloaded."""

    @property
    def has_basic(self) -> bool:
        """Whether HTTP Basic credentials (key and token) are configured."""
        return bool(self.api_key and self.api_token)

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every secret value, and its encoded Basic form, for redaction."""
        return tuple(s for s in (self.api_token, self.access_token, _basic(self)) if s)

    def redact(self, text: str) -> str:
        """``text`` with every secret replaced by ``***``."""
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text

    @classmethod
    def resolve(
        cls,
        *,
        account_sid: str | None = None,
        api_key: str | None = None,
        api_token: str | None = None,
        access_token: str | None = None,
        region: str | None = None,
        ccm_base_url: str | None = None,
        campaign_base_url: str | None = None,
        timeout: float | None = None,
        attempt_timeout: float | None = None,
        call_timeout: float | None = None,
        max_response_bytes: int | None = None,
        max_download_bytes: int | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> ClientConfig:
        """Resolve each setting from its argument, else its ``EXOTEL_*`` variable, else the default.

        Raises :class:`ConfigurationError`, naming the variable to set, when the account SID or every
        usable credential is missing, or a value cannot be used.
        """
        env = os.environ if environ is None else environ

        def pick(value: str | None, var: str, *, header: bool = False) -> str | None:
            value = (env.get(var) if value is None else value) or ""
            value = value.strip()
            # A value that cannot go into an HTTP header would fail deep inside httpx, confusingly.
            if header and (not value.isascii() or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value)):
                raise ConfigurationError(
                    f"{var} contains characters that cannot be sent in an HTTP header "
                    "(control characters or non-ASCII); copy it again from the dashboard",
                )
            return value or None

        sid = pick(account_sid, "EXOTEL_ACCOUNT_SID", header=True)
        if sid is None:
            raise ConfigurationError(
                "No Exotel account SID: pass account_sid= or set EXOTEL_ACCOUNT_SID",
                how_to_fix="Copy the account SID from the API settings page of the Exotel dashboard",
            )
        key = pick(api_key, "EXOTEL_API_KEY", header=True)
        token = pick(api_token, "EXOTEL_API_TOKEN", header=True)
        bearer = pick(access_token, "EXOTEL_ACCESS_TOKEN", header=True)
        if key is not None and ":" in key:
            raise ConfigurationError(
                "EXOTEL_API_KEY contains ':', which HTTP Basic cannot carry in a user name",
                how_to_fix="Copy the API key again from the dashboard",
            )
        if (key is None) != (token is None):
            missing = "EXOTEL_API_TOKEN" if token is None else "EXOTEL_API_KEY"
            raise ConfigurationError(
                f"Half a credential pair: set {missing} (or pass it) to go with the other one",
                how_to_fix="The API key and API token are both on the API settings page of the dashboard",
            )
        if key is None and bearer is None:
            raise ConfigurationError(
                "No Exotel credentials: set EXOTEL_API_KEY and EXOTEL_API_TOKEN "
                "(or EXOTEL_ACCESS_TOKEN for CCM operations only)",
                how_to_fix="Copy the API key and token from the API settings page of the dashboard",
            )

        region_name = (pick(region, "EXOTEL_REGION") or "singapore").lower()
        if region_name not in REGIONS:
            raise ConfigurationError(
                f"Unknown EXOTEL_REGION {region_name!r}; use one of: {', '.join(REGIONS)}",
            )
        ccm_default, campaign_default = REGIONS[region_name]
        ccm = _check_url(pick(ccm_base_url, "EXOTEL_CCM_BASE_URL") or ccm_default, "EXOTEL_CCM_BASE_URL")
        campaign = _check_url(
            pick(campaign_base_url, "EXOTEL_CAMPAIGN_BASE_URL") or campaign_default,
            "EXOTEL_CAMPAIGN_BASE_URL",
        )
        return cls(
            account_sid=sid,
            api_key=key,
            api_token=token,
            access_token=bearer,
            region=region_name,
            ccm_base_url=ccm,
            campaign_base_url=campaign,
            timeout=_number("timeout", timeout, env),
            attempt_timeout=_number("attempt_timeout", attempt_timeout, env),
            call_timeout=_number("call_timeout", call_timeout, env),
            max_response_bytes=_number("max_response_bytes", max_response_bytes, env),
            max_download_bytes=_number("max_download_bytes", max_download_bytes, env),
        )


def _check_url(url: str, var: str) -> str:
    if not url.startswith(("https://", "http://")) or len(url) <= len("https://"):
        raise ConfigurationError(f"{var} must be an http(s) URL, got {url!r}")
    return url.rstrip("/")


def _number(name: str, value: float | None, env: Mapping[str, str]) -> Any:
    # The default and (for byte sizes) the largest value are the field's own.
    var = f"EXOTEL_{name.upper()}"
    field = attrs.fields_dict(ClientConfig)[name]
    number = env_number(env.get(var), var) if value is None else value
    if number is None:
        return field.default
    if "max" in field.metadata:
        return check_count(number, name, minimum=_MIN_BYTES, maximum=field.metadata["max"], var=var)
    return check_seconds(number, name, var=var)


def _basic(config: ClientConfig) -> str:
    # key:token in base64, as HTTP Basic sends it ("" without both).
    if not config.has_basic:
        return ""
    return base64.b64encode(f"{config.api_key}:{config.api_token}".encode()).decode("ascii")


class _Auth(httpx.Auth):
    """One API family's ``Authorization`` header (its repr hides it); without one, fails before sending."""

    def __init__(self, header: str | None, shown: str) -> None:
        self._header = header
        self._shown = shown

    def __repr__(self) -> str:
        return self._shown

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Add the header, or raise :class:`ConfigurationError` (httpx calls this before sending)."""
        if self._header is None:
            raise ConfigurationError(
                "Campaign operations need HTTP Basic credentials: set EXOTEL_API_KEY and EXOTEL_API_TOKEN "
                "(or pass api_key= and api_token=); EXOTEL_ACCESS_TOKEN works for CCM operations only",
            )
        request.headers["Authorization"] = self._header
        yield request


def auth_for(config: ClientConfig, family: str) -> httpx.Auth:
    """Basic when key and token are configured (both families); else Bearer for CCM."""
    if config.has_basic:
        return _Auth(f"Basic {_basic(config)}", "BasicAuth(***)")
    if family == "ccm" and config.access_token:
        return _Auth(f"Bearer {config.access_token}", "BearerAuth(token=***)")
    return _Auth(None, "MissingBasicAuth()")
