"""Every knob of the mock in one frozen dataclass."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from .spec import rules

__all__ = ["FAULT_KINDS", "Credentials", "MockConfig"]

FAULT_KINDS = ("429", "500", "502", "503", "latency", "drop", "lost_response")
"""Kinds of injected faults, in the order `MockConfig.with_fault_rate` spreads a rate over them."""

MB = 1024 * 1024
# The spec's "MB" is read as 2**20 bytes, the larger reading: the mock refuses only what both refuse.
_CCM = rules().ccm_limits
_CAMPAIGN = rules().campaign_limits


@dataclass(frozen=True)
class Credentials:
    """One account and the credentials that reach it."""

    account_sid: str
    api_key: str
    api_token: str
    access_token: str


@dataclass(frozen=True)
class MockConfig:
    """Configuration of a mock server; defaults are the spec's limits (`x-limits`, schemas), faults off."""

    account_sid: str = "demo"
    api_key: str = "demo-key"
    api_token: str = "demo-token"  # noqa: S105 - well-known demo credential
    access_token: str = "demo-access-token"  # noqa: S105 - well-known demo credential
    extra_accounts: tuple[Credentials, ...] = ()
    db_path: str = ":memory:"
    """SQLite file holding the state across restarts; ":memory:" keeps it in memory only."""
    reset: bool = False
    """Start `db_path` clean (drop what it holds) instead of resuming from it."""
    processing_rate: float = 500.0
    """CCM and Campaign rows processed per second, across all uploads; 0 = as fast as possible."""
    error_file_ttl: float = 24 * 3600.0
    """Seconds an error file lives after its upload completes; then errors and file answer 410."""
    rate_limit: int | None = None
    """Requests per `rate_window` seconds per account in every category (0 = no limit); None: each
    category's own limit below (see `ratelimit`)."""
    ccm_rate_limit: int = 200
    campaign_rate_limit: int = 30
    """Campaign requests that change something."""
    reads_rate_limit: int = 300
    """Campaign GET requests."""
    account_rate_limits: tuple[tuple[str, str, int], ...] = ()
    """(account_sid, category, limit) overrides: an "enterprise" account, or a throttled one."""
    rate_limit_shape: str = "envelope"
    """The 429 body: `envelope` (v2), `rest` (v1 RestException) or `legs` (voice legs API)."""
    rate_window: float = 60.0
    ccm_max_file_bytes: int = _CCM["max_file_mb"] * MB
    ccm_max_records: int = _CCM["max_records"]
    ccm_max_concurrent_uploads: int = _CCM["max_uploads_in_progress"]
    campaign_max_file_bytes: int = _CAMPAIGN["max_file_mb"] * MB
    static_list_cap: int = _CAMPAIGN["static_list_cap"]
    dynamic_list_cap: int = _CAMPAIGN["dynamic_list_cap"]
    contact_quota: int = 1_000_000
    """CCM contacts one account may hold; rows past it fail with QUOTA_EXCEEDED."""
    max_field_length: int = rules().field_max_length
    """Longest CSV field (the contact schema's `maxLength`); longer fields fail the row (INVALID_FORMAT)."""
    max_json_bytes: int = 16 * MB
    max_json_depth: int = rules().max_json_depth
    """Deepest nesting of a JSON body (`x-max-depth` of CreateContactsRequest); deeper is 400 (1007)."""
    default_country_code: str = "91"
    seed: int = 0
    fault_rates: tuple[tuple[str, float], ...] = field(default=())
    """(kind, probability) pairs; kinds from FAULT_KINDS. Empty = no faults."""
    fault_latency_seconds: float = 0.2
    retry_after_seconds: int = 1
    """Retry-After sent with injected 429 and 503 answers."""

    def credentials(self) -> tuple[Credentials, ...]:
        """The demo account's credentials followed by the extra accounts'."""
        demo = Credentials(self.account_sid, self.api_key, self.api_token, self.access_token)
        return (demo, *self.extra_accounts)

    def category_limits(self) -> dict[str, int]:
        """Each category's limit per window (0: not limited), `rate_limit` overriding all three."""
        own = {
            "ccm": self.ccm_rate_limit,
            "campaign": self.campaign_rate_limit,
            "reads": self.reads_rate_limit,
        }
        return own if self.rate_limit is None else dict.fromkeys(own, self.rate_limit)

    def fault_rate(self, kind: str) -> float:
        """The probability of one fault kind."""
        return sum(rate for name, rate in self.fault_rates if name == kind)

    def with_fault_rate(self, rate: float) -> MockConfig:
        """A copy whose total fault probability `rate` is spread evenly over every kind."""
        share = rate / len(FAULT_KINDS)
        return replace(self, fault_rates=tuple((kind, share) for kind in FAULT_KINDS))

    @classmethod
    def from_env(cls, **overrides: object) -> MockConfig:
        """Demo credentials from EXOTEL_ACCOUNT_SID/API_KEY/API_TOKEN/ACCESS_TOKEN, then overrides."""
        env = {
            "account_sid": os.environ.get("EXOTEL_ACCOUNT_SID", cls.account_sid),
            "api_key": os.environ.get("EXOTEL_API_KEY", cls.api_key),
            "api_token": os.environ.get("EXOTEL_API_TOKEN", cls.api_token),
            "access_token": os.environ.get("EXOTEL_ACCESS_TOKEN", cls.access_token),
        }
        return replace(cls(**env), **overrides)  # type: ignore[arg-type]
