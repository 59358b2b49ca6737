"""What the sync and async clients share: configuration, limits, auth, headers, the generated clients."""

from __future__ import annotations

import copy
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any, Generic, Protocol, Self, TypedDict, TypeVar, Unpack

import attrs
import httpx

from exotel_contacts._version import __version__
from exotel_contacts.base.exceptions import UploadFailedError
from exotel_contacts.base.families import Family
from exotel_contacts.base.rates import RateInput, RateSettings, Unset
from exotel_contacts.base.settings import check_count
from exotel_contacts.quota.redis_faults import outage_setting
from exotel_contacts.quota.windows import DEFAULT_MAX_CONCURRENT_UPLOADS, redis_url_setting
from exotel_contacts_api import SPEC_VERSION
from exotel_contacts_api import Client as GeneratedClient
from exotel_contacts_api.models import CsvStatus, UploadErrors, UploadStatus

from .bodies import ACCEPT_ENCODING, Bounds
from .config import ClientConfig, auth_for
from .network import CertInput, NetworkSettings, ProxyInput, VerifyInput
from .polling import PollSchedule
from .raw import RawView
from .response import server_url
from .retry import RetryPolicy

__all__ = [
    "DEFAULT_WAIT_TIMEOUT",
    "SPEC_VERSION",
    "BaseClient",
    "BaseHooks",
    "ClientOptions",
    "Destination",
    "Sent",
    "ccm_failure",
    "csv_failure",
    "user_agent",
]

T = TypeVar("T")


class ClientOptions(TypedDict, total=False):
    """Keyword arguments of ``Client(...)`` and ``AsyncClient(...)`` (besides ``transport``).

    Each unset one comes from its ``EXOTEL_*`` variable, else its default (see ``ClientConfig``).
    """

    account_sid: str | None
    api_key: str | None
    api_token: str | None
    access_token: str | None
    region: str | None
    ccm_base_url: str | None
    campaign_base_url: str | None
    timeout: float | None
    attempt_timeout: float | None
    call_timeout: float | None
    max_response_bytes: int | None
    max_download_bytes: int | None
    retry: RetryPolicy | None
    rate_limit: RateInput | Unset
    ccm_rate_limit: RateInput | Unset
    campaign_rate_limit: RateInput | Unset
    reads_rate_limit: RateInput | Unset
    rate_limit_per_minute: int | Unset | None
    redis_url: str | None
    redis_outage: float | None
    max_concurrent_uploads: int
    poll_schedule: PollSchedule | None
    proxy: ProxyInput | None
    verify: VerifyInput | None
    cert: CertInput | None
    trust_env: bool
    environ: Mapping[str, str] | None


#: Seconds ``wait_for_upload`` and friends wait by default before raising ``UploadTimeoutError``.
DEFAULT_WAIT_TIMEOUT = 1800.0

Destination = str | Path | IO[bytes]
"""Where ``download_error_file`` writes: a path, or a file object opened in ``"wb"``."""


def user_agent() -> str:
    """``exotel-contacts/<version> exotel-contacts-spec/<spec version> python/<x.y.z> httpx/<version>``:
    the package, and the spec (``info.version``) its generated client was made from."""
    py = ".".join(str(n) for n in sys.version_info[:3])
    spec = f"exotel-contacts-spec/{SPEC_VERSION}"
    return f"exotel-contacts/{__version__} {spec} python/{py} httpx/{httpx.__version__}"


@attrs.frozen
class Sent(Generic[T]):
    """An operation's parsed result and how many attempts its answer took (1: it was not replayed)."""

    value: T
    attempts: int

    @property
    def replayed(self) -> bool:
        """Whether the request was sent again after an attempt whose answer was lost or refused."""
        return self.attempts > 1


class BaseHooks(Protocol):
    """What methods built on a client (bulk create, import) use of it on either side (the side-specific
    hooks extend it in :class:`exotel_contacts.workflows._async.hooks.AsyncClientHooks`)."""

    _config: ClientConfig
    _retry_policy: RetryPolicy
    _max_concurrent_uploads: int
    _redis_url: str | None
    _redis_outage: float


