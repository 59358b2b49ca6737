"""A journal in Redis (``journal=RedisJournal("job-id")``): the file journal's guarantees for many machines,
one holder at a time by a renewed lease, one Lua script per step (guide "Many workers", docs/decisions/0028).
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeVar

import attrs

from exotel_contacts.base.exceptions import (
    APIConnectionError,
    ConfigurationError,
    JournalInUseError,
)
from exotel_contacts.quota._sync.redis_calls import ride_out
from exotel_contacts.quota.redis_quota import connect, us

from .journal import JournalBase, encode, header
from .journal_spec import RedisJournal

__all__ = ["JournalInfo", "RedisJournalFile", "list_journals", "remove_journal"]

T = TypeVar("T")

# KEYS: plan, steps, lease. ARGV: token, lease (ms), header JSON, ttl (ms).
# Returns {0, lease ms left} when another worker holds it, {1, plan, steps} when it exists, {2} when new.
OPEN: Final = """
local holder = redis.call('GET', KEYS[3])
if holder and holder ~= ARGV[1] then
  return {0, redis.call('PTTL', KEYS[3])}
end
redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[2])
local plan = redis.call('GET', KEYS[1])
if plan then
  return {1, plan, redis.call('LRANGE', KEYS[2], 0, -1)}
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
        self.spec, self.url, self.outage = spec, url, outage
        self._keys = spec.keys()
        self._token = uuid.uuid4().hex
        self._lost: str | None = None
        self._stop = threading.Event()
        self._redis = connect(url)
        self._scripts = {src: self._redis.register_script(src) for src in (OPEN, APPEND, RENEW, RELEASE)}
        super().__init__(f"redis:{spec.job_id}", kind, plan)  # never the URL: it may hold a password
        self._renewer = threading.Thread(target=self._renew_loop, name="exotel-journal-lease", daemon=True)
        self._renewer.start()

    def _call(self, source: str, keys: list[str], args: list[Any], *, limit: float | None = None) -> Any:
        script = self._scripts[source]
        limit = self.outage if limit is None else limit
        return ride_out(
            lambda: script(keys=keys, args=args), url=self.url, what=f"the journal {self.name}", limit=limit
        )

    def _open(self, plan: Mapping[str, Any]) -> bool:
        args = [self._token, _ms(self.spec.lease), encode(header(self.kind, plan)), _ms(self.spec.ttl)]
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
            fix = "exotel-contacts: remove it (exotel-contacts journals remove) or give another job id"
            self._resume(plan, [reply[1], *reply[2]], "record", fix)
        except BaseException:
            self._release()
            raise
        return True

    def _abandon(self) -> None:
        self._redis.close()

    def _write(self, record: Mapping[str, Any]) -> None:
        # Stored with the writer's token: a replay of this very step is told from another worker's
        # step at the same place. Called under the lock, by ``append``.
        if self._lost is not None:
            raise self._lost_error(self._lost)
        line = encode({**record, "by": self._token})
        args = [self._token, len(self.steps), line, _ms(self.spec.lease), _ms(self.spec.ttl)]
        written = int(self._call(APPEND, self._keys, args))
        if written < 0:
            self._lost = _LOST[written]
            raise self._lost_error(self._lost)

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


def list_journals(url: str, *, prefix: str = "exotel-contacts", outage: float = 5.0) -> list[JournalInfo]:
    """Every journal kept in the Redis at ``url``, by job id."""

    def collect(client: Any) -> list[JournalInfo]:
        found = []
        for key in client.scan_iter(match=f"{prefix}:journal:{{*}}:plan", count=500):
            text = key.decode("utf-8", "replace") if isinstance(key, bytes) else str(key)
            job_id = text[len(prefix) + len(":journal:{") : -len("}:plan")]
            plan_key, steps_key, lease_key = RedisJournal(job_id, prefix=prefix).keys()
            try:
                kind = str(json.loads(client.get(plan_key))["journal"]).removeprefix("exotel-contacts ")
            except (TypeError, ValueError, KeyError):
                kind = "unreadable"
            ttl = int(client.pttl(plan_key))
            expires_in = ttl / 1000 if ttl >= 0 else None
            held = bool(client.exists(lease_key))
            found.append(JournalInfo(job_id, kind, int(client.llen(steps_key)), expires_in, held))
        return sorted(found, key=lambda info: info.job_id)

    return _with_redis(url, outage, collect)


def remove_journal(
    url: str, job_id: str, *, prefix: str = "exotel-contacts", force: bool = False, outage: float = 5.0
) -> bool:
    """Remove the journal of ``job_id``; False when there was none. A held one only with ``force``."""
    keys = RedisJournal(job_id, prefix=prefix).keys()

    def remove(client: Any) -> bool:
        if not force and client.exists(keys[2]):
            raise JournalInUseError(
                f"The journal redis:{job_id} is held by a running worker; stop it first, or "
                "remove it with --force (that worker then stops at its next step)"
            )
        return int(client.delete(*keys)) > 0

    return _with_redis(url, outage, remove)


def _with_redis(url: str, outage: float, job: Callable[[Any], T]) -> T:
    """``job`` with a connection to ``url``, riding out a Redis away for up to ``outage`` seconds."""
    client = connect(url)
    try:
        return ride_out(lambda: job(client), url=url, what="the journals", limit=outage)
    finally:
        client.close()
