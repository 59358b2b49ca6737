"""CCM uploads: the rows of each upload stored with their static check, processed in order by the
worker into the account's CCM contacts, and the error file of the rows that failed."""

from __future__ import annotations

import secrets
import sqlite3
import time
from collections.abc import Iterable
from typing import Any

from .csvfile import CCM_COLUMNS, CsvRow
from .storage import Database, new_sid, now_iso

__all__ = ["CcmUploads"]

_DUPLICATE_MESSAGE = "Contact with this phone number already exists"


class CcmUploads:
    """The CCM family's uploads and contacts; each method is one transaction."""

    def __init__(self, db: Database, *, contact_quota: int) -> None:
        self._db = db
        self.contact_quota = contact_quota
        """CCM contacts one account may hold; rows past it fail with QUOTA_EXCEEDED."""

    def create(
        self, account_sid: str, rows: Iterable[CsvRow], *, duplicate_action: str, list_id: str | None
    ) -> tuple[str, int]:
        """Store an upload and its rows (all or nothing); return its id and record count."""
        upload_id = "upload_" + new_sid()
        with self._db.transaction() as db:
            total = 0
            for row in rows:
                total = row.number
                db.execute(
                    "INSERT INTO ccm_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                    (
                        upload_id,
                        row.number,
                        *(row.values.get(name, "") for name in CCM_COLUMNS),
                        row.error.code if row.error else None,
                        row.error.message if row.error else None,
                    ),
                )
            db.execute(
                "INSERT INTO ccm_uploads (upload_id, seq, account_sid, status, total, duplicate_action,"
                " list_id, created_at) VALUES (?, ?, ?, 'processing', ?, ?, ?, ?)",
                (upload_id, self._db.next_seq(), account_sid, total, duplicate_action, list_id, now_iso()),
            )
        return upload_id, total

    def in_progress(self, account_sid: str) -> int:
        """How many of the account's CCM uploads are still processing."""
        with self._db.reading() as db:
            row = db.execute(
                "SELECT COUNT(*) FROM ccm_uploads WHERE account_sid = ? AND status = 'processing'",
                (account_sid,),
            ).fetchone()
        return int(row[0])

    def backlog(self) -> int:
        """Rows of every CCM upload still waiting to be processed."""
        with self._db.reading() as db:
            pending = db.execute("SELECT COALESCE(SUM(total - processed), 0) FROM ccm_uploads").fetchone()[0]
        return int(pending)

    def upload(self, account_sid: str, upload_id: str) -> dict[str, Any] | None:
        """The status of one of the account's CCM uploads, or None."""
        with self._db.reading() as db:
            row = db.execute(
                "SELECT * FROM ccm_uploads WHERE account_sid = ? AND upload_id = ?", (account_sid, upload_id)
            ).fetchone()
        return None if row is None else dict(row)

    def error_rows(self, upload_id: str) -> list[dict[str, Any]]:
        """The failed rows of an upload so far, in row order."""
        with self._db.reading() as db:
            rows = db.execute(
                "SELECT row_number, phone_number, first_name, last_name, error_code, error_message"
                " FROM ccm_rows WHERE upload_id = ? AND outcome IN ('failed', 'duplicate')"
                " ORDER BY row_number",
                (upload_id,),
            ).fetchall()
        return [dict(row) for row in rows]

    def error_file(self, error_file_id: str) -> tuple[str, float] | None:
        """(upload_id, expires_at) of an error file, or None."""
        with self._db.reading() as db:
            row = db.execute(
                "SELECT upload_id, expires_at FROM error_files WHERE id = ?", (error_file_id,)
            ).fetchone()
        return None if row is None else (str(row["upload_id"]), float(row["expires_at"]))

    def contacts(self, account_sid: str) -> list[dict[str, Any]]:
        """The account's CCM contacts, oldest first."""
        with self._db.reading() as db:
            rows = db.execute(
                "SELECT * FROM ccm_contacts WHERE account_sid = ? ORDER BY id", (account_sid,)
            ).fetchall()
        return [dict(row) for row in rows]

    def process(self, budget: int | None, error_file_ttl: float) -> int:
        """Process up to `budget` rows (None: all) of the oldest CCM upload; return rows done."""
        if budget == 0:
            return 0
        with self._db.transaction() as db:
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
        values = [row[name] for name in CCM_COLUMNS]
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
            (new_sid(), account, *values, upload["list_id"], stamp, stamp),
        )
        held[0] += 1
        return "successful", None, None
