"""Contact imports and bulk creates as Celery tasks, with Redis as the broker, the quota and the journals.

A recipe to copy (docs/guides/many-workers.md walks through it), not part of the package's API::

    EXOTEL_REDIS_URL=redis://redis:6379/0 celery -A celery_jobs worker --pool solo --concurrency 1

Each task names its job by a job id, which names its journal in Redis (``RedisJournal(job_id)``): a
task that is run again, by any worker, resumes the job where it stopped and never sends a finished
part or chunk twice. What makes a lost worker's task run again:

- ``acks_late``: a task's message is acknowledged only when the task has returned, so a worker that
  dies (SIGKILL, a lost machine) leaves it unacknowledged;
- Redis's ``visibility_timeout``: an unacknowledged message goes back to the queue after that many
  seconds, and another worker takes it. It must be longer than your longest job: a message whose job
  is still running is delivered again too, and that second run waits (the journal's lease says a
  live worker holds the job: ``JournalInUseError``, retried after the lease) and then returns the
  first run's result without sending anything.
- The journal's lease (``EXOTEL_JOB_LEASE``, default 60 s): how long a dead worker keeps the job
  before another may take it over. A live worker renews it every third of that.

Progress is the task's state: ``PROGRESS`` with the import's or the bulk create's counts as its meta
(``AsyncResult(task_id).info``), readable while the job runs.

Settings come from the environment: ``EXOTEL_REDIS_URL`` (broker, results, quota and journals: one
Redis), the client's own ``EXOTEL_*`` variables, and for a second account ``EXOTEL_API_KEY__<SID>`` /
``EXOTEL_API_TOKEN__<SID>`` (see :func:`client_for`).
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import attrs
from celery import Celery, Task

import exotel_contacts as ec
from exotel_contacts.importing import Limits

__all__ = ["CLIENT_OPTIONS", "app", "client_for", "create_contacts", "import_file"]

REDIS_URL = os.environ.get("EXOTEL_REDIS_URL", "redis://127.0.0.1:6379/0")
#: Seconds before an unacknowledged task goes back to the queue (longer than the longest job).
VISIBILITY_TIMEOUT = float(os.environ.get("EXOTEL_JOB_VISIBILITY_TIMEOUT", "3600"))
#: Seconds a dead worker's job stays its own before another worker may take it over.
JOB_LEASE = float(os.environ.get("EXOTEL_JOB_LEASE", "60"))

app = Celery("exotel_jobs", broker=REDIS_URL, backend=REDIS_URL)
app.conf.update(
    task_acks_late=True,
    task_reject_on_worker_lost=True,  # a pool child killed mid-task: its message is queued again
    worker_prefetch_multiplier=1,  # a worker holds one job at a time: the others stay for the others
    task_track_started=True,
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    broker_connection_retry_on_startup=True,
    broker_transport_options={
        "visibility_timeout": VISIBILITY_TIMEOUT,
        # How often a worker looks for messages whose visibility timeout has passed.
        "unacked_restore_interval": max(1, min(10, int(VISIBILITY_TIMEOUT / 4))),
        "unacked_restore_throttle": 1,
    },
    result_expires=7 * 24 * 3600,
)


#: More keyword arguments for every task's client (a proxy's ``transport=``, a ``retry=`` policy, ...).
CLIENT_OPTIONS: dict[str, Any] = {}


def client_for(account_sid: str) -> ec.Client:
    """The client of one account: ``EXOTEL_API_KEY__<SID>`` / ``EXOTEL_API_TOKEN__<SID>`` when set,
    else the ``EXOTEL_*`` defaults; the quota and journals on ``EXOTEL_REDIS_URL``."""
    key = os.environ.get(f"EXOTEL_API_KEY__{account_sid}")
    token = os.environ.get(f"EXOTEL_API_TOKEN__{account_sid}")
    return ec.Client(
        account_sid=account_sid, api_key=key, api_token=token, redis_url=REDIS_URL, **CLIENT_OPTIONS
    )


def _journal(job_id: str) -> ec.RedisJournal:
    return ec.RedisJournal(job_id, lease=JOB_LEASE)


def _progress(task: Task, job_id: str) -> Any:
    # The id is taken now: the import calls back from its upload threads, where task.request is empty.
    task_id = task.request.id

    def report(progress: Any) -> None:
        fields = attrs.asdict(progress) if attrs.has(type(progress)) else dataclasses.asdict(progress)
        meta = {"job_id": job_id, "worker_pid": os.getpid(), **fields}
        task.update_state(task_id=task_id, state="PROGRESS", meta=meta)

    return report


@app.task(bind=True, acks_late=True, max_retries=None)
def import_file(self: Task, job_id: str, account_sid: str, path: str, **options: Any) -> dict[str, Any]:
    """Import the contact file at ``path`` (reachable from every worker) as job ``job_id``.

    ``options`` are ``import_contacts``'s JSON-able keywords (``duplicate_action``, ``family``,
    ``list_name``, ...), plus ``part_rows`` (rows per CCM part, for small tests).
    """
    part_rows = options.pop("part_rows", None)
    if part_rows is not None:
        options["limits"] = Limits(ccm_max_rows=int(part_rows))
    try:
        with client_for(account_sid) as client:
            result = client.import_contacts(
                path, journal=_journal(job_id), on_progress=_progress(self, job_id), **options
            )
    except ec.JournalInUseError as busy:
        # Another worker holds this job (it is alive, or died less than a lease ago): try again later.
        raise self.retry(exc=busy, countdown=JOB_LEASE / 2) from None
    summary = result.to_dict()
    summary["aborted_type"] = type(result.aborted).__name__ if result.aborted else None
    return summary


@app.task(bind=True, acks_late=True, max_retries=None)
def create_contacts(
    self: Task, job_id: str, account_sid: str, path: str, chunk_size: int = 5000
) -> dict[str, Any]:
    """Create the contacts of the JSON Lines file at ``path`` (one contact a line) as job ``job_id``."""
    source = Path(path)
    with source.open(encoding="utf-8") as handle:
        contacts = [json.loads(line) for line in handle if line.strip()]
    try:
        with client_for(account_sid) as client:
            result = client.create_contacts_bulk(
                contacts,
                chunk_size=chunk_size,
                journal=_journal(job_id),
                on_progress=_progress(self, job_id),
            )
            aborted = None
    except ec.JournalInUseError as busy:
        raise self.retry(exc=busy, countdown=JOB_LEASE / 2) from None
    except ec.BulkAbortedError as stopped:
        # Whatever stopped it, what was done is in the result: report it (running the task again resumes).
        result, aborted = stopped.result, stopped.error
    return {
        "summary": result.summary(),
        "outcomes": [[o.index, o.outcome.value, o.number] for o in result],
        "aborted": str(aborted) if aborted else None,
        "aborted_type": type(aborted).__name__ if aborted else None,
    }
