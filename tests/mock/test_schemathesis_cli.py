"""schemathesis's own CLI, every check and every phase, against a live mock: the run must be clean.

`st run openapi.yaml --checks all --phases examples,coverage,fuzzing,stateful` with the repository's
schemathesis.toml (auth, seed, the uploads' documented 400), except that the account sid is not pinned
to the demo account: odd sids (ones that route nowhere, or hold characters a router trips on) are
generated too, and each must get an answer its operation declares. Bounded: a few examples per
operation, a short stateful run, a time limit. `make fuzz` runs the same CLI deeper.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ST = Path(sys.executable).parent / "st"
EXAMPLES = os.environ.get("EXOTEL_ST_EXAMPLES", "5")


def _unpinned_config(tmp_path: Path) -> Path:
    """schemathesis.toml without its `[parameters]` table (the account sid pin)."""
    text = (ROOT / "schemathesis.toml").read_text(encoding="utf-8")
    unpinned = re.sub(r"(?ms)^\[parameters\]\n.*?(?=^\[)", "", text)
    assert unpinned != text
    assert "path.account_sid" not in unpinned
    config = tmp_path / "schemathesis.toml"
    config.write_text(unpinned.replace("max-steps = 20", "max-steps = 5"), encoding="utf-8")
    return config


@pytest.fixture
def live_mock(tmp_path: Path) -> Iterator[str]:
    env = {
        **os.environ,
        "EXOTEL_ACCOUNT_SID": "demo",
        "EXOTEL_API_KEY": "demo-key",
        "EXOTEL_API_TOKEN": "demo-token",
    }
    args = ["--port", "0", "--rate-limit", "0", "--processing-rate", "0"]
    log = (
        tmp_path / "mock.log"
    )  # a file, not a pipe: uvicorn's access log (one line a request) would fill a pipe
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "exotel_contacts_mock", *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        deadline = time.monotonic() + 60
        found = None
        while found is None:
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the mock did not start"
            found = re.search(r"http://127\.0\.0\.1:\d+", log.read_text(), re.ASCII)
            time.sleep(0.1)
        yield found.group()
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.skipif(not ST.exists(), reason="schemathesis's CLI is not installed")
def test_the_schemathesis_cli_runs_clean_against_a_live_mock(live_mock: str, tmp_path: Path) -> None:
    command = [
        str(ST),
        "--config-file",
        str(_unpinned_config(tmp_path)),
        "run",
        str(ROOT / "openapi.yaml"),
        "--url",
        live_mock,
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-examples",
        EXAMPLES,
    ]  # one worker: with two, schemathesis 4.32.5 on CPython 3.11 hit an internal RecursionError (SystemError)
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False, cwd=tmp_path)
    report = done.stdout[-6000:]
    assert done.returncode == 0, report
    assert re.search(r"\d+ generated, \d+ passed", done.stdout), report
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    operations = sum(
        1 for item in spec["paths"].values() for key in item if key in ("get", "put", "post", "delete")
    )
    assert f"Tested: {operations}" in done.stdout, report
