"""The journal in Redis: one holder through a lease, takeover after a dead worker's lease lapses, steps
that cannot be written twice or by a worker that lost the job, another job's journal refused, expiry,
``journals ls`` / ``journals rm``, and rediss:// with a CA bundle (a local redis-server with TLS on)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from redis_server import RedisProcess
from typer.testing import CliRunner

import exotel_contacts as ec
from exotel_contacts.cli import app
from exotel_contacts.importing import Limits
from exotel_contacts.workflows.journal_redis import (
    APPEND,
    RedisJournalFile,
)
from exotel_contacts_mock import running_mock
from exotel_contacts_mock.config import MockConfig

from .conftest import need_redis_server

PLAN = {"file": {"size": 10, "sha256": "ab" * 32}, "parts": [[1, 10, 2, 11]]}


def journal(server: RedisProcess, job: str, *, lease: float = 30.0, plan: Any = None) -> RedisJournalFile:
    spec = ec.RedisJournal(job, lease=lease, ttl=3600)
    return RedisJournalFile(spec, "import", PLAN if plan is None else plan, redis_url=server.url, outage=2.0)


def test_steps_are_kept_and_read_back_by_the_next_holder(redis_process: RedisProcess) -> None:
    first = journal(redis_process, "kept")
    assert first.resumed is False
    first.append("sending", 1)
    first.append("accepted", 1, upload_id="up_1")
    first.close()
    second = journal(redis_process, "kept")
    assert second.resumed is True
    assert second.latest()[1]["accepted"]["upload_id"] == "up_1"
    second.close()


def test_a_live_holder_keeps_the_job_and_a_dead_ones_lease_lapses(redis_process: RedisProcess) -> None:
    holder = journal(redis_process, "leased", lease=1.0)
    try:
        time.sleep(1.5)  # longer than the lease: the holder's renewals keep it
        with pytest.raises(ec.JournalInUseError, match="held by another worker"):
            journal(redis_process, "leased", lease=1.0)
        holder._stop.set()  # the holder "dies": no more renewals, no release
        holder._renewer.join()
        time.sleep(1.2)
        taker = journal(redis_process, "leased", lease=1.0)
        taker.append("sending", 1)
        # The dead worker comes back (a long pause): its next step is refused, the job stays the taker's.
        with pytest.raises(ec.JournalInUseError, match="another worker took it over"):
            holder.append("sending", 2)
        taker.close()
    finally:
        holder._redis.close()


def test_a_step_written_meanwhile_by_another_worker_stops_this_one(redis_process: RedisProcess) -> None:
    first = journal(redis_process, "raced", lease=1.0)
    first._stop.set()
    first._renewer.join()
    time.sleep(1.2)
    second = journal(redis_process, "raced", lease=1.0)
    second.append("sending", 1)
    second.close()  # released: the lease key is gone, so only the sequence number tells
    with pytest.raises(ec.JournalInUseError, match="wrote to it meanwhile"):
        first.append("sending", 1)
    first._redis.close()


def test_a_replayed_step_is_not_written_twice(redis_process: RedisProcess) -> None:
    held = journal(redis_process, "replayed")
    held.append("sending", 1)
    keys = ec.RedisJournal("replayed").keys()
    client = redis.Redis.from_url(redis_process.url)
    # The same step again, as a retry after a lost answer sends it: same token, same sequence number.
    line = client.lindex(keys[1], 0)
    again = client.eval(APPEND, 3, *keys, held._token, 0, line, 30000, 3_600_000)
    assert int(again) == 0
    assert client.llen(keys[1]) == 1
    client.close()
    held.close()


def test_another_jobs_journal_is_refused(redis_process: RedisProcess) -> None:
    journal(redis_process, "mine").close()
    other = {**PLAN, "file": {"size": 11, "sha256": "cd" * 32}}
    with pytest.raises(ec.JournalMismatchError, match=r"redis:mine is for another job \(file"):
        journal(redis_process, "mine", plan=other)
    journal(redis_process, "mine").close()  # refused without taking the lease for good


def test_journals_expire_after_their_last_step(redis_process: RedisProcess) -> None:
    held = journal(redis_process, "expiring")
    held.append("sending", 1)
    held.close()
    client = redis.Redis.from_url(redis_process.url)
    for key in ec.RedisJournal("expiring").keys()[:2]:
        assert 3_500_000 < client.pttl(key) <= 3_600_000
    client.close()


def test_a_redis_journal_without_a_redis_url_is_a_configuration_error() -> None:
    with pytest.raises(ec.ConfigurationError, match="no Redis URL"):
        RedisJournalFile(ec.RedisJournal("x"), "import", {}, redis_url=None, outage=1.0)
    with pytest.raises(ec.InvalidInputError, match="job id"):
        ec.RedisJournal("no spaces allowed")


def test_journals_ls_and_rm(redis_process: RedisProcess) -> None:
    journal(redis_process, "listed-done").close()
    held = journal(redis_process, "listed-held")
    runner = CliRunner()
    env = {"EXOTEL_REDIS_URL": redis_process.url}
    try:
        shown = runner.invoke(app, ["journals", "ls", "--json"], env=env)
        assert shown.exit_code == 0, shown.output
        rows = {row["job_id"]: row for row in json.loads(shown.stdout)["journals"]}
        assert rows["listed-held"]["held"] is True
        assert rows["listed-done"]["held"] is False
        assert rows["listed-done"]["kind"] == "import"
        assert 0 < rows["listed-done"]["expires_in_seconds"] <= 3600
        refused = runner.invoke(app, ["journals", "rm", "listed-held"], env=env)
        assert refused.exit_code == 2
        assert "held by a running worker" in refused.output
        assert runner.invoke(app, ["journals", "rm", "listed-done"], env=env).exit_code == 0
        assert runner.invoke(app, ["journals", "rm", "listed-held", "--force"], env=env).exit_code == 0
        gone = runner.invoke(app, ["journals", "rm", "listed-done"], env=env)
        assert gone.exit_code == 2
        assert "no journal" in gone.output
        left = json.loads(runner.invoke(app, ["journals", "ls", "--json"], env=env).stdout)["journals"]
        assert {row["job_id"] for row in left} & {"listed-done", "listed-held"} == set()
        with pytest.raises(ec.JournalInUseError, match="removed or expired"):
            held.append("sending", 1)
    finally:
        held._stop.set()
        held._redis.close()


def test_quota_and_journal_over_tls_with_a_ca_bundle(tmp_path: Path) -> None:
    need_redis_server()
    with RedisProcess(tls=True) as server:
        assert server.ca is not None
        url = f"{server.url}?ssl_ca_certs={server.ca}"
        path = tmp_path / "contacts.csv"
        path.write_text("phone_number\n" + "".join(f"+9198765{i:05d}\n" for i in range(25)))
        with (
            running_mock(MockConfig(processing_rate=0, rate_limit=0)) as mock,
            ec.Client(
                account_sid="demo",
                api_key="demo-key",
                api_token="demo-token",
                ccm_base_url=mock.base_url,
                environ={},
                redis_url=url,
                rate_limit="100 per 1 second",
            ) as client,
        ):
            result = client.import_contacts(
                path, journal=ec.RedisJournal("over-tls"), limits=Limits(ccm_max_rows=10)
            )
        assert (result.accepted, result.failed) == (25, 0)
        plain = redis.Redis.from_url(url)
        steps = plain.lrange(ec.RedisJournal("over-tls").keys()[1], 0, -1)
        assert sum(json.loads(step)["step"] == "done" for step in steps) == 3
        assert plain.keys("exotel-contacts:{demo}:rate:*")  # the quota's windows are there too
        plain.close()
        # Without the CA bundle the server's certificate is not trusted: a typed error, no traceback.
        with (
            ec.Client(
                account_sid="demo", api_key="k", api_token="t", environ={}, redis_url=server.url
            ) as bad,
            pytest.raises(ec.APIConnectionError, match="certificate verify failed"),
        ):
            RedisJournalFile(ec.RedisJournal("untrusted"), "import", {}, redis_url=bad._redis_url, outage=0.5)


def test_the_command_line_keeps_a_journal_in_redis(redis_process: RedisProcess, tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("phone_number\n" + "".join(f"+9198766{i:05d}\n" for i in range(12)))
    runner = CliRunner()
    with running_mock(MockConfig(processing_rate=0, rate_limit=0)) as mock:
        env = {
            "EXOTEL_ACCOUNT_SID": mock.account_sid,
            "EXOTEL_API_KEY": mock.api_key,
            "EXOTEL_API_TOKEN": mock.api_token,
            "EXOTEL_CCM_BASE_URL": mock.base_url,
            "EXOTEL_REDIS_URL": redis_process.url,
            "CI": "1",
        }
        args = ["--redis-outage", "5", "upload", str(path), "--journal", "redis:cli-job", "--json"]
        first = runner.invoke(app, args, env=env)
        assert first.exit_code == 0, first.output
        again = runner.invoke(app, args, env=env)  # finished: run again, nothing is sent, same report
        assert again.exit_code == 0, again.output
        assert len(httpx_contacts(mock.base_url)) == 12
        bad = runner.invoke(app, ["--redis-outage", "soon", "upload", str(path)], env=env)
        assert bad.exit_code == 2
        assert "EXOTEL_REDIS_OUTAGE" in bad.output
    listed = json.loads(runner.invoke(app, ["journals", "ls", "--json"], env=env).stdout)["journals"]
    assert [row["job_id"] for row in listed] == ["cli-job"]
    assert (
        json.loads(first.stdout)["import"]["accepted"] == json.loads(again.stdout)["import"]["accepted"] == 12
    )


def httpx_contacts(base_url: str) -> list[Any]:
    contacts: list[Any] = httpx.get(f"{base_url}/_mock/accounts/demo/ccm-contacts", timeout=10).json()
    return contacts


def test_a_lapsed_lease_nobody_took_is_taken_back(redis_process: RedisProcess) -> None:
    # As after a Redis outage longer than the lease: the holder's next step (or renewal) takes it back.
    held = journal(redis_process, "lapsed", lease=1.0)
    held._stop.set()
    held._renewer.join()
    time.sleep(1.2)
    held.append("sending", 1)
    with pytest.raises(ec.JournalInUseError, match="held by another worker"):
        journal(redis_process, "lapsed", lease=1.0)
    held.close()
