"""The Campaign address book and its lists: paging, updates, deletes and list membership.

State lives in the `Store`'s tables (`contacts`, `lists`, `list_members`), each method one transaction.
Choices where Exotel's reference is silent (also in openapi.yaml and the README's notes):

- Listings page by offset and limit (at most the spec's `Limit` maximum); contacts oldest first, a
  list's contacts in the order they joined it. `name` filters by substring, ignoring case (Unicode
  case folding, by the database's `casefold` function: SQLite's own `lower` folds ASCII only).
- A list name is unique per account; a number is unique in the address book. Taking either is 409 + 1008.
- Adding a contact a list already holds is 409 + 1008 for that item and changes nothing; a contact that
  does not exist is 404 + 1000; a full list (static 100,000, dynamic 500,000) is 400 + 1002.
- Deleting a contact takes it out of every list; deleting a list leaves its contacts in the address book.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .storage import Database, new_sid, now_iso

__all__ = ["Directory", "Outcome", "Page", "contact_record", "insert_contact", "list_record", "membership"]

_CONTACT_TEXT = ("first_name", "last_name", "company_name", "email", "tag")
_ORDER = {
    ("contacts", "date_created"): "c.date_created {d}, c.rowid {d}",
    (
        "contacts",
        "name",
    ): "casefold(coalesce(c.first_name, '')) {d}, casefold(coalesce(c.last_name, '')) {d}, c.rowid {d}",
    ("lists", "date_created"): "l.date_created {d}, l.rowid {d}",
    ("lists", "name"): "casefold(l.name) {d}, l.rowid {d}",
}
_MEMBERS = (
    "SELECT m.rowid AS member_rowid, c.* FROM list_members m INDEXED BY list_members_order"
    " JOIN contacts c ON c.sid = m.contact_sid WHERE m.list_sid = ?"
)
_MEMBERS_AT = _MEMBERS + " ORDER BY m.rowid LIMIT ? OFFSET ?"
_MEMBERS_AFTER = _MEMBERS + " AND m.rowid > ? ORDER BY m.rowid LIMIT ?"
_LIST_COLUMNS = (
    "l.*, COALESCE((SELECT s.members FROM list_stats s WHERE s.list_sid = l.sid), 0) AS contact_count"
)


@dataclass(frozen=True)
class Page:
    """One page of a listing and the listing's size."""

    records: list[dict[str, Any]]
    total: int


@dataclass(frozen=True)
class Outcome:
    """The result for one item of a bulk request: an HTTP-like status, and the record or the reason."""

    status: int
    data: dict[str, Any] | None = None
    code: int | None = None
    reason: str = ""


def _order(table: str, sort_by: str | None) -> str:
    key, _, direction = (sort_by or "date_created:asc").partition(":")
    template = _ORDER.get((table, key), _ORDER[(table, "date_created")])
    return template.format(d="DESC" if direction == "desc" else "ASC")


def _like(text: str) -> str:
    escaped = text.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_record(row: sqlite3.Row | Mapping[str, Any]) -> dict[str, Any]:
    """A list as the API shows it."""
    data = dict(row)
    return {
        "sid": data["sid"],
        "date_created": data["date_created"],
        "date_updated": data["date_updated"],
        "account_sid": data["account_sid"],
        "name": data["name"],
        "uri": f"/v2/accounts/{data['account_sid']}/lists/{data['sid']}",
        "tag": data.get("tag"),
        "contact_count": int(data.get("contact_count") or 0),
    }


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


def contact_record(row: sqlite3.Row | Mapping[str, Any]) -> dict[str, Any]:
    """A contact as the API shows it."""
    data = dict(row)
    data["custom_field"] = json.loads(data["custom_field"]) if data["custom_field"] else None
    data["uri"] = f"/v2/accounts/{data['account_sid']}/contacts/{data['sid']}"
    return data


