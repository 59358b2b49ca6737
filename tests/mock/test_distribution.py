"""The mock's own distribution (mock/pyproject.toml): the spec inside, no test helpers, none of the
client's dependencies; it installs into a clean virtual environment and serves there.

The clean install resolves the mock's dependencies from the package index (the pip cache after
`make setup`): it takes ~30-60 s, once.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import sys
import tomllib
import urllib.request
import venv
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# What the Python client needs and the mock must not pull in (the client itself included).
CLIENT_ONLY = {
    "exotel-contacts",
    "stamina",
    "pyrate-limiter",
    "limits",
    "phonenumbers",
    "email-validator",
    "typer",
    "rich",
    "redis",
    "pytest",
    "python-dateutil",
}


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT / "mock"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("exotel_contacts_mock-*-py3-none-any.whl")
    return built


def test_the_wheel_carries_the_spec_and_no_test_helpers(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert archive.read("exotel_contacts_mock/openapi.yaml") == (ROOT / "openapi.yaml").read_bytes()
        metadata = Parser().parsestr(archive.read(next(n for n in names if n.endswith("/METADATA"))).decode())
    packages = {name.split("/")[0] for name in names if "/" in name and ".dist-info/" not in name}
    assert packages == {"exotel_contacts_mock"}
    assert not {"exotel_contacts_mock/testing.py", "exotel_contacts_mock/redis_server.py"} & set(names)
    required = {_name(r) for r in metadata.get_all("Requires-Dist") or []}
    assert required
    assert not required & CLIENT_ONLY


def test_the_distribution_pins_what_the_mock_extra_pins() -> None:
    ours = tomllib.loads((ROOT / "mock" / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    main = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extra = set(main["optional-dependencies"]["mock"])
    assert extra <= set(ours["dependencies"])
    # What the mock needs beyond the extra is already a core dependency of exotel-contacts.
    core = {_name(r) for r in main["dependencies"]}
    assert {_name(r) for r in set(ours["dependencies"]) - extra} <= core


def test_it_installs_into_a_clean_venv_without_the_client_and_serves(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    listing = subprocess.run(
        [
            str(python),
            "-c",
            "import importlib.metadata as m; print('\\n'.join(d.metadata['Name'] for d in m.distributions()))",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=tmp_path,
    )
    present = {_name(line) for line in listing.stdout.split()}
    assert "exotel-contacts-mock" in present
    assert not present & CLIENT_ONLY, present & CLIENT_ONLY

    help_text = subprocess.run(
        [str(env_dir / "bin" / "exotel-contacts-mock"), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "--fault-rate" in help_text

    server = subprocess.Popen(
        [str(python), "-m", "exotel_contacts_mock", "--port", "0", "--processing-rate", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,  # not the checkout: the installed package and its packaged spec are used
        env={"PATH": "/usr/bin:/bin", "EXOTEL_API_KEY": "k", "EXOTEL_API_TOKEN": "t"},
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        base = re.search(r"http://127\.0\.0\.1:\d+", first, re.ASCII)
        assert base, first + (server.stderr.read() if server.poll() is not None and server.stderr else "")
        request = urllib.request.Request(  # noqa: S310 - a loopback URL this test built
            f"{base.group()}/v2/accounts/demo/contacts",
            data=json.dumps(
                {"contacts": [{"number": "+919876543210"}, {"number": "+91\u0669\u0668\u0667"}]}
            ).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": "Basic " + base64.b64encode(b"k:t").decode(),
            },
        )
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
            assert answer.status == 207
            items = json.loads(answer.read())["response"]
        assert [item["code"] for item in items] == [200, 400]
    finally:
        server.terminate()
        server.communicate(timeout=30)


def test_installed_with_the_client_it_reads_the_generated_packages_copy(tmp_path: Path) -> None:
    # As `exotel-contacts[mock]` installs it: no spec in the mock's folder, no checkout around it, the
    # generated package beside it. The copy is located, never imported.
    site = tmp_path / "site"
    shutil.copytree(ROOT / "mock" / "exotel_contacts_mock", site / "exotel_contacts_mock")
    (site / "exotel_contacts_api").mkdir()
    (site / "exotel_contacts_api" / "__init__.py").write_text("raise ImportError('imported')\n")
    (site / "exotel_contacts_api" / "openapi.yaml").write_bytes((ROOT / "openapi.yaml").read_bytes())
    script = (
        "import sys; from exotel_contacts_mock.spec import spec_path; print(spec_path());"
        "assert 'exotel_contacts_api' not in sys.modules"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == str(site / "exotel_contacts_api" / "openapi.yaml")
