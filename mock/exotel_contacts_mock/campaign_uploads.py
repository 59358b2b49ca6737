"""Campaign CSV uploads: the rows stored with their static check (the list created when new, its cap
held), then processed in order by the worker into the address book and the list."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .csvfile import CAMPAIGN_COLUMNS, CsvRow
from .directory import insert_contact
from .storage import Database, new_sid, now_iso

__all__ = ["CampaignUploads"]


class CampaignUploads:
    """The Campaign family's CSV uploads; each method is one transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def backlog(self) -> int:
        """Rows of every Campaign upload still waiting to be processed."""
        with self._db.reading() as db:
            pending = db.execute("SELECT COALESCE(SUM(total - processed), 0) FROM csv_uploads").fetchone()[0]
        return int(pending)

    def create(
        self, account_sid: str, list_name: str, list_type: str, rows: Iterable[CsvRow], cap: int
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Store a Campaign CSV upload (creating the list); return (list, upload).

        Raises ValueError when the list would exceed `cap` contacts: its members, the rows its
        uploads in progress still hold, and this upload's rows.
        """
        upload_id = new_sid()
        with self._db.transaction() as db:
            stamp = now_iso()
            db.execute(
                "INSERT OR IGNORE INTO lists (sid, account_sid, name, type, date_created, date_updated)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (new_sid(), account_sid, list_name, list_type, stamp, stamp),
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
                        *(row.values.get(n, "") for n in CAMPAIGN_COLUMNS),
                        row.error.code if row.error else None,
                    ),
                )
            db.execute(
                "INSERT INTO csv_uploads (upload_id, seq, account_sid, list_sid, status, total, date_created,"
                " date_updated) VALUES (?, ?, ?, ?, 'in-progress', ?, ?, ?)",
                (upload_id, self._db.next_seq(), account_sid, list_row["sid"], total, stamp, stamp),
            )
            upload = dict(
                db.execute("SELECT * FROM csv_uploads WHERE upload_id = ?", (upload_id,)).fetchone()
            )
        return list_row, upload

    def upload(self, account_sid: str, upload_id: str) -> dict[str, Any] | None:
        """One of the account's Campaign CSV uploads, or None."""
        with self._db.reading() as db:
            row = db.execute(
                "SELECT * FROM csv_uploads WHERE account_sid = ? AND upload_id = ?", (account_sid, upload_id)
            ).fetchone()
        return None if row is None else dict(row)

    def process(self, budget: int | None) -> int:
        """Process up to `budget` rows (None: all) of the oldest Campaign upload; return rows done."""
        if budget == 0:
            return 0
        with self._db.transaction() as db:
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
                contact = {name: row[name] for name in CAMPAIGN_COLUMNS}
                created = insert_contact(db, upload["account_sid"], contact)
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
