"""The Celery recipe end to end, with real processes: a redis-server (broker, results, quota, journals),
the mock, three worker processes (``examples/celery_jobs.py``), six jobs for two accounts (CCM imports
with ``skip`` and ``create_new``, bulk creates). One worker is SIGKILLed in the middle of a job; its
task goes back to the queue (``acks_late`` + the visibility timeout), another worker takes it and
resumes from the journal in Redis.

Time is scaled: the mock allows 30 requests per second per account, the clients 10 per second per
family (the three families add up to the mock's limit), the journal's lease is 2 s, the visibility
timeout 12 s.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from redis_server import RedisProcess

from benchmarks.quota_harness import mock_process

from .conftest import need_redis_server

celery = pytest.importorskip("celery", reason="the celery extra is not installed (pip install -e '.[dev]')")

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("celery_worker.py")
ACCOUNTS = {"demo": ("demo-key", "demo-token"), "acct2": ("key-two", "token-two")}
MOCK_LIMIT, MOCK_WINDOW = 30, 1.0
IMPORT_ROWS = 120  # twelve parts of ten rows; every 7th row is invalid
BULK_CONTACTS = 300  # thirty chunks of ten; every 9th contact has no number
DEADLINE = 150.0


def import_file(path: Path, prefix: str) -> tuple[dict[int, str], set[int]]:
    valid: dict[int, str] = {}
    invalid: set[int] = set()
    lines = ["phone_number,first_name"]
    for row in range(1, IMPORT_ROWS + 1):
        if row % 7 == 0:
            invalid.add(row)
            lines.append(f"not-a-number,Bad{row}")
        else:
            valid[row] = f"{prefix}{row:07d}"
            lines.append(f"{valid[row]},Good{row}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return valid, invalid


def bulk_file(path: Path, prefix: str) -> dict[int, str]:
    valid: dict[int, str] = {}
    lines = []
    for index in range(BULK_CONTACTS):
        if index % 9 == 8:
            lines.append(json.dumps({"first_name": f"NoNumber{index}"}))
        else:
            valid[index] = f"{prefix}{index:07d}"
            lines.append(json.dumps({"number": valid[index]}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return valid


@contextlib.contextmanager
def workers(env: dict[str, str], count: int, logs: Path) -> Iterator[list[subprocess.Popen[bytes]]]:
    started = []
    try:
        for number in range(count):
            log = (logs / f"worker{number}.log").open("wb")
            started.append(
                subprocess.Popen(
                    [sys.executable, str(WORKER), f"w{number}"], env=env, stdout=log, stderr=log, cwd=ROOT
                )
            )
            log.close()
        yield started
    finally:
        for process in started:
            if process.poll() is None:
                process.terminate()
        for process in started:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def attempts(folder: Path) -> list[dict[str, Any]]:
    found = []
    for file in folder.glob("*.jsonl"):
        for line in file.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(json.JSONDecodeError):  # the killed worker's last line may be cut
                found.append(json.loads(line))
    return found


def most_in_a_window(times: list[float], window: float) -> int:
    times = sorted(times)
    best, start = 0, 0
    for end, at in enumerate(times):
        while at - times[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


def test_six_jobs_on_three_celery_workers_survive_a_killed_worker(tmp_path: Path) -> None:
    need_redis_server()
    attempts_dir = tmp_path / "attempts"
    attempts_dir.mkdir()
    jobs: dict[str, dict[str, Any]] = {}
    for n, account in enumerate(ACCOUNTS):
        for kind, action in (("import", "skip"), ("import", "create_new"), ("create", None)):
            job_id = f"{account}-{kind}-{action or 'bulk'}"
            prefix = f"+91{7 + n}{len(jobs)}"
            if kind == "import":
                path = tmp_path / f"{job_id}.csv"
                valid, invalid = import_file(path, prefix)
                jobs[job_id] = {
                    "kind": kind,
                    "account": account,
                    "action": action,
                    "path": path,
                    "valid": valid,
                }
                jobs[job_id]["invalid"] = invalid
            else:
                path = tmp_path / f"{job_id}.jsonl"
                jobs[job_id] = {
                    "kind": kind,
                    "account": account,
                    "path": path,
                    "valid": bulk_file(path, prefix),
                }
    with RedisProcess() as redis_server, mock_process(MOCK_LIMIT, MOCK_WINDOW) as base_url:
        for account, (key, token) in ACCOUNTS.items():
            if account != "demo":
                added = httpx.post(
                    f"{base_url}/_mock/accounts",
                    json={"account_sid": account, "api_key": key, "api_token": token, "access_token": "a"},
                    timeout=10,
                )
                assert added.status_code < 300, added.text
        env = {k: v for k, v in os.environ.items() if not k.startswith("EXOTEL_")}
        env |= {
            "EXOTEL_REDIS_URL": redis_server.url,
            "EXOTEL_CCM_BASE_URL": base_url,
            "EXOTEL_CAMPAIGN_BASE_URL": base_url,
            "EXOTEL_API_KEY": "demo-key",
            "EXOTEL_API_TOKEN": "demo-token",
            "EXOTEL_CCM_RATE_LIMIT": "10 per 1 second",
            "EXOTEL_CAMPAIGN_RATE_LIMIT": "10 per 1 second",
            "EXOTEL_READS_RATE_LIMIT": "10 per 1 second",
            "EXOTEL_JOB_LEASE": "2",
            "EXOTEL_JOB_VISIBILITY_TIMEOUT": "12",
            "TEST_ATTEMPTS_DIR": str(attempts_dir),
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "examples")]),
        }
        for account, (key, token) in ACCOUNTS.items():
            env[f"EXOTEL_API_KEY__{account}"], env[f"EXOTEL_API_TOKEN__{account}"] = key, token
        os.environ["EXOTEL_REDIS_URL"] = redis_server.url  # for the app's broker in this process
        try:
            sys.path.insert(0, str(ROOT / "examples"))
            sys.modules.pop("celery_jobs", None)
            import celery_jobs  # noqa: PLC0415 - configured from the environment just set
        finally:
            os.environ.pop("EXOTEL_REDIS_URL", None)
            sys.path.remove(str(ROOT / "examples"))
        app = celery_jobs.app
        with workers(env, 3, tmp_path) as processes:
            started = time.monotonic()
            results = {}
            for job_id, job in jobs.items():
                if job["kind"] == "import":
                    results[job_id] = celery_jobs.import_file.delay(
                        job_id, job["account"], str(job["path"]), duplicate_action=job["action"], part_rows=10
                    )
                else:
                    results[job_id] = celery_jobs.create_contacts.delay(
                        job_id, job["account"], str(job["path"]), chunk_size=10
                    )
            progress_seen: dict[str, dict[str, Any]] = {}
            victim: dict[str, Any] | None = None
            while time.monotonic() - started < DEADLINE:
                for job_id, handle in results.items():
                    if handle.state == "PROGRESS" and isinstance(handle.info, dict):
                        progress_seen.setdefault(job_id, dict(handle.info))
                        info = handle.info
                        begun = info.get("parts_done", info.get("done", 0))
                        if victim is None and begun and job_id.endswith(("create_new", "bulk")):
                            victim = {"job_id": job_id, "pid": info["worker_pid"], "info": dict(info)}
                            os.kill(info["worker_pid"], signal.SIGKILL)
                if all(handle.ready() for handle in results.values()):
                    break
                time.sleep(0.05)
            took = time.monotonic() - started
            finished = {job_id: handle.get(timeout=5) for job_id, handle in results.items()}
            killed = [p for p in processes if p.poll() == -signal.SIGKILL]
            contacts = {
                account: {
                    "ccm": Counter(
                        c["phone_number"]
                        for c in httpx.get(
                            f"{base_url}/_mock/accounts/{account}/ccm-contacts", timeout=10
                        ).json()
                    ),
                    "campaign": Counter(
                        c["number"]
                        for c in httpx.get(f"{base_url}/_mock/accounts/{account}/contacts", timeout=10).json()
                    ),
                }
                for account in ACCOUNTS
            }
            import redis  # noqa: PLC0415

            plain = redis.Redis.from_url(redis_server.url)
            assert victim is not None, "no job was caught in the middle"
            writers = {
                json.loads(step).get("by")
                for step in plain.lrange(f"exotel-contacts:journal:{{{victim['job_id']}}}:steps", 0, -1)
            }
            plain.close()
        app.close()
    print(f"celery jobs: {took:.1f} s; killed {victim['job_id']} at {victim['info']}")
    assert len(killed) == 1, "exactly the one worker was killed"
    assert len(writers) >= 2, "the killed job was resumed by another worker, from the same journal"
    assert set(progress_seen) == set(jobs), "each job's progress was readable while it ran"
    for job_id, job in jobs.items():
        result, seen = finished[job_id], contacts[job["account"]]
        if job["kind"] == "import":
            assert result["aborted"] is None, (job_id, result["aborted"])
            failures = {f["row_number"]: f["error_code"] for f in result["failures"]}
            assert result["pending"] == 0
            assert result["accepted"] == IMPORT_ROWS - len(failures)
            for row in job["invalid"]:
                assert failures[row] == "INVALID_PHONE"
            for row, phone in job["valid"].items():
                if row not in failures:
                    assert seen["ccm"][phone] == 1, (job_id, row)
                elif job["action"] == "create_new":
                    assert failures[row] == "OUTCOME_UNKNOWN", (job_id, row, failures[row])
                    assert seen["ccm"][phone] <= 1
                else:
                    assert failures[row] == "DUPLICATE_ENTRY", (job_id, row, failures[row])
                    assert seen["ccm"][phone] == 1
        else:
            assert result["aborted"] is None, (job_id, result["aborted"])
            outcomes = {index: outcome for index, outcome, _ in result["outcomes"]}
            assert sorted(outcomes) == list(range(BULK_CONTACTS))
            for index in range(BULK_CONTACTS):
                if index in job["valid"]:
                    assert outcomes[index] in ("created", "already_existed"), (job_id, index)
                    assert seen["campaign"][job["valid"][index]] == 1
                else:
                    assert outcomes[index] == "failed"
    sent = attempts(attempts_dir)
    for account in ACCOUNTS:
        mine = [a for a in sent if a["account"] == account]
        refused = sum(1 for a in mine if a["status"] == 429)
        assert mine
        print(
            f"{account}: {len(mine)} attempts, {refused} answered 429, busiest second {most_in_a_window([a['t'] for a in mine], MOCK_WINDOW)}"
        )
        assert refused <= max(1, len(mine) // 100), f"{account}: {refused} of {len(mine)} answered 429"
        # The three families' windows (10 a second each) add up to the mock's 30 a second.
        sent_at = [a["t"] for a in mine if a["status"] != 429]
        assert most_in_a_window(sent_at, MOCK_WINDOW) <= MOCK_LIMIT
