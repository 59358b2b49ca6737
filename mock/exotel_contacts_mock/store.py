"""All state of the mock, in SQLite behind one lock (request handlers and the worker share it).

Accounts and credentials, CCM contacts and uploads (each row with its outcome), error files,
the Campaign address book, lists and CSV uploads. Every query is scoped by account.

A file database persists: it runs in WAL mode and every unit of work (an upload stored with all
its rows, one processing batch with its counts, one bulk create) is one transaction, so a process
killed at any moment leaves the state of the last committed unit, and processing resumes where it
stopped. The schema carries a version (`PRAGMA user_version`); a file of another version is
refused with `StoreError` rather than misread.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from .config import Credentials
from .csvfile import CsvRow

__all__ = ["SCHEMA_VERSION", "Store", "StoreError", "now_iso"]

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

# Credentials are found by the SHA-256 of what was presented, never by the secret itself, so an
# index lookup's timing says nothing about the secret; the secret is then compared in constant time.
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

_CONTACT_COLUMNS = (
    "sid",
    "account_sid",
    "number",
    "first_name",
    "last_name",
    "company_name",
    "email",
    "tag",
    "custom_field",
    "date_created",
    "date_updated",
)
# Each migration takes a file from schema version N (the key) to N + 1, in one transaction.
_MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: ("ALTER TABLE lists ADD COLUMN tag TEXT",),  # version 2: a list's tag (issue 13, createLists)
    2: (*_LIST_PAGING_STATEMENTS, _LIST_STATS_FILL),  # version 3: paging a list's members in O(log n)
}

_CCM_FIELDS = ("phone_number", "first_name", "last_name", "email", "company", "tag", "custom_field_1")
_CSV_FIELDS = ("number", "first_name", "last_name", "company_name", "email", "tag")
_DUPLICATE_MESSAGE = "Contact with this phone number already exists"


def now_iso() -> str:
    """The current time as an RFC 3339 timestamp (UTC)."""
    return datetime.now(UTC).isoformat()


def _sid() -> str:
    return secrets.token_hex(16)


def _digest(secret: bytes) -> bytes:
    return hashlib.sha256(secret).digest()


class StoreError(Exception):
    """The database cannot be used as it is (another schema version, not a database)."""


class Store:
    """The mock's state. Safe to share between threads; each method is one transaction."""

    def __init__(self, db_path: str, accounts: Iterable[Credentials], *, reset: bool = False) -> None:
        """Open (or create) the database at `db_path` (":memory:": nothing persists).

        A file keeps what it holds; `reset` starts it clean. The configured `accounts` are added
        (or their credentials updated) either way. Raises `StoreError` for an unusable file.
        """
        self._lock = threading.RLock()
        self._accounts = tuple(accounts)
        try:
            self._db = sqlite3.connect(db_path, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"{db_path} cannot be opened ({exc})") from None
        try:
            self._db.row_factory = sqlite3.Row
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
                    with self._tx() as db:
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
            for account in self._accounts:
                self.add_account(account)

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def reset(self) -> None:
        """Drop every table and start again with the configured accounts only."""
        with self._tx() as db:  # one transaction: a reset killed halfway leaves the old state
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
        for account in self._accounts:
            self.add_account(account)

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()

    # ---- accounts ---------------------------------------------------------------------------
    def add_account(self, credentials: Credentials) -> None:
        """Create (or replace) an account with its credentials."""
        with self._tx() as db:
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

    def account_for_basic(self, api_key: bytes, api_token: bytes) -> str | None:
        """The account an API key and token (the bytes sent) belong to, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT sid, api_token FROM accounts WHERE key_digest = ?", (_digest(api_key),)
            ).fetchone()
        # Compared for an unknown key too, so the answer's timing does not tell known keys apart.
        stored = b"\0" if row is None else str(row["api_token"]).encode()
        if not secrets.compare_digest(stored, api_token) or row is None:
            return None
        return str(row["sid"])

    def account_for_bearer(self, access_token: bytes) -> str | None:
        """The account an access token (the bytes sent) belongs to, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT sid, access_token FROM accounts WHERE access_digest = ?", (_digest(access_token),)
            ).fetchone()
        if row is None or not secrets.compare_digest(str(row["access_token"]).encode(), access_token):
            return None
        return str(row["sid"])

    # ---- CCM uploads ------------------------------------------------------------------------
    def create_ccm_upload(
        self, account_sid: str, rows: Iterable[CsvRow], *, duplicate_action: str, list_id: str | None
    ) -> tuple[str, int]:
        """Store an upload and its rows (all or nothing); return its id and record count."""
        upload_id = "upload_" + _sid()
        with self._tx() as db:
            total = 0
            for row in rows:
                total = row.number
                db.execute(
                    "INSERT INTO ccm_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                    (
                        upload_id,
                        row.number,
                        *(row.values.get(name, "") for name in _CCM_FIELDS),
                        row.error.code if row.error else None,
                        row.error.message if row.error else None,
                    ),
                )
            db.execute(
                "INSERT INTO ccm_uploads (upload_id, seq, account_sid, status, total, duplicate_action,"
                " list_id, created_at) VALUES (?, ?, ?, 'processing', ?, ?, ?, ?)",
                (upload_id, self._next_seq(), account_sid, total, duplicate_action, list_id, now_iso()),
            )
        return upload_id, total

    def ccm_uploads_in_progress(self, account_sid: str) -> int:
        """How many of the account's CCM uploads are still processing."""
        with self._lock:
            row = self._db.execute(
                "SELECT COUNT(*) FROM ccm_uploads WHERE account_sid = ? AND status = 'processing'",
                (account_sid,),
            ).fetchone()
        return int(row[0])

    def backlog(self) -> int:
        """Rows of every upload (both families) still waiting to be processed."""
        with self._lock:
            a = self._db.execute("SELECT COALESCE(SUM(total - processed), 0) FROM ccm_uploads").fetchone()[0]
            b = self._db.execute("SELECT COALESCE(SUM(total - processed), 0) FROM csv_uploads").fetchone()[0]
        return int(a) + int(b)

    def ccm_upload(self, account_sid: str, upload_id: str) -> dict[str, Any] | None:
        """The status of one of the account's CCM uploads, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT * FROM ccm_uploads WHERE account_sid = ? AND upload_id = ?", (account_sid, upload_id)
            ).fetchone()
        return None if row is None else dict(row)

    def ccm_error_rows(self, upload_id: str) -> list[dict[str, Any]]:
        """The failed rows of an upload so far, in row order."""
        with self._lock:
            rows = self._db.execute(
                "SELECT row_number, phone_number, first_name, last_name, error_code, error_message"
                " FROM ccm_rows WHERE upload_id = ? AND outcome IN ('failed', 'duplicate')"
                " ORDER BY row_number",
                (upload_id,),
            ).fetchall()
        return [dict(row) for row in rows]

    def error_file(self, error_file_id: str) -> tuple[str, float] | None:
        """(upload_id, expires_at) of an error file, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT upload_id, expires_at FROM error_files WHERE id = ?", (error_file_id,)
            ).fetchone()
        return None if row is None else (str(row["upload_id"]), float(row["expires_at"]))

    def ccm_contacts(self, account_sid: str) -> list[dict[str, Any]]:
        """The account's CCM contacts, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM ccm_contacts WHERE account_sid = ? ORDER BY id", (account_sid,)
            ).fetchall()
        return [dict(row) for row in rows]

    def process_ccm(self, budget: int | None, error_file_ttl: float) -> int:
        """Process up to `budget` rows (None: all) of the oldest CCM upload; return rows done."""
        if budget == 0:
            return 0
        with self._tx() as db:
            upload = db.execute(
                "SELECT * FROM ccm_uploads WHERE status = 'processing' ORDER BY seq LIMIT 1"
            ).fetchone()
            if upload is None:
                return 0
            limit = -1 if budget is None else budget
            rows = db.execute(
                "SELECT * FROM ccm_rows WHERE upload_id = ? AND outcome IS NULL ORDER BY row_number LIMIT ?",
                (upload["upload_id"], limit),
            ).fetchall()
            counts = {"successful": 0, "failed": 0, "duplicate": 0}
            # Counted once a batch, not once a row: a COUNT per row made processing quadratic.
            held = [
                db.execute(
                    "SELECT COUNT(*) FROM ccm_contacts WHERE account_sid = ?", (upload["account_sid"],)
                ).fetchone()[0]
            ]
            for row in rows:
                outcome, code, message = self._ccm_row_outcome(db, upload, row, held)
                counts["successful" if outcome == "successful" else outcome] += 1
                db.execute(
                    "UPDATE ccm_rows SET outcome = ?, error_code = ?, error_message = ? "
                    "WHERE upload_id = ? AND row_number = ?",
                    (outcome, code, message, upload["upload_id"], row["row_number"]),
                )
            processed = upload["processed"] + len(rows)
            done = processed >= upload["total"]
            error_file_id = None
            failed_total = (
                upload["failed"] + upload["duplicates_skipped"] + counts["failed"] + counts["duplicate"]
            )
            if done and failed_total:
                error_file_id = "errfile_" + secrets.token_urlsafe(24)
                db.execute(
                    "INSERT INTO error_files VALUES (?, ?, ?)",
                    (error_file_id, upload["upload_id"], time.time() + error_file_ttl),
                )
            db.execute(
                "UPDATE ccm_uploads SET processed = ?, successful = successful + ?, failed = failed + ?,"
                " duplicates_skipped = duplicates_skipped + ?, status = ?, error_file_id = ?"
                " WHERE upload_id = ?",
                (
                    processed,
                    counts["successful"],
                    counts["failed"],
                    counts["duplicate"],
                    "completed" if done else "processing",
                    error_file_id,
                    upload["upload_id"],
                ),
            )
            return len(rows)

    def _ccm_row_outcome(
        self, db: sqlite3.Connection, upload: sqlite3.Row, row: sqlite3.Row, held: list[int]
    ) -> tuple[str, str | None, str | None]:
        """One row's outcome; ``held`` is the account's contact count, kept current as rows insert."""
        if row["error_code"]:
            return "failed", row["error_code"], row["error_message"]
        account, phone = upload["account_sid"], row["phone_number"]
        existing = db.execute(
            "SELECT id FROM ccm_contacts WHERE account_sid = ? AND phone_number = ? ORDER BY id",
            (account, phone),
        ).fetchall()
        action = upload["duplicate_action"]
        values = [row[name] for name in _CCM_FIELDS]
        if existing and action == "skip":
            return "duplicate", "DUPLICATE_ENTRY", _DUPLICATE_MESSAGE
        if existing and action == "update":
            db.execute(
                "UPDATE ccm_contacts SET first_name = ?, last_name = ?, email = ?, company = ?, tag = ?,"
                " custom_field_1 = ?, list_id = COALESCE(?, list_id), updated_at = ?"
                " WHERE account_sid = ? AND phone_number = ?",
                (*values[1:], upload["list_id"], now_iso(), account, phone),
            )
            return "successful", None, None
        if held[0] >= self.contact_quota:
            return "failed", "QUOTA_EXCEEDED", "Account contact limit reached"
        stamp = now_iso()
        db.execute(
            "INSERT INTO ccm_contacts (contact_id, account_sid, phone_number, first_name, last_name, email,"
            " company, tag, custom_field_1, list_id, created_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (_sid(), account, *values, upload["list_id"], stamp, stamp),
        )
        held[0] += 1
        return "successful", None, None

    contact_quota: int = 1_000_000
    """CCM contacts one account may hold (set from the config by the app)."""

    # ---- Campaign ---------------------------------------------------------------------------
    def list_by_name(self, account_sid: str, name: str) -> dict[str, Any] | None:
        """One of the account's lists with its contact count, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT l.*, COALESCE((SELECT s.members FROM list_stats s WHERE s.list_sid = l.sid), 0)"
                " AS contact_count"
                " FROM lists l WHERE account_sid = ? AND name = ?",
                (account_sid, name),
            ).fetchone()
        return None if row is None else dict(row)

    def create_csv_upload(
        self, account_sid: str, list_name: str, list_type: str, rows: Iterable[CsvRow], cap: int
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Store a Campaign CSV upload (creating the list); return (list, upload).

        Raises ValueError when the list would exceed `cap` contacts: its members, the rows its
        uploads in progress still hold, and this upload's rows.
        """
        upload_id = _sid()
        with self._tx() as db:
            stamp = now_iso()
            db.execute(
                "INSERT OR IGNORE INTO lists (sid, account_sid, name, type, date_created, date_updated)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (_sid(), account_sid, list_name, list_type, stamp, stamp),
            )
            list_row = dict(
                db.execute(
                    "SELECT l.*, COALESCE((SELECT s.members FROM list_stats s WHERE s.list_sid = l.sid), 0)"
                    " AS contact_count FROM lists l WHERE account_sid = ? AND name = ?",
                    (account_sid, list_name),
                ).fetchone()
            )
            # Rows still waiting in the list's earlier uploads count too: they join it once
            # processed, and an upload sent meanwhile must not take the list past its cap.
            pending = db.execute(
                "SELECT COALESCE(SUM(total - processed), 0) FROM csv_uploads"
                " WHERE list_sid = ? AND status = 'in-progress'",
                (list_row["sid"],),
            ).fetchone()[0]
            held = list_row["contact_count"] + int(pending)
            total = 0
            for row in rows:
                total = row.number
                if held + total > cap:
                    raise ValueError(f"The list would hold more than {cap} contacts")
                db.execute(
                    "INSERT INTO csv_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        upload_id,
                        row.number,
                        *(row.values.get(n, "") for n in _CSV_FIELDS),
                        row.error.code if row.error else None,
                    ),
                )
            db.execute(
                "INSERT INTO csv_uploads (upload_id, seq, account_sid, list_sid, status, total, date_created,"
                " date_updated) VALUES (?, ?, ?, ?, 'in-progress', ?, ?, ?)",
                (upload_id, self._next_seq(), account_sid, list_row["sid"], total, stamp, stamp),
            )
            upload = dict(
                db.execute("SELECT * FROM csv_uploads WHERE upload_id = ?", (upload_id,)).fetchone()
            )
        return list_row, upload

    def csv_upload(self, account_sid: str, upload_id: str) -> dict[str, Any] | None:
        """One of the account's Campaign CSV uploads, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT * FROM csv_uploads WHERE account_sid = ? AND upload_id = ?", (account_sid, upload_id)
            ).fetchone()
        return None if row is None else dict(row)

    def process_csv(self, budget: int | None) -> int:
        """Process up to `budget` rows (None: all) of the oldest Campaign upload; return rows done."""
        if budget == 0:
            return 0
        with self._tx() as db:
            upload = db.execute(
                "SELECT * FROM csv_uploads WHERE status = 'in-progress' ORDER BY seq LIMIT 1"
            ).fetchone()
            if upload is None:
                return 0
            rows = db.execute(
                "SELECT * FROM csv_rows WHERE upload_id = ? ORDER BY row_number LIMIT ? OFFSET ?",
                (upload["upload_id"], -1 if budget is None else budget, upload["processed"]),
            ).fetchall()
            counts = {"success": 0, "failed": 0, "duplicate": 0}
            for row in rows:
                if row["error_code"]:
                    counts["failed"] += 1
                    continue
                contact = {name: row[name] for name in _CSV_FIELDS}
                created = self._insert_contact(db, upload["account_sid"], contact)
                if created is None:
                    # Already in the address book (or earlier in the file): not created again, but the
                    # existing contact joins the list, so the list holds every valid number of the file.
                    counts["duplicate"] += 1
                    existing = db.execute(
                        "SELECT sid FROM contacts WHERE account_sid = ? AND number = ?",
                        (upload["account_sid"], contact["number"]),
                    ).fetchone()
                    sid = existing["sid"]
                else:
                    counts["success"] += 1
                    sid = created["sid"]
                # A list deleted while its upload runs gets no members back.
                db.execute(
                    "INSERT OR IGNORE INTO list_members SELECT ?, ?"
                    " WHERE EXISTS (SELECT 1 FROM lists WHERE sid = ?)",
                    (upload["list_sid"], sid, upload["list_sid"]),
                )
            processed = upload["processed"] + len(rows)
            status = "completed" if processed >= upload["total"] else "in-progress"
            db.execute(
                "UPDATE csv_uploads SET processed = ?, success = success + ?, failed = failed + ?,"
                " duplicate = duplicate + ?, status = ?, date_updated = ? WHERE upload_id = ?",
                (
                    processed,
                    counts["success"],
                    counts["failed"],
                    counts["duplicate"],
                    status,
                    now_iso(),
                    upload["upload_id"],
                ),
            )
            return len(rows)

    @staticmethod
    def _insert_contact(
        db: sqlite3.Connection, account_sid: str, contact: dict[str, Any]
    ) -> dict[str, Any] | None:
        """Insert one contact; its stored row as a dict, or None when the number exists already."""
        stamp = now_iso()
        custom = contact.get("custom_field")
        values = (
            _sid(),
            account_sid,
            contact["number"],
            contact.get("first_name"),
            contact.get("last_name"),
            contact.get("company_name"),
            contact.get("email"),
            contact.get("tag"),
            None if custom is None else json.dumps(custom),
            stamp,
            stamp,
        )
        cursor = db.execute("INSERT OR IGNORE INTO contacts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
        return dict(zip(_CONTACT_COLUMNS, values, strict=True)) if cursor.rowcount == 1 else None

    def create_contacts(
        self, account_sid: str, contacts: list[dict[str, Any] | None]
    ) -> list[dict[str, Any] | None]:
        """Create valid contacts (None entries are skipped); a duplicate number gives None."""
        with self._tx() as db:
            rows = [None if c is None else self._insert_contact(db, account_sid, c) for c in contacts]
        return [None if row is None else _contact(row) for row in rows]

    def contacts(self, account_sid: str) -> list[dict[str, Any]]:
        """The account's Campaign address book, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM contacts WHERE account_sid = ? ORDER BY rowid", (account_sid,)
            ).fetchall()
        return [_contact(row) for row in rows]

    def lists(self, account_sid: str) -> list[dict[str, Any]]:
        """The account's lists with their member numbers."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM lists WHERE account_sid = ? ORDER BY rowid", (account_sid,)
            ).fetchall()
            result = []
            for row in rows:
                numbers = self._db.execute(
                    "SELECT c.number FROM list_members m JOIN contacts c ON c.sid = m.contact_sid"
                    " WHERE m.list_sid = ? ORDER BY c.rowid",
                    (row["sid"],),
                ).fetchall()
                result.append({**dict(row), "numbers": [n[0] for n in numbers]})
        return result


def _contact(row: sqlite3.Row | dict[str, Any]) -> dict[str, Any]:
    data = dict(row)
    data["custom_field"] = json.loads(data["custom_field"]) if data["custom_field"] else None
    data["uri"] = f"/v2/accounts/{data['account_sid']}/contacts/{data['sid']}"
    return data
