"""The mock's SQLite database: schema, migrations, one lock, and the public transaction API.

Every table lives here (accounts and credentials, CCM contacts and uploads with each row's outcome,
error files, the Campaign address book, lists and CSV uploads); the modules that own the rules
(`accounts`, `ccm_uploads`, `campaign_uploads`, `directory`) work on them through
`Database.transaction()` and `Database.reading()` only. Request handlers and the worker share it.

A file database persists: it runs in WAL mode and every unit of work (an upload stored with all
its rows, one processing batch with its counts, one bulk create) is one transaction, so a process
killed at any moment leaves the state of the last committed unit, and processing resumes where it
stopped. The schema carries a version (`PRAGMA user_version`); a file of another version is
refused with `StoreError` rather than misread.
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

__all__ = ["SCHEMA_VERSION", "Database", "StoreError", "new_sid", "now_iso"]

SCHEMA_VERSION = 3
"""The version of `_SCHEMA`, kept in the file's `user_version`; bump it with any change to the schema."""

# Paging a list's members by offset (issue 14): `list_members_order` keeps each list's members in
# the order they joined (an index on list_sid holds the rowid after it), and `list_stats` keeps each
# list's member count and a version that every membership change bumps, by trigger, whichever path
# made it. With the two, the Directory continues a read from where the previous page ended instead of
# skipping `offset` members and counting them all again for every page (which made reading a
# 450,000-member list take hours).
_LIST_PAGING_STATEMENTS = (
    "CREATE INDEX IF NOT EXISTS list_members_order ON list_members (list_sid)",
    "CREATE TABLE IF NOT EXISTS list_stats"
    " (list_sid TEXT PRIMARY KEY, members INTEGER NOT NULL, version INTEGER NOT NULL)",
    "CREATE TRIGGER IF NOT EXISTS list_members_added AFTER INSERT ON list_members BEGIN"
    " INSERT INTO list_stats VALUES (NEW.list_sid, 1, 1) ON CONFLICT (list_sid)"
    " DO UPDATE SET members = members + 1, version = version + 1; END",
    "CREATE TRIGGER IF NOT EXISTS list_members_removed AFTER DELETE ON list_members BEGIN"
    " UPDATE list_stats SET members = members - 1, version = version + 1 WHERE list_sid = OLD.list_sid; END",
)
_LIST_STATS_FILL = (
    "INSERT OR REPLACE INTO list_stats SELECT list_sid, COUNT(*), 1 FROM list_members GROUP BY list_sid"
)

# accounts: key_digest and access_digest are what credentials are looked up by (see accounts.py).
_SCHEMA = """
CREATE TABLE accounts (
  sid TEXT PRIMARY KEY, api_key TEXT, api_token TEXT, access_token TEXT,
  key_digest BLOB UNIQUE, access_digest BLOB UNIQUE);
CREATE TABLE ccm_contacts (
  id INTEGER PRIMARY KEY, contact_id TEXT, account_sid TEXT, phone_number TEXT, first_name TEXT,
  last_name TEXT, email TEXT, company TEXT, tag TEXT, custom_field_1 TEXT, list_id TEXT,
  created_at TEXT, updated_at TEXT);
CREATE INDEX ccm_contacts_phone ON ccm_contacts (account_sid, phone_number);
CREATE TABLE ccm_uploads (
  upload_id TEXT PRIMARY KEY, seq INTEGER, account_sid TEXT, status TEXT, total INTEGER,
  processed INTEGER DEFAULT 0, successful INTEGER DEFAULT 0, failed INTEGER DEFAULT 0,
  duplicates_skipped INTEGER DEFAULT 0, duplicate_action TEXT, list_id TEXT, error_file_id TEXT,
  created_at TEXT);
CREATE TABLE ccm_rows (
  upload_id TEXT, row_number INTEGER, phone_number TEXT, first_name TEXT, last_name TEXT, email TEXT,
  company TEXT, tag TEXT, custom_field_1 TEXT, error_code TEXT, error_message TEXT, outcome TEXT,
  PRIMARY KEY (upload_id, row_number));
CREATE TABLE error_files (id TEXT PRIMARY KEY, upload_id TEXT, expires_at REAL);
CREATE TABLE contacts (
  sid TEXT PRIMARY KEY, account_sid TEXT, number TEXT, first_name TEXT, last_name TEXT,
  company_name TEXT, email TEXT, tag TEXT, custom_field TEXT, date_created TEXT, date_updated TEXT,
  UNIQUE (account_sid, number));
CREATE TABLE lists (
  sid TEXT PRIMARY KEY, account_sid TEXT, name TEXT, type TEXT, date_created TEXT, date_updated TEXT,
  tag TEXT, UNIQUE (account_sid, name));
CREATE TABLE list_members (list_sid TEXT, contact_sid TEXT, PRIMARY KEY (list_sid, contact_sid));
CREATE TABLE csv_uploads (
  upload_id TEXT PRIMARY KEY, seq INTEGER, account_sid TEXT, list_sid TEXT, status TEXT, total INTEGER,
  processed INTEGER DEFAULT 0, success INTEGER DEFAULT 0, failed INTEGER DEFAULT 0,
  duplicate INTEGER DEFAULT 0, date_created TEXT, date_updated TEXT);
CREATE TABLE csv_rows (
  upload_id TEXT, row_number INTEGER, number TEXT, first_name TEXT, last_name TEXT, company_name TEXT,
  email TEXT, tag TEXT, error_code TEXT, PRIMARY KEY (upload_id, row_number));
"""

