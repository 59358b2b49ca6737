"""Accounts and their credentials (the `accounts` table).

Credentials are found by the SHA-256 of what was presented, never by the secret itself, so an index
lookup's timing says nothing about the secret; the secret is then compared in constant time.
"""

from __future__ import annotations

import hashlib
import secrets

from .config import Credentials
from .storage import Database

__all__ = ["Accounts"]


def _digest(secret: bytes) -> bytes:
    return hashlib.sha256(secret).digest()


class Accounts:
    """Who may call the mock, and for which account."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, credentials: Credentials) -> None:
        """Create (or replace) an account with its credentials."""
        with self._db.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO accounts VALUES (?, ?, ?, ?, ?, ?)",
                (
                    credentials.account_sid,
                    credentials.api_key,
                    credentials.api_token,
                    credentials.access_token,
                    _digest(credentials.api_key.encode()),
                    _digest(credentials.access_token.encode()),
                ),
            )

    def for_basic(self, api_key: bytes, api_token: bytes) -> str | None:
        """The account an API key and token (the bytes sent) belong to, or None."""
        with self._db.reading() as db:
            row = db.execute(
                "SELECT sid, api_token FROM accounts WHERE key_digest = ?", (_digest(api_key),)
            ).fetchone()
        # Compared for an unknown key too, so the answer's timing does not tell known keys apart.
        stored = b"\0" if row is None else str(row["api_token"]).encode()
        if not secrets.compare_digest(stored, api_token) or row is None:
            return None
        return str(row["sid"])

    def for_bearer(self, access_token: bytes) -> str | None:
        """The account an access token (the bytes sent) belongs to, or None."""
        with self._db.reading() as db:
            row = db.execute(
                "SELECT sid, access_token FROM accounts WHERE access_digest = ?", (_digest(access_token),)
            ).fetchone()
        if row is None or not secrets.compare_digest(str(row["access_token"]).encode(), access_token):
            return None
        return str(row["sid"])
