"""A journal in Redis (``journal=RedisJournal("job-id")``): the file journal's guarantees, for many machines.

- **Each step is kept before the next request**: a step is one atomic script (``RPUSH``) that Redis has
  answered before :meth:`RedisJournalFile.append` returns. How durable Redis itself is, is Redis's
  setting: with ``appendonly yes`` and ``appendfsync always`` a step is on disk, as the file journal's
  ``fsync``; with the default ``everysec`` a crash of the Redis host may lose the last second (the
  docs, "many workers", say what a lost step costs: the part or chunk is treated as cut off).
- **One holder at a time**: opening takes a lease (a key holding this worker's token, expiring after
  ``lease`` seconds) that a thread renews every third of that. A second live worker is refused
  (:class:`~exotel_contacts.JournalInUseError`); a dead worker's lease lapses and another can take the
  job over. Every step checks the lease and its own sequence number in the same script, so a worker
  that lost its lease (or whose step was written meanwhile by another) stops at its next step.
- **A torn step cannot happen** (a script runs whole or not at all), and a replayed step (an attempt
  whose answer was lost to a blip) is not written twice: it carries its sequence number.
- **Another job's journal is refused**: the plan is compared as in the file journal.
- **Expiry**: plan and steps expire ``ttl`` seconds (default 7 days) after the last step;
  ``exotel-contacts journals list`` and ``journals remove`` show and drop them sooner.

Redis calls ride out a restart or blip for ``redis_outage`` seconds
(:mod:`exotel_contacts.quota.redis_faults`).
The sync redis-py client is used on both sides: a step is a short call, made where the file journal
makes its ``fsync``.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator, Mapping
from typing import Any, Final, cast

import attrs

from exotel_contacts.base.exceptions import (
    APIConnectionError,
    ConfigurationError,
    InvalidInputError,
    JournalInUseError,
)
from exotel_contacts.quota._sync.redis_calls import ride_out
from exotel_contacts.quota.redis_quota import connect, us

from .journal import JournalBase, check_header, header
from .journal_spec import RedisJournal

__all__ = ["JournalInfo", "RedisJournalFile", "list_journals", "remove_journal"]

# KEYS: plan, steps, lease. ARGV: token, lease (ms), header JSON, ttl (ms).
# Returns {0, lease ms left} when another worker holds it, {1, plan} when it exists, {2} when new.
OPEN: Final = """
local holder = redis.call('GET', KEYS[3])
if holder and holder ~= ARGV[1] then
  return {0, redis.call('PTTL', KEYS[3])}
end
redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[2])
local plan = redis.call('GET', KEYS[1])
if plan then
  return {1, plan}
end
redis.call('DEL', KEYS[2])
redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
return {2}
"""

# KEYS: plan, steps, lease. ARGV: token, sequence number, record, lease (ms), ttl (ms).
# Returns 1 written, 0 already written (this very record at this place: a replay), -1 lease held by
# another, -2 journal gone, -3 steps written meanwhile by another holder.
APPEND: Final = """
local holder = redis.call('GET', KEYS[3])
if holder ~= ARGV[1] then
  if holder then
    return -1
  end
  redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[4])
end
if redis.call('EXISTS', KEYS[1]) == 0 then
  return -2
end
local count = redis.call('LLEN', KEYS[2])
local seq = tonumber(ARGV[2])
if seq < count then
  if redis.call('LINDEX', KEYS[2], seq) == ARGV[3] then
    return 0
  end
  return -3
end
if seq > count then
  return -3
