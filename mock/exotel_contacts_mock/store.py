"""The mock's state: one database and the four modules that keep its rules, assembled once per app."""

from __future__ import annotations

from collections.abc import Iterable

from .accounts import Accounts
from .campaign_uploads import CampaignUploads
from .ccm_uploads import CcmUploads
from .config import Credentials
from .directory import Directory
from .storage import SCHEMA_VERSION, Database, StoreError

__all__ = ["SCHEMA_VERSION", "Store", "StoreError"]


class Store:
    """Accounts, CCM uploads, Campaign uploads and the directory over one SQLite database.

    A file database persists (see `storage`); the configured `accounts` are added (or their
    credentials updated) on every open and after every reset. Raises `StoreError` for an unusable file.
    """

    def __init__(
        self,
        db_path: str,
        accounts: Iterable[Credentials],
        *,
        reset: bool = False,
        contact_quota: int = 1_000_000,
        static_list_cap: int = 100_000,
        dynamic_list_cap: int = 500_000,
    ) -> None:
        self._configured = tuple(accounts)
        self.db = Database(db_path, reset=reset)
        self.accounts = Accounts(self.db)
        self.directory = Directory(self.db, static_cap=static_list_cap, dynamic_cap=dynamic_list_cap)
        self.ccm = CcmUploads(self.db, contact_quota=contact_quota)
        self.campaign = CampaignUploads(self.db)
        self._add_configured()

    def _add_configured(self) -> None:
        for credentials in self._configured:
            self.accounts.add(credentials)

    def reset(self) -> None:
        """Forget everything but the configured accounts."""
        self.db.reset()
        self._add_configured()

    def backlog(self) -> int:
        """Rows of every upload (both families) still waiting to be processed."""
        return self.ccm.backlog() + self.campaign.backlog()

    def close(self) -> None:
        """Close the database."""
        self.db.close()
