"""Journals that make an import or a bulk create resumable after a crash (``journal=PATH``).

A journal is one file of JSON lines, appended and ``fsync``'d line by line: the first line is the plan
(what is being sent: the source's identity and options, and the parts or the chunk size), every other
line one step of one part or chunk (``sending``, ``accepted``, ``done``, ``failed``) as it happens. A
SIGKILL at any moment loses at most the line being written, which the next run ignores. What it holds
is a constant per part or chunk, plus the rows the server refused: the file's other rows, and the
checks done locally, are worked out again from the file itself, so the journal stays small.

One process at a time: the journal is locked (``flock``) while in use, and a second process that opens
it gets a clear error (:class:`~exotel_contacts.JournalInUseError`). Two workers never run one job at
once: the account's limits (200 requests a minute, 5 uploads in progress), not the client, bound how
fast an import goes, so a second worker on the same job only adds ways to send a part twice.

The same journal can live in Redis instead (``journal=RedisJournal("job-id")``, see
:mod:`exotel_contacts.workflows.journal_redis`), where any worker of any machine can take over a job whose
worker died. A source file is known by its content (size and SHA-256 of the whole file), never by its
path or modification time, so the same bytes resume wherever they are.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import threading
from collections.abc import Iterator, Mapping
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

__all__ = ["JOURNAL_ERRORS", "Journal", "JournalBase", "check_header", "file_identity", "header", "opened"]

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


def check_header(name: str, kind: str, plan: Mapping[str, Any], found: Mapping[str, Any]) -> None:
    """Refuse a journal of another kind, version or job, naming the first thing that differs."""
    if found.get("journal") != f"exotel-contacts {kind}" or found.get("version") != VERSION:
        raise JournalMismatchError(
            f"The journal {name} is not an exotel-contacts {kind} journal of version {VERSION} "
            f"(it says {found.get('journal')!r}, version {found.get('version')!r}); give the journal "
            "of this job or a new one"
        )
    if any(found.get(key) != value for key, value in plan.items()):
        raise JournalMismatchError(
            f"The journal {name} is for another job ({_describe(plan, found)}); "
            "resume with the same file and options, or give a new journal"
        )


def _describe(plan: Mapping[str, Any], found: Mapping[str, Any]) -> str:
    for key in plan:
        if plan[key] != found.get(key):
            return f"{key}: the journal has {found.get(key)!r}, this run has {plan[key]!r}"
    return "its plan differs"


class JournalBase:
    """What every journal has: its steps so far, whether it was resumed, and :meth:`latest`."""

    kind: str
    steps: list[dict[str, Any]]
    resumed: bool

    @property
    def name(self) -> str:
        """How messages name this journal."""
        raise NotImplementedError

    def append(self, step: str, at: int, **fields: Any) -> None:
        """Write one step of part or chunk ``at`` durably (kept when this returns)."""
        raise NotImplementedError

    def close(self) -> None:
        """Let the journal go (it stays, for the record and for a resume)."""
        raise NotImplementedError

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
    """One journal file, open for this process: its plan, its steps so far, and :meth:`append`.

    ``plan`` is compared key by key with the plan in an existing file; the first key that differs is
    named in the :class:`JournalMismatchError`. Steps are dicts with at least ``"step"`` and ``"at"``
    (the part or chunk number).
    """

    def __init__(self, path: str | os.PathLike[str], kind: str, plan: Mapping[str, Any]) -> None:
        self.path = Path(path)
        self.kind = kind
        self._lock = threading.Lock()
        self._handle: IO[str] = self._open_locked()
        self.steps = []
        try:
            self.resumed = self._load(plan)
        except BaseException:
            self._handle.close()
            raise

    @property
    def name(self) -> str:
        """The journal's path."""
        return str(self.path)

    def _open_locked(self) -> IO[str]:
        try:
            handle = self.path.open("a+", encoding="utf-8")
        except OSError as exc:
            raise InvalidInputError(f"Cannot open the journal {self.path}: {exc.strerror}") from None
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise JournalInUseError(
                f"The journal {self.path} is in use by another process; one job runs in one process "
                "at a time (start that other job with its own journal, or wait for it to end)"
            ) from None
        return handle

    def _load(self, plan: Mapping[str, Any]) -> bool:
        data = self.path.read_bytes()
        lines = data.split(b"\n")
        # A line cut short by a crash is the last one and ends without a newline: it is dropped.
        complete, tail = lines[:-1], lines[-1]
        if tail:
            os.truncate(self.path, len(data) - len(tail))
        records = []
        for number, line in enumerate(complete, 1):
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError):
                record = None
            if not isinstance(record, dict):
                raise InvalidInputError(
                    f"The journal {self.path} is damaged at line {number}; it was not written by "
                    "exotel-contacts, or was edited: give a new journal path"
                )
            records.append(record)
        if not records:
            self._write(header(self.kind, plan))
            return False
        check_header(str(self.path), self.kind, plan, records[0])
        self.steps = records[1:]
        return True

    def _write(self, record: Mapping[str, Any]) -> None:
        try:
            self._handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except OSError as exc:  # a full or failing disk: typed, naming the journal, never a bare OSError
            raise InvalidInputError(
                f"Cannot write the journal {self.path}: {exc.strerror or exc}; free space or give a "
                "journal path on a writable disk, then run the same command again to resume"
            ) from None

    def append(self, step: str, at: int, **fields: Any) -> None:
        """Write one step of part or chunk ``at`` durably (it is on disk when this returns)."""
        record = {"step": step, "at": at, **fields}
        with self._lock:
            self._write(record)
            self.steps.append(record)

    def close(self) -> None:
        """Release the lock and close the file (the journal stays, for the record)."""
        with self._lock, contextlib.suppress(OSError):
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
        self._handle.close()


@contextlib.contextmanager
def opened(
    where: JournalInput | None,
    kind: str,
    plan: Mapping[str, Any],
    *,
    redis_url: str | None = None,
    outage: float = DEFAULT_REDIS_OUTAGE,
) -> Iterator[JournalBase | None]:
    """The journal ``where`` names, open for the block (None when ``where`` is None), closed after it.

    ``where`` is a path (a file journal) or a :class:`RedisJournal` (on its own URL, else on
    ``redis_url``, the client's: the Redis of the shared quota).
    """
    if where is None:
        yield None
        return
    journal: JournalBase
    if isinstance(where, RedisJournal):
        from .journal_redis import RedisJournalFile  # noqa: PLC0415 - needs the redis extra

        journal = RedisJournalFile(where, kind, plan, redis_url=redis_url, outage=outage)
    else:
        journal = Journal(where, kind, plan)
    try:
        yield journal
    finally:
        journal.close()