end
redis.call('RPUSH', KEYS[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return 1
"""

# KEYS: lease. ARGV: token, lease (ms). Returns 1 renewed (or re-taken: it had lapsed, as after a
# Redis outage longer than the lease, and nobody took it; a step written meanwhile by another worker
# is still caught by the next step's sequence check), 0 held by another worker.
RENEW: Final = """
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] or not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
"""

# KEYS: lease. ARGV: token.
RELEASE: Final = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
end
return 1
"""

_LOST = {
    -1: "another worker took it over (its lease had lapsed: this worker was stalled or cut off from "
    "Redis for longer than the lease)",
    -2: "it was removed or expired while the job ran",
    -3: "another worker wrote to it meanwhile",
}


def _ms(seconds: float) -> int:
    return max(1, us(seconds) // 1000)


class RedisJournalFile(JournalBase):
    """One Redis journal, held by this worker (its lease renewed) until :meth:`close`."""

    def __init__(
        self,
        spec: RedisJournal,
        kind: str,
        plan: Mapping[str, Any],
        *,
        redis_url: str | None,
        outage: float,
    ) -> None:
        url = spec.url or redis_url
        if url is None:
            raise ConfigurationError(
                f"The journal {spec.job_id!r} is kept in Redis, but no Redis URL is configured",
                how_to_fix="Pass redis_url= (or EXOTEL_REDIS_URL), or RedisJournal(job_id, url=...)",
            )
        self.spec, self.kind, self.url, self.outage = spec, kind, url, outage
        self._keys = spec.keys()
        self._token = uuid.uuid4().hex
        self._lock = threading.Lock()
        self._lost: str | None = None
        self._stop = threading.Event()
        self._redis = connect(url)
        self._scripts = {src: self._redis.register_script(src) for src in (OPEN, APPEND, RENEW, RELEASE)}
        self.steps = []
        try:
            self.resumed = self._open(plan)
        except BaseException:
            self._redis.close()
            raise
        self._renewer = threading.Thread(target=self._renew_loop, name="exotel-journal-lease", daemon=True)
        self._renewer.start()

    @property
    def name(self) -> str:
        """``redis:JOB_ID`` (the URL is not shown: it may hold a password)."""
        return f"redis:{self.spec.job_id}"

    def _call(self, source: str, keys: list[str], args: list[Any], *, limit: float | None = None) -> Any:
        script = self._scripts[source]
        return ride_out(
            lambda: script(keys=keys, args=args),
            url=self.url,
            what=f"the journal {self.name}",
            limit=self.outage if limit is None else limit,
        )

    def _open(self, plan: Mapping[str, Any]) -> bool:
        first = json.dumps(header(self.kind, plan), ensure_ascii=False, separators=(",", ":"))
        args = [self._token, _ms(self.spec.lease), first, _ms(self.spec.ttl)]
        reply = self._call(OPEN, self._keys, args)
        state = int(reply[0])
        if state == 0:
            raise JournalInUseError(
                f"The journal {self.name} is held by another worker (its lease ends in "
                f"{max(0, int(reply[1])) / 1000:.0f} s unless that worker renews it); one job runs in one "
                "worker at a time: run it again after that worker ends or dies"
            )
        if state == 2:
            return False
        try:
            found = self._record(1, reply[1])
            check_header(self.name, self.kind, plan, found)
            raw: list[bytes] = ride_out(
                lambda: cast("list[bytes]", self._redis.lrange(self._keys[1], 0, -1)),
                url=self.url,
                what=f"the journal {self.name}",
                limit=self.outage,
            )
            self.steps = [self._record(number, line) for number, line in enumerate(raw, 2)]
        except BaseException:
            self._release()
            raise
        return True

    def _record(self, number: int, line: bytes) -> dict[str, Any]:
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError):
            record = None
        if not isinstance(record, dict):
            raise InvalidInputError(
                f"The journal {self.name} is damaged at record {number}; it was not written by "
                "exotel-contacts: remove it (exotel-contacts journals remove) or give another job id"
            )
        return record

    def append(self, step: str, at: int, **fields: Any) -> None:
        """Write one step of part or chunk ``at`` (Redis has it when this returns)."""
        record = {"step": step, "at": at, **fields}
        # Stored with the writer's token: a replay of this very step is then told from another
        # worker's step at the same place.
        line = json.dumps({**record, "by": self._token}, ensure_ascii=False, separators=(",", ":"))
        with self._lock:
            if self._lost is not None:
                raise self._lost_error(self._lost)
            args = [self._token, len(self.steps), line, _ms(self.spec.lease), _ms(self.spec.ttl)]
            written = int(self._call(APPEND, self._keys, args))
            if written < 0:
                self._lost = _LOST[written]
                raise self._lost_error(self._lost)
            self.steps.append(record)

    def _lost_error(self, why: str) -> JournalInUseError:
        return JournalInUseError(
            f"This worker no longer holds the journal {self.name}: {why}; it stops here (the worker that "
            "holds it carries the job on)"
        )

    def _renew_loop(self) -> None:
        every = self.spec.lease / 3
        while not self._stop.wait(every):
            try:
                held = int(
                    self._call(RENEW, self._keys[2:], [self._token, _ms(self.spec.lease)], limit=every)
                )
            except APIConnectionError:
                continue  # Redis away: the next step re-takes a lapsed lease, or learns it was lost
            if not held:
                with self._lock:
                    self._lost = self._lost or _LOST[-1]
                return

    def _release(self) -> None:
        try:
            self._call(RELEASE, self._keys[2:], [self._token], limit=min(self.outage, 5.0))
        except APIConnectionError:
            pass  # the lease lapses by itself
        finally:
            self._redis.close()

    def close(self) -> None:
        """Stop renewing and give the lease back (the journal stays until it expires or is removed)."""
        self._stop.set()
        self._renewer.join(timeout=5)
        self._release()


@attrs.frozen
class JournalInfo:
    """One Redis journal as ``journals list`` shows it."""

    job_id: str
    kind: str
    steps: int
    expires_in: float | None
    """Seconds until Redis drops it (None: never)."""
    held: bool
    """Whether a worker holds its lease now."""


def _scan(url: str, prefix: str) -> Iterator[tuple[Any, str]]:
    client = connect(url)
    try:
        for key in client.scan_iter(match=f"{prefix}:journal:{{*}}:plan", count=500):
            text = key.decode("utf-8", "replace") if isinstance(key, bytes) else str(key)
            yield client, text[len(prefix) + len(":journal:{") : -len("}:plan")]
    finally:
        client.close()


def list_journals(url: str, *, prefix: str = "exotel-contacts", outage: float = 5.0) -> list[JournalInfo]:
    """Every journal kept in the Redis at ``url``, by job id."""

    def collect() -> list[JournalInfo]:
        found = []
        for client, job_id in _scan(url, prefix):
            plan_key, steps_key, lease_key = RedisJournal(job_id, prefix=prefix).keys()
            raw = client.get(plan_key)
            try:
                kind = str(json.loads(raw)["journal"]).removeprefix("exotel-contacts ")
            except (TypeError, ValueError, KeyError):
                kind = "unreadable"
            ttl = int(client.pttl(plan_key))
            found.append(
                JournalInfo(
                    job_id,
                    kind,
                    int(client.llen(steps_key)),
                    ttl / 1000 if ttl >= 0 else None,
                    bool(client.exists(lease_key)),
                )
            )
        return sorted(found, key=lambda info: info.job_id)

    return ride_out(collect, url=url, what="the journals", limit=outage)


def remove_journal(
    url: str, job_id: str, *, prefix: str = "exotel-contacts", force: bool = False, outage: float = 5.0
) -> bool:
    """Remove the journal of ``job_id``; False when there was none. A held one only with ``force``."""
    keys = RedisJournal(job_id, prefix=prefix).keys()
    client = connect(url)
    try:
        if not force and ride_out(lambda: client.exists(keys[2]), url=url, what="the journals", limit=outage):
            raise JournalInUseError(
                f"The journal redis:{job_id} is held by a running worker; stop it first, or "
                "remove it with --force (that worker then stops at its next step)"
            )
        removed = ride_out(
            lambda: cast("int", client.delete(*keys)), url=url, what="the journals", limit=outage
        )
    finally:
        client.close()
    return removed > 0