class BaseClient:
    """Configuration and plumbing shared by :class:`Client` and :class:`AsyncClient` (each adds
    ``_quota``, ``_limiter``, ``_upload_slots``, ``_sleep``, ``_http`` and ``_send``)."""

    def __init__(self, **options: Unpack[ClientOptions]) -> None:
        unknown = options.keys() - ClientOptions.__annotations__.keys()
        if unknown:
            raise TypeError(f"unexpected keyword arguments: {', '.join(sorted(unknown))}")
        given: dict[str, Any] = dict(options)
        environ = options.get("environ")

        def take(*names: str) -> dict[str, Any]:
            return {name: given[name] for name in names if name in given}

        self._network = NetworkSettings.resolve(
            **take("proxy", "verify", "cert", "trust_env"), environ=environ
        )
        self._config = ClientConfig.resolve(**take(*attrs.fields_dict(ClientConfig)), environ=environ)
        max_concurrent_uploads = options.get("max_concurrent_uploads", DEFAULT_MAX_CONCURRENT_UPLOADS)
        check_count(max_concurrent_uploads, "max_concurrent_uploads", minimum=1, maximum=1000)
        per_minute = options.get("rate_limit_per_minute")
        if per_minute is not None and not isinstance(per_minute, Unset):
            check_count(per_minute, "rate_limit_per_minute", minimum=1, maximum=1_000_000)
        self._retry_policy = options.get("retry") or RetryPolicy()
        rates = (
            "rate_limit",
            "ccm_rate_limit",
            "campaign_rate_limit",
            "reads_rate_limit",
            "rate_limit_per_minute",
        )
        self._rates = RateSettings.resolve(**take(*rates), environ=environ)
        self._redis_url = redis_url_setting(options.get("redis_url"), environ)
        self._redis_outage = outage_setting(options.get("redis_outage"), environ)
        self._max_concurrent_uploads = max_concurrent_uploads
        self._poll_schedule = options.get("poll_schedule") or PollSchedule()
        self._clock = time.monotonic
        self._headers = {"User-Agent": user_agent(), "Accept-Encoding": ACCEPT_ENCODING}
        self._timeout = httpx.Timeout(self._config.timeout)
        self._bounds = Bounds.of(self._config)
        self._owns_pool = True

    def __repr__(self) -> str:
        cfg = self._config
        return (
            f"{type(self).__name__}(account_sid={cfg.account_sid!r}, region={cfg.region!r}, "
            f"ccm_base_url={cfg.ccm_base_url!r}, campaign_base_url={cfg.campaign_base_url!r})"
        )

    @property
    def config(self) -> ClientConfig:
        """The resolved configuration (frozen; its repr shows no secrets)."""
        return self._config

    @property
    def network(self) -> NetworkSettings:
        """How requests leave: proxy, environment proxies, TLS verification, client certificate."""
        return self._network

    @property
    def with_raw_response(self) -> Any:
        """This client's operations, each returning a :class:`~exotel_contacts.RawResponse`.

        ``client.with_raw_response.get_upload_status(upload_id)`` gives the answer's status, headers and
        request id, and ``.parse()`` the ``UploadStatus``. For operations of one request only.
        """
        return RawView(self)

    def with_options(
        self,
        *,
        timeout: float | None = None,
        attempt_timeout: float | None = None,
        call_timeout: float | None = None,
        max_response_bytes: int | None = None,
        max_download_bytes: int | None = None,
        retry: RetryPolicy | None = None,
        max_attempts: int | None = None,
        poll_schedule: PollSchedule | None = None,
    ) -> Self:
        """A copy of this client with other per-call settings, sharing its connections and rate limit.

        ``client.with_options(timeout=120, max_attempts=1).get_upload_status(...)``: unset options keep
        this client's values; ``max_attempts`` replaces the retry policy's. The copy does not own the
        connections: closing it does nothing, closing this client closes both.
        """
        changed = {
            "timeout": timeout,
            "attempt_timeout": attempt_timeout,
            "call_timeout": call_timeout,
            "max_response_bytes": max_response_bytes,
            "max_download_bytes": max_download_bytes,
        }
        given = {name: value for name, value in changed.items() if value is not None}
        config = ClientConfig.resolve(**{**attrs.asdict(self._config), **given, "environ": {}})
        policy = retry if retry is not None else self._retry_policy
        if max_attempts is not None:  # RetryPolicy checks its range
            policy = attrs.evolve(policy, max_attempts=max_attempts)
        clone = copy.copy(self)
        clone._config = config
        clone._retry_policy = policy
        clone._poll_schedule = poll_schedule if poll_schedule is not None else self._poll_schedule
        clone._timeout = httpx.Timeout(config.timeout)
        clone._bounds = Bounds.of(config)
        clone._owns_pool = False
        clone._wire()
        return clone

    def _wire(self) -> None:
        raise NotImplementedError  # each client builds its transports and httpx clients

    def _generated(
        self, family: Family, transport: httpx.BaseTransport | httpx.AsyncBaseTransport
    ) -> GeneratedClient:
        base_url = self._config.ccm_base_url if family == "ccm" else self._config.campaign_base_url
        return GeneratedClient(
            base_url=base_url,
            headers=dict(self._headers),
            timeout=self._timeout,
            httpx_args={"transport": transport, "auth": auth_for(self._config, family)},
        )

    def _error_file_url(self, url: object) -> httpx.URL | None:
        if not isinstance(url, str) or not url.strip():
            return None
        # The spec promises an absolute (pre-signed) URL; a relative one is taken as on the CCM host.
        return server_url(url.strip(), base=self._config.ccm_base_url, what="error_file_url")

    def _files_client_kwargs(self) -> dict[str, Any]:
        # No auth: the error file URL is pre-signed and may be on another host; credentials stay home.
        # Redirects are followed by the download itself, which parses each Location like any server URL.
        return {"headers": dict(self._headers), "timeout": self._timeout, "follow_redirects": False}


def ccm_failure(status: UploadStatus, errors: UploadErrors | None) -> UploadFailedError:
    """The error for a failed CCM upload, carrying its error report when it could be fetched."""
    count = errors.error_count if errors is not None else None
    detail = f"; {count} error rows" if isinstance(count, int) else ""
    return UploadFailedError(
        f"Upload {status.upload_id} failed{detail}", upload_id=status.upload_id, status=status, errors=errors
    )


def csv_failure(status: CsvStatus) -> UploadFailedError:
    """The error for a failed Campaign CSV upload."""
    return UploadFailedError(
        f"CSV upload {status.upload_id} failed", upload_id=status.upload_id, status=status
    )
