"""A real import or bulk create in its own process, killed with SIGKILL at a chosen step (or not).

``python resume_child.py MODE BASE_URL FILE JOURNAL DUPLICATE_ACTION KILL`` prints the result as JSON
when it is not killed. MODE is ``import`` or ``create``; KILL is ``none``, ``STEP:N`` (kill right after
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
from exotel_contacts import _bulk, _import, _journal
from exotel_contacts.importing import Limits


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
        original_done = _bulk._Job.done

        def done(self: Any, chunk: Any) -> None:
            hit()
            original_done(self, chunk)

        _bulk._Job.done = done  # type: ignore[method-assign]
        return
    if step == "answer":
        original_uploaded = _import.Importer.uploaded

        def uploaded(self: Any, *args: Any, **kwargs: Any) -> None:
            hit()
            original_uploaded(self, *args, **kwargs)

        _import.Importer.uploaded = uploaded  # type: ignore[method-assign]
        return
    original_append = _journal.Journal.append

    def append(self: Any, name: str, at: int, **fields: Any) -> None:
        original_append(self, name, at, **fields)
        if name == step:
            hit()

    _journal.Journal.append = append  # type: ignore[method-assign]


def main() -> None:
    mode, base_url, path, journal, action, kill = sys.argv[1:7]
    arm(kill)
    client = ec.Client(
        account_sid="demo",
        api_key="demo-key",
        api_token="demo-token",
        ccm_base_url=base_url,
        campaign_base_url=base_url,
        environ={},
        rate_limit="off",
    )
    with client:
        if mode == "import":
            result = client.import_contacts(
                path, duplicate_action=action, journal=journal, limits=Limits(ccm_max_rows=10)
            )
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
