"""Resume journals (``journal=PATH``): JSON lines, each ``fsync``'d, the plan first, then one line per
step of a part or chunk; locked (``flock``) to one process. Redis twin: :mod:`.journal_redis`.
Why: docs/decisions/0028.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any, Final

from exotel_contacts.base.exceptions import (
    InvalidInputError,
    JournalInUseError,
    JournalMismatchError,
    StoreUnavailableError,
)
from exotel_contacts.quota.redis_faults import DEFAULT_REDIS_OUTAGE

from .journal_spec import JournalInput, RedisJournal

__all__ = [
    "JOURNAL_ERRORS",
    "Journal",
    "JournalBase",
    "check_header",
    "file_identity",
    "header",
    "open_journal",
]

#: Version 2: a file is known by its whole content (version 1 held its name, mtime and head).
VERSION: Final = 2
_READ_BYTES: Final = 1024 * 1024

#: What a journal that cannot record a step raises (a failing disk, a lost lease, Redis away too long).
JOURNAL_ERRORS: Final = (InvalidInputError, StoreUnavailableError)


def file_identity(path: Path) -> dict[str, Any]:
    """What says a file is the same one, wherever it is: its size and the SHA-256 of its bytes."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while block := handle.read(_READ_BYTES):
            digest.update(block)
            size += len(block)
    return {"size": size, "sha256": digest.hexdigest()}


def header(kind: str, plan: Mapping[str, Any]) -> dict[str, Any]:
    """A journal's first record: what it is, and the plan of its job."""
    return {"journal": f"exotel-contacts {kind}", "version": VERSION, **plan}


def encode(record: Mapping[str, Any]) -> str:
    """One record as one line of JSON."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def check_header(name: str, kind: str, plan: Mapping[str, Any], found: Mapping[str, Any]) -> None:
    """Refuse a journal of another kind, version or job, naming the first thing that differs."""
    if found.get("journal") != f"exotel-contacts {kind}" or found.get("version") != VERSION:
        raise JournalMismatchError(
            f"The journal {name} is not an exotel-contacts {kind} journal of version {VERSION} "
            f"(it says {found.get('journal')!r}, version {found.get('version')!r}); give the journal "
            "of this job or a new one"
        )
    key = next((key for key in plan if found.get(key) != plan[key]), None)
    if key is not None:
        raise JournalMismatchError(
            f"The journal {name} is for another job ({key}: the journal has {found.get(key)!r}, this run "
            f"has {plan[key]!r}); resume with the same file and options, or give a new journal"
        )


class JournalBase:
    """What every journal has: its ``name`` in messages, its steps so far, whether it was resumed.

    A journal opens its store in ``_open`` (True: it held this plan, and its steps are loaded), lets it go
    in ``_abandon`` when opening fails, and writes a record in ``_write`` (under the lock).
    """

    def __init__(self, name: str, kind: str, plan: Mapping[str, Any]) -> None:
        self.name, self.kind = name, kind
        self._lock = threading.Lock()
        self.steps: list[dict[str, Any]] = []
        try:
            self.resumed = self._open(plan)
        except BaseException:
            self._abandon()
            raise

    def _open(self, plan: Mapping[str, Any]) -> bool:
        raise NotImplementedError

    def _abandon(self) -> None:
        raise NotImplementedError

    def _write(self, record: Mapping[str, Any]) -> None:
        raise NotImplementedError

    def _resume(self, plan: Mapping[str, Any], lines: list[bytes], where: str, fix: str) -> None:
        """Check the first record against ``plan`` and keep the steps after it (``where`` and ``fix``
        complete the message for a record that is not one)."""
        records: list[dict[str, Any]] = []
        for number, line in enumerate(lines, 1):
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError):
                record = None
            if not isinstance(record, dict):
                raise InvalidInputError(
                    f"The journal {self.name} is damaged at {where} {number}; it was not written by {fix}"
                )
            records.append(record)
        check_header(self.name, self.kind, plan, records[0])
        self.steps = records[1:]

    def close(self) -> None:
        """Let the journal go (it stays, for the record and for a resume)."""
        raise NotImplementedError

    def append(self, step: str, at: int, **fields: Any) -> None:
        """Write one step of part or chunk ``at`` durably (kept when this returns)."""
        record = {"step": step, "at": at, **fields}
        with self._lock:
            self._write(record)
            self.steps.append(record)

    def latest(self) -> dict[int, dict[str, dict[str, Any]]]:
        """For each part or chunk, its last record of each step since its last ``not_sent``.

        ``not_sent`` says the attempt provably did nothing (the part or chunk counts as never sent).
        """
        found: dict[int, dict[str, dict[str, Any]]] = {}
        for record in self.steps:
            at = int(record["at"])
            if record["step"] == "not_sent":
                found.pop(at, None)
            else:
                found.setdefault(at, {})[str(record["step"])] = record
        return found


class Journal(JournalBase):
    """One journal file, open (and locked) for this process.

    ``plan`` is compared key by key with the plan in an existing file (:func:`check_header`). Steps are
    dicts with at least ``"step"`` and ``"at"`` (the part or chunk number).
    """

    def __init__(self, path: str | os.PathLike[str], kind: str, plan: Mapping[str, Any]) -> None:
        self.path = Path(path)
        try:
            self._handle: IO[str] = self.path.open("a+", encoding="utf-8")
        except OSError as exc:
            raise InvalidInputError(f"Cannot open the journal {self.path}: {exc.strerror}") from None
        try:
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._handle.close()
            raise JournalInUseError(
                f"The journal {self.path} is in use by another process; one job runs in one process "
                "at a time (start that other job with its own journal, or wait for it to end)"
            ) from None
        super().__init__(str(self.path), kind, plan)

    def _abandon(self) -> None:
        self._handle.close()

    def _open(self, plan: Mapping[str, Any]) -> bool:
        data = self.path.read_bytes()
        *complete, tail = data.split(b"\n")
        if tail:  # a line cut short by a crash (the last one, without its newline): dropped
            os.truncate(self.path, len(data) - len(tail))
        if not complete:
            self._write(header(self.kind, plan))
            return False
        self._resume(plan, complete, "line", "exotel-contacts, or was edited: give a new journal path")
        return True

    def _write(self, record: Mapping[str, Any]) -> None:
        try:
            self._handle.write(encode(record) + "\n")
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except OSError as exc:  # a full or failing disk: typed, naming the journal, never a bare OSError
            raise InvalidInputError(
                f"Cannot write the journal {self.path}: {exc.strerror or exc}; free space or give a "
                "journal path on a writable disk, then run the same command again to resume"
            ) from None

    def close(self) -> None:
        """Release the lock and close the file (the journal stays, for the record)."""
        with self._lock, contextlib.suppress(OSError):
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
        self._handle.close()


def open_journal(
    where: JournalInput | None,
    kind: str,
    plan: Mapping[str, Any],
    *,
    redis_url: str | None = None,
    outage: float = DEFAULT_REDIS_OUTAGE,
) -> JournalBase | None:
    """The journal ``where`` names (a path, or a :class:`RedisJournal` on its own URL else ``redis_url``),
    open (the caller closes it); None when ``where`` is None."""
    if where is None:
        return None
    if isinstance(where, RedisJournal):
        from .journal_redis import RedisJournalFile  # noqa: PLC0415 - needs the redis extra

        return RedisJournalFile(where, kind, plan, redis_url=redis_url, outage=outage)
    return Journal(where, kind, plan)
