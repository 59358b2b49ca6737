"""A journal on a disk that fails mid-job: the job stops with a typed error naming the journal and
the partial result, never a bare OSError, and no chunk is sent that the journal could not record."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import httpx
import pytest

import exotel_contacts as ec
from exotel_contacts_mock.background import running_mock
from exotel_contacts_mock.config import MockConfig


@pytest.mark.parametrize("writes_before_failure", [0, 1, 3, 5])
def test_a_failing_journal_disk_stops_the_job_with_its_partial_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writes_before_failure: int
) -> None:
    fsync, calls = os.fsync, {"n": 0}

    def full_disk(fd: int) -> None:  # what fsync raises once the disk is full
        calls["n"] += 1
        if calls["n"] > writes_before_failure:
            raise OSError(errno.ENOSPC, "No space left on device")
        fsync(fd)

    contacts = [{"number": f"+9198765{i:05d}", "first_name": "A"} for i in range(30)]
    expected = ec.InvalidInputError if writes_before_failure == 0 else ec.BulkAbortedError
    with running_mock(MockConfig()) as mock:
        client = ec.Client(
            account_sid=mock.account_sid,
            api_key=mock.api_key,
            api_token=mock.api_token,
            ccm_base_url=mock.base_url,
            campaign_base_url=mock.base_url,
        )
        monkeypatch.setattr(os, "fsync", full_disk)
        with client, pytest.raises(expected) as info:
            client.create_contacts_bulk(contacts, chunk_size=5, concurrency=1, journal=tmp_path / "j")
        monkeypatch.setattr(os, "fsync", fsync)
        listed = httpx.get(f"{mock.base_url}/_mock/accounts/{mock.account_sid}/contacts", timeout=10)
        stored = {contact["number"] for contact in listed.json()}
    assert re.search(r"Cannot write the journal .*No space left", str(info.value))
    if writes_before_failure == 0:  # the plan could not be written: nothing was sent
        assert not stored
        return
    assert isinstance(info.value, ec.BulkAbortedError)
    assert isinstance(info.value.error, ec.InvalidInputError)
    summary = info.value.result.summary()
    # Every contact the server created is reported created; a chunk the journal could not record
    # was not sent; every contact read has exactly one outcome.
    assert bool(stored) == (writes_before_failure > 1)  # the plan, then the first chunk's send
    assert summary["created"] == len(stored)
    outcomes = summary["created"] + summary["failed"] + summary["unknown"] + summary["already_existed"]
    assert outcomes == summary["total"]