def insert_contact(
    db: sqlite3.Connection, account_sid: str, contact: Mapping[str, Any]
) -> dict[str, Any] | None:
    """Insert one contact (inside the caller's transaction); its row, or None when the number exists."""
    stamp = now_iso()
    custom = contact.get("custom_field")
    values = (
        new_sid(),
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


def membership(account_sid: str, list_sid: str, contact_sid: str) -> dict[str, Any]:
    """A contact's place in a list as the API shows it."""
    return {
        "list_id": list_sid,
        "contact_sid": contact_sid,
        "uri": f"/v2/accounts/{account_sid}/lists/{list_sid}/contacts/{contact_sid}",
    }


class Directory:
    """Contacts and lists of every account, over the store's database."""

    def __init__(self, db: Database, *, static_cap: int, dynamic_cap: int) -> None:
        self._db = db
        self.caps = {"static": static_cap, "dynamic": dynamic_cap}
        self._cursors: dict[str, tuple[int, int, int]] = {}
        """list sid -> (membership version, offset of the next member, rowid of the last one served):
        where the last page of a list ended, so the next one continues there (see storage.py)."""

    # ---- contacts ----------------------------------------------------------------------------
    def create_contacts(
        self, account_sid: str, contacts: Sequence[Mapping[str, Any] | None]
    ) -> list[dict[str, Any] | None]:
        """Create valid contacts (None entries are skipped); a duplicate number gives None."""
        with self._db.transaction() as db:
            rows = [None if c is None else insert_contact(db, account_sid, c) for c in contacts]
        return [None if row is None else contact_record(row) for row in rows]

    def contacts(self, account_sid: str) -> list[dict[str, Any]]:
        """The account's whole address book, oldest first (the admin view)."""
        with self._db.reading() as db:
            rows = db.execute(
                "SELECT * FROM contacts WHERE account_sid = ? ORDER BY rowid", (account_sid,)
            ).fetchall()
        return [contact_record(row) for row in rows]

    def contacts_page(
        self,
        account_sid: str,
        *,
        offset: int,
        limit: int,
        name: str | None = None,
        sort_by: str | None = None,
        list_sids: Sequence[str] | None = None,
        show_lists: bool = False,
    ) -> Page:
        """A page of the address book, filtered by name and lists."""
        where, args = ["c.account_sid = ?"], [account_sid]
        if name:
            where.append(
                "(casefold(coalesce(c.first_name, '')) LIKE ? ESCAPE '\\'"
                " OR casefold(coalesce(c.last_name, '')) LIKE ? ESCAPE '\\')"
            )
            args += [_like(name)] * 2
        if list_sids:
            marks = ", ".join("?" * len(list_sids))
            in_lists = (
                "c.sid IN (SELECT m.contact_sid FROM list_members m JOIN lists l ON l.sid = m.list_sid"
                " WHERE l.account_sid = ? AND m.list_sid IN ({}))"
            )
            where.append(in_lists.format(marks))
            args += [account_sid, *list_sids]
        clause = " AND ".join(where)
        with self._db.transaction() as db:
            total = db.execute(f"SELECT COUNT(*) FROM contacts c WHERE {clause}", args).fetchone()[0]  # noqa: S608
            rows = db.execute(
                f"SELECT c.* FROM contacts c WHERE {clause} ORDER BY {_order('contacts', sort_by)}"  # noqa: S608
                " LIMIT ? OFFSET ?",
                [*args, limit, offset],
            ).fetchall()
            records = [self._shown(db, row, show_lists) for row in rows]
        return Page(records, int(total))

    @staticmethod
    def _shown(db: sqlite3.Connection, row: sqlite3.Row, show_lists: bool) -> dict[str, Any]:
        record = contact_record(row)
        if show_lists:
            lists = db.execute(
                "SELECT l.sid, l.name FROM list_members m JOIN lists l ON l.sid = m.list_sid"
                " WHERE m.contact_sid = ? ORDER BY m.rowid",
                (row["sid"],),
            ).fetchall()
            record["lists"] = [{"sid": r["sid"], "name": r["name"]} for r in lists]
        return record

    def contact(self, account_sid: str, sid: str, *, show_lists: bool = False) -> dict[str, Any] | None:
        """One contact, or None."""
        with self._db.transaction() as db:
            row = db.execute(
                "SELECT * FROM contacts WHERE account_sid = ? AND sid = ?", (account_sid, sid)
            ).fetchone()
            return None if row is None else self._shown(db, row, show_lists)

    def update_contacts(self, account_sid: str, changes: Sequence[Mapping[str, Any]]) -> list[Outcome]:
        """Apply prepared changes (each with `sid`; a `problem` key fails that item with 400)."""
        with self._db.transaction() as db:
            return [self._update_contact(db, account_sid, change) for change in changes]

    def _update_contact(self, db: sqlite3.Connection, account_sid: str, change: Mapping[str, Any]) -> Outcome:
        sid = str(change["sid"])
        if (
            db.execute(
                "SELECT 1 FROM contacts WHERE account_sid = ? AND sid = ?", (account_sid, sid)
            ).fetchone()
            is None
        ):
            return Outcome(404, code=1000, reason="No contact with this sid")
        if change.get("problem"):
            return Outcome(400, code=1002, reason=str(change["problem"]))
        number = change.get("number")
        if number is not None:
            taken = db.execute(
                "SELECT 1 FROM contacts WHERE account_sid = ? AND number = ? AND sid != ?",
                (account_sid, number, sid),
            ).fetchone()
            if taken is not None:
                return Outcome(409, code=1008, reason="Another contact has this number")
        sets: dict[str, Any] = {k: change[k] for k in ("number", *_CONTACT_TEXT) if k in change}
        if "custom_field" in change:
            value = change["custom_field"]
            sets["custom_field"] = None if value is None else json.dumps(value)
        sets["date_updated"] = now_iso()
        assignments = ", ".join(f"{column} = ?" for column in sets)
        db.execute(
            f"UPDATE contacts SET {assignments} WHERE sid = ?",  # noqa: S608 - columns from a fixed list
            (*sets.values(), sid),
        )
        row = db.execute("SELECT * FROM contacts WHERE sid = ?", (sid,)).fetchone()
        return Outcome(200, contact_record(row))

    def delete_contact(self, account_sid: str, sid: str) -> dict[str, Any] | None:
        """Delete a contact and its memberships; the contact as it was, or None."""
        with self._db.transaction() as db:
            row = db.execute(
                "SELECT * FROM contacts WHERE account_sid = ? AND sid = ?", (account_sid, sid)
            ).fetchone()
            if row is None:
                return None
            db.execute("DELETE FROM list_members WHERE contact_sid = ?", (sid,))
            db.execute("DELETE FROM contacts WHERE sid = ?", (sid,))
            return contact_record(row)

    # ---- lists -------------------------------------------------------------------------------
    def list_by_name(self, account_sid: str, name: str) -> dict[str, Any] | None:
        """One of the account's lists (its stored row) with its contact count, or None."""
        with self._db.reading() as db:
            row = db.execute(
                f"SELECT {_LIST_COLUMNS} FROM lists l WHERE l.account_sid = ? AND l.name = ?",  # noqa: S608
                (account_sid, name),
            ).fetchone()
        return None if row is None else dict(row)

    def lists_with_numbers(self, account_sid: str) -> list[dict[str, Any]]:
        """The account's lists with their member numbers (the admin view)."""
        with self._db.reading() as db:
            rows = db.execute(
                "SELECT * FROM lists WHERE account_sid = ? ORDER BY rowid", (account_sid,)
            ).fetchall()
            result = []
            for row in rows:
                numbers = db.execute(
                    "SELECT c.number FROM list_members m JOIN contacts c ON c.sid = m.contact_sid"
                    " WHERE m.list_sid = ? ORDER BY c.rowid",
                    (row["sid"],),
                ).fetchall()
                result.append({**dict(row), "numbers": [n[0] for n in numbers]})
        return result

    def create_lists(self, account_sid: str, lists: Sequence[Mapping[str, Any]]) -> list[Outcome]:
        """Create static lists; a taken name (or one earlier in the request) is 409."""
        outcomes = []
        with self._db.transaction() as db:
            for given in lists:
                if given.get("problem"):
                    outcomes.append(Outcome(400, code=1002, reason=str(given["problem"])))
                    continue
                stamp, sid = now_iso(), new_sid()
                cursor = db.execute(
                    "INSERT OR IGNORE INTO lists (sid, account_sid, name, type, date_created,"
                    " date_updated, tag) VALUES (?, ?, ?, 'static', ?, ?, ?)",
                    (sid, account_sid, given["name"], stamp, stamp, given.get("tag")),
                )
                if cursor.rowcount != 1:
                    outcomes.append(Outcome(409, code=1008, reason="A list with this name exists already"))
                    continue
                outcomes.append(Outcome(200, self._list(db, account_sid, sid)))
        return outcomes

    @staticmethod
    def _list(db: sqlite3.Connection, account_sid: str, sid: str) -> dict[str, Any] | None:
        row = db.execute(
            f"SELECT {_LIST_COLUMNS} FROM lists l WHERE l.account_sid = ? AND l.sid = ?",  # noqa: S608
            (account_sid, sid),
        ).fetchone()
        return None if row is None else list_record(row)

    def lists_page(
        self,
        account_sid: str,
        *,
        offset: int,
        limit: int,
        name: str | None = None,
        sort_by: str | None = None,
    ) -> Page:
        """A page of the account's lists."""
        where, args = "l.account_sid = ?", [account_sid]
        if name:
            where += " AND casefold(l.name) LIKE ? ESCAPE '\\'"
            args.append(_like(name))
        with self._db.transaction() as db:
            total = db.execute(f"SELECT COUNT(*) FROM lists l WHERE {where}", args).fetchone()[0]  # noqa: S608
            rows = db.execute(
                f"SELECT {_LIST_COLUMNS} FROM lists l WHERE {where} ORDER BY {_order('lists', sort_by)}"  # noqa: S608
                " LIMIT ? OFFSET ?",
                [*args, limit, offset],
            ).fetchall()
        return Page([list_record(row) for row in rows], int(total))

    def get_list(self, account_sid: str, sid: str) -> dict[str, Any] | None:
        """One list with its contact count, or None."""
        with self._db.transaction() as db:
            return self._list(db, account_sid, sid)

    def update_lists(self, account_sid: str, changes: Sequence[Mapping[str, Any]]) -> list[Outcome]:
        """Rename or re-tag lists (each change has `sid`); a name another list has is 409."""
        with self._db.transaction() as db:
            return [self._update_list(db, account_sid, change) for change in changes]

    def _update_list(self, db: sqlite3.Connection, account_sid: str, change: Mapping[str, Any]) -> Outcome:
        sid = str(change["sid"])
        if self._list(db, account_sid, sid) is None:
            return Outcome(404, code=1000, reason="No list with this sid")
        if change.get("problem"):
            return Outcome(400, code=1002, reason=str(change["problem"]))
        if "name" in change:
            taken = db.execute(
                "SELECT 1 FROM lists WHERE account_sid = ? AND name = ? AND sid != ?",
                (account_sid, change["name"], sid),
            ).fetchone()
            if taken is not None:
                return Outcome(409, code=1008, reason="A list with this name exists already")
        sets = {k: change[k] for k in ("name", "tag") if k in change}
        sets["date_updated"] = now_iso()
        assignments = ", ".join(f"{column} = ?" for column in sets)
        db.execute(f"UPDATE lists SET {assignments} WHERE sid = ?", (*sets.values(), sid))  # noqa: S608
        return Outcome(200, self._list(db, account_sid, sid))

    def delete_list(self, account_sid: str, sid: str) -> dict[str, Any] | None:
        """Delete a list (its contacts stay); the list as it was, or None."""
        with self._db.transaction() as db:
            found = self._list(db, account_sid, sid)
            if found is not None:
                db.execute("DELETE FROM list_members WHERE list_sid = ?", (sid,))
                db.execute("DELETE FROM lists WHERE sid = ?", (sid,))
                self._cursors.pop(sid, None)
            return found

    # ---- membership --------------------------------------------------------------------------
    def add_members(
        self, account_sid: str, list_sid: str, contact_sids: Sequence[str]
    ) -> list[Outcome] | None:
        """Add contacts to a list, one outcome per reference; None when the list does not exist."""
        with self._db.transaction() as db:
            row = db.execute(
                f"SELECT {_LIST_COLUMNS} FROM lists l WHERE l.account_sid = ? AND l.sid = ?",  # noqa: S608
                (account_sid, list_sid),
            ).fetchone()
            if row is None:
                return None
            cap = self.caps.get(str(row["type"]), self.caps["static"])
            held = int(row["contact_count"])
            outcomes = []
            for contact_sid in contact_sids:
                exists = db.execute(
                    "SELECT 1 FROM contacts WHERE account_sid = ? AND sid = ?", (account_sid, contact_sid)
                ).fetchone()
                if exists is None:
                    outcomes.append(Outcome(404, code=1000, reason="No contact with this sid"))
                    continue
                member = db.execute(
                    "SELECT 1 FROM list_members WHERE list_sid = ? AND contact_sid = ?",
                    (list_sid, contact_sid),
                ).fetchone()
                if member is not None:
                    outcomes.append(Outcome(409, code=1008, reason="The contact is in the list already"))
                    continue
                if held >= cap:
                    outcomes.append(Outcome(400, code=1002, reason=f"The list holds at most {cap} contacts"))
                    continue
                db.execute("INSERT INTO list_members VALUES (?, ?)", (list_sid, contact_sid))
                held += 1
                outcomes.append(Outcome(200, membership(account_sid, list_sid, contact_sid)))
            if held != int(row["contact_count"]):
                db.execute("UPDATE lists SET date_updated = ? WHERE sid = ?", (now_iso(), list_sid))
        return outcomes

    def members_page(self, account_sid: str, list_sid: str, *, offset: int, limit: int) -> Page | None:
        """A page of a list's contacts in the order they joined; None when the list does not exist.

        A page that starts where the previous one of the same list ended, with the membership
        unchanged (its version, kept by trigger), continues from that member through the index;
        any other offset skips members the plain way.
        """
        with self._db.transaction() as db:
            if self._list(db, account_sid, list_sid) is None:
                return None
            stats = db.execute(
                "SELECT members, version FROM list_stats WHERE list_sid = ?", (list_sid,)
            ).fetchone()
            total, version = (int(stats[0]), int(stats[1])) if stats is not None else (0, 0)
            cursor = self._cursors.get(list_sid)
            if cursor is not None and cursor[0] == version and cursor[1] == offset:
                rows = db.execute(_MEMBERS_AFTER, (list_sid, cursor[2], limit)).fetchall()
            else:
                rows = db.execute(_MEMBERS_AT, (list_sid, limit, offset)).fetchall()
            if rows:
                self._cursors[list_sid] = (version, offset + len(rows), int(rows[-1]["member_rowid"]))
        records = []
        for row in rows:
            record = dict(row)
            del record["member_rowid"]
            records.append(contact_record(record))
        return Page(records, total)

    def remove_member(self, account_sid: str, list_sid: str, contact_sid: str) -> dict[str, Any] | None:
        """Take a contact out of a list; the membership removed, or None when there was none."""
        with self._db.transaction() as db:
            if self._list(db, account_sid, list_sid) is None:
                return None
            cursor = db.execute(
                "DELETE FROM list_members WHERE list_sid = ? AND contact_sid = ?", (list_sid, contact_sid)
            )
            if cursor.rowcount != 1:
                return None
            db.execute("UPDATE lists SET date_updated = ? WHERE sid = ?", (now_iso(), list_sid))
        return membership(account_sid, list_sid, contact_sid)
