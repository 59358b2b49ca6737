"""A real import or bulk create in its own process, killed with SIGKILL at a chosen step (or not).

``python resume_child.py MODE BASE_URL FILE JOURNAL DUPLICATE_ACTION KILL`` prints the result as JSON
when it is not killed. MODE is ``import``, ``campaign`` (a Campaign import into the list ``resumed``)
or ``create``; JOURNAL is a path, or ``redis:JOB_ID`` for a journal in the Redis at ``$TEST_REDIS_URL``
(a lease of 1.5 s; a journal held by a live worker exits 3 with ``{"in_use": ...}``); KILL is ``none``, ``STEP:N`` (kill right after
the N-th journal line of that step is on disk) or ``answer:N`` (kill when the N-th answer has arrived,
before the journal records it: the server has acted, the journal does not know; ``chunk:N`` is the same
for the N-th chunk of a bulk create).
"""

from __future__ import annotations

import json
import os
import signal
import sys
from typing import Any

import exotel_contacts as ec
from exotel_contacts.importing import Limits
from exotel_contacts.workflows import bulk_answers as _bulk
from exotel_contacts.workflows import imports_answers as _import
from exotel_contacts.workflows import journal as _journal
from exotel_contacts.workflows import journal_redis as _journal_redis


def arm(kill: str) -> None:
    if kill == "none":
        return
    step, count = kill.split(":")
    seen = [0]

    def hit() -> None:
        seen[0] += 1
        if seen[0] == int(count):
            os.kill(os.getpid(), signal.SIGKILL)

    if step == "chunk":
        original_done = _bulk.Job.done

        def done(self: Any, chunk: Any) -> None:
            hit()
            original_done(self, chunk)

        _bulk.Job.done = done  # type: ignore[method-assign]
        return
    if step == "answer":
        original_uploaded = _import.Importer.uploaded

        def uploaded(self: Any, *args: Any, **kwargs: Any) -> None:
            hit()
            original_uploaded(self, *args, **kwargs)

        _import.Importer.uploaded = uploaded  # type: ignore[method-assign]
        return
    for kind in (_journal.Journal, _journal_redis.RedisJournalFile):
        original_append = kind.append

        def append(self: Any, name: str, at: int, *, _original: Any = original_append, **fields: Any) -> None:
            _original(self, name, at, **fields)
            if name == step:
                hit()

        kind.append = append  # type: ignore[method-assign]


def journal_of(given: str) -> Any:
    if given.startswith("redis:"):
        return ec.RedisJournal(given.removeprefix("redis:"), lease=1.5)
    return given


def main() -> None:
    mode, base_url, path, given, action, kill = sys.argv[1:7]
    arm(kill)
    journal = journal_of(given)
    client = ec.Client(
        account_sid="demo",
        api_key="demo-key",
        api_token="demo-token",
        ccm_base_url=base_url,
        campaign_base_url=base_url,
        environ={},
        rate_limit="off",
        redis_url=os.environ.get("TEST_REDIS_URL"),
    )
    with client:
        if mode in ("import", "campaign"):
            try:
                if mode == "import":
                    result = client.import_contacts(
                        path, duplicate_action=action, journal=journal, limits=Limits(ccm_max_rows=10)
                    )
                else:
                    result = client.import_contacts(
                        path,
                        family="campaign",
                        list_name="resumed",
                        journal=journal,
                        limits=Limits(campaign_max_bytes=300),
                    )
            except ec.JournalInUseError as error:
                print(json.dumps({"in_use": str(error)}))
                sys.exit(3)
            print(json.dumps(result.to_dict()))
        else:
            with open(path, encoding="utf-8") as handle:
                contacts = [json.loads(line) for line in handle if line.strip()]
            bulk = client.create_contacts_bulk(contacts, chunk_size=10, concurrency=2, journal=journal)
            print(
                json.dumps(
                    {
                        "summary": bulk.summary(),
                        "requests": bulk.requests,
                        "outcomes": [[o.index, o.outcome.value, o.number] for o in bulk],
                    }
                )
            )


if __name__ == "__main__":
    main()