# Each migration takes a file from schema version N (the key) to N + 1, in one transaction.
_MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: ("ALTER TABLE lists ADD COLUMN tag TEXT",),  # version 2: a list's tag (issue 13, createLists)
    2: (*_LIST_PAGING_STATEMENTS, _LIST_STATS_FILL),  # version 3: paging a list's members in O(log n)
}


def now_iso() -> str:
    """The current time as an RFC 3339 timestamp (UTC)."""
    return datetime.now(UTC).isoformat()


def new_sid() -> str:
    """A fresh resource id (32 hex characters)."""
    return secrets.token_hex(16)


def _casefold(text: str | None) -> str | None:
    return None if text is None else str(text).casefold()


class StoreError(Exception):
    """The database cannot be used as it is (another schema version, not a database)."""


class Database:
    """One SQLite connection behind one lock; safe to share between threads."""

    def __init__(self, db_path: str, *, reset: bool = False) -> None:
        """Open (or create) the database at `db_path` (":memory:": nothing persists).

        A file keeps what it holds; `reset` starts it clean. Raises `StoreError` for an unusable file.
        """
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(db_path, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"{db_path} cannot be opened ({exc})") from None
        try:
            self._db.row_factory = sqlite3.Row
            # SQLite's lower() and LIKE fold ASCII only; "ignoring case" in the spec means every
            # letter, so listings filter and sort by Python's casefold (see directory.py).
            self._db.create_function("casefold", 1, _casefold, deterministic=True)
            if db_path != ":memory:":
                # NORMAL is durable across a killed process in WAL mode (only a power loss may drop
                # the last transactions), and it does not fsync on every commit.
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
            if reset:
                self.reset()
            else:
                self._open(db_path)
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise StoreError(f"{db_path} is not a usable SQLite database ({exc})") from None
        except StoreError:
            self._db.close()
            raise

    def _open(self, db_path: str) -> None:
        with self._lock:
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            tables = self._db.execute("SELECT COUNT(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
            if version == 0 and tables == 0:
                self.reset()
                return
            for step in range(version, SCHEMA_VERSION):
                if step in _MIGRATIONS:
                    with self.transaction() as db:
                        for statement in _MIGRATIONS[step]:
                            db.execute(statement)
                        db.execute(f"PRAGMA user_version = {step + 1}")
                        version = step + 1
            if version != SCHEMA_VERSION:
                raise StoreError(
                    f"{db_path} holds mock state of schema version {version}; this mock uses version "
                    f"{SCHEMA_VERSION}. Start with --reset to discard it, or use another --db file"
                )
            self._seq = int(
                self._db.execute(
                    "SELECT MAX(COALESCE((SELECT MAX(seq) FROM ccm_uploads), 0),"
                    " COALESCE((SELECT MAX(seq) FROM csv_uploads), 0))"
                ).fetchone()[0]
            )

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """The connection inside one transaction (committed at the end, rolled back on an error)."""
        with self._lock:
            self._db.execute("BEGIN")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The connection, held for a few reads that need no transaction."""
        with self._lock:
            yield self._db

    def next_seq(self) -> int:
        """The next upload sequence number (both families share one order); call inside a transaction."""
        self._seq += 1
        return self._seq

    def reset(self) -> None:
        """Drop every table and start again empty."""
        with self.transaction() as db:  # one transaction: a reset killed halfway leaves the old state
            tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            for table in tables:
                db.execute(f"DROP TABLE {table}")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            for statement in _LIST_PAGING_STATEMENTS:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._seq = 0

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()
