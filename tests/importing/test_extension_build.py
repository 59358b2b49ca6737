"""The optional C accelerator (exotel_contacts.importing._speedups) and its build (hatch_build.py);
test_accelerator.py compares what it computes with its pure-Python twins.

The installed accelerator must be there and built from the current C file. A missing one FAILS rather
than skips, locally as in CI: `make setup` builds it whenever a compiler is there, and pip hides the
build's warning, so a skip would let a broken C file or a missing compiler go unnoticed and leave the
compiled path untested. Only ``EXOTEL_CONTACTS_NO_EXTENSION=1`` (outside CI) says "no accelerator on
purpose" and turns the missing-accelerator failures into skips.

The wheel tests build from this tree in a temporary folder without build isolation (hatchling and
setuptools are pinned in the dev extra, equal to ``[build-system].requires``); each build takes well
under a second and compiles the C file once.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import parse_wheel_filename

from exotel_contacts.importing import _accel

ROOT = Path(__file__).resolve().parents[2]
MODULE = "exotel_contacts.importing._speedups"
SOURCE = ROOT / "overlay" / "exotel_contacts" / "importing" / "_speedups.c"
EXT_SUFFIX = sysconfig.get_config_var("EXT_SUFFIX")
IN_WHEEL = f"exotel_contacts/importing/_speedups{EXT_SUFFIX}"
SKIP_VARIABLE = "EXOTEL_CONTACTS_NO_EXTENSION"
PURE_PYTHON_VARIABLE = "EXOTEL_CONTACTS_PURE_PYTHON"  # leaves a built accelerator unloaded at run time
PIP_WHEEL = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q"]
WARNING_START = "exotel-contacts: C accelerator not built ("
WARNING_END = "); the pure-Python path is used"

# What the probe below asks the module: three short numbers in a 17-slot table, rows 1-3 (small, so a
# slot's key and row fit its 64 bits), the longest probe walk; the third repeats the first, so
# record_batch reports (index 2, first row 1), fills two slots and stops after the last index.
PROBE = """
import json, sys
from array import array
import exotel_contacts.importing._speedups as accel
slots = array("Q", [0]) * 17
stopped, duplicates = accel.record_batch(slots, 17, 8, ["+12345", "67890", "12345"], 1, 0, 4095)
print(json.dumps({"file": accel.__file__, "sha256": accel.SOURCE_SHA256, "stopped": stopped,
                  "duplicates": duplicates, "used": sum(1 for slot in slots if slot)}))
"""
PROBE_ANSWER = {"stopped": 3, "duplicates": [[2, 1]], "used": 2}


def source_sha256() -> str:
    return hashlib.sha256(SOURCE.read_bytes()).hexdigest()


def accelerator_opted_out() -> bool:
    """EXOTEL_CONTACTS_NO_EXTENSION=1 outside CI: this machine goes without the accelerator on purpose."""
    return os.environ.get(SKIP_VARIABLE, "").strip() not in {"", "0"} and not os.environ.get("CI")


def missing(reason: str) -> None:
    if accelerator_opted_out():
        pytest.skip(f"{SKIP_VARIABLE} is set: no C accelerator on purpose ({reason})")
    pytest.fail(
        f"{reason}: run make setup (a C compiler and Python's headers are needed; "
        f"`.venv/bin/python -m pip install -v --no-deps -e .` shows why the build fell back); "
        f"{SKIP_VARIABLE}=1 outside CI tests without it",
        pytrace=False,
    )


def build_env(**changes: str) -> dict[str, str]:
    env = {
        key: value for key, value in os.environ.items() if key not in {SKIP_VARIABLE, PURE_PYTHON_VARIABLE}
    }
    env.update(changes)
    return env


def build_with_backend(
    kind: str, source_tree: Path, out: Path, env: dict[str, str]
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Run hatchling's PEP 517 hook `kind` (build_wheel, build_sdist, build_editable) as pip would, but
    with the build's stderr visible to the test."""
    out.mkdir(parents=True, exist_ok=True)
    code = f"import sys; from hatchling.build import {kind}; print({kind}(sys.argv[1]))"
    result = subprocess.run(
        [sys.executable, "-c", code, str(out)],
        cwd=source_tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out / result.stdout.strip().splitlines()[-1], result


def warnings_in(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("exotel-contacts:")]


def is_platform_wheel(wheel: Path) -> bool:
    _name, _version, _build, tags = parse_wheel_filename(wheel.name)
    return all(tag.abi != "none" and tag.platform != "any" for tag in tags)


def unpack(wheel: Path, into: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(into)  # noqa: S202 (a wheel this test just built)
        return archive.namelist()


def run_from(folder: Path, code: str) -> subprocess.CompletedProcess[str]:
    """Python with `folder` first on sys.path, ahead of this tree's editable install."""
    env = build_env(PYTHONPATH=str(folder))
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def probe(folder: Path) -> dict[str, object]:
    result = run_from(folder, PROBE)
    assert result.returncode == 0, result.stderr
    answer: dict[str, object] = json.loads(result.stdout)
    return answer


def test_installed_accelerator_is_built_from_the_current_source() -> None:
    """The accelerator the package uses (`importing/_accel.py`) is there and current."""
    accel = _accel.native
    if accel is None:
        try:
            accel = importlib.import_module(MODULE)
        except ImportError as error:
            missing(f"the C accelerator {MODULE} is not installed ({error})")
            return
        if os.environ.get(PURE_PYTHON_VARIABLE, "") in {"", "0"}:
            pytest.fail(f"{MODULE} imports but importing/_accel.py does not use it", pytrace=False)
    assert source_sha256() == accel.SOURCE_SHA256, (
        f"the C accelerator is stale: run make setup ({accel.__file__} was built from "
        f"{accel.SOURCE_SHA256}, {SOURCE.name} is now {source_sha256()})"
    )


def test_build_requirements_match_the_dev_pins() -> None:
    """The no-isolation builds below use the dev extra's hatchling and setuptools: the very versions
    an isolated build (pip install, make setup) gets from [build-system].requires."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    build = {Requirement(text).name: str(Requirement(text)) for text in project["build-system"]["requires"]}
    dev = {
        Requirement(text).name: str(Requirement(text))
        for text in project["project"]["optional-dependencies"]["dev"]
    }
    assert set(build) == {"hatchling", "setuptools"}
    assert {name: dev.get(name) for name in build} == build


def test_wheel_from_the_tree_carries_the_accelerator(tmp_path: Path) -> None:
    if accelerator_opted_out():
        pytest.skip(f"{SKIP_VARIABLE} is set: no C accelerator on purpose")
    out = tmp_path / "dist"
    result = subprocess.run(
        [*PIP_WHEEL, "-w", str(out), str(ROOT)],
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = out.glob("*.whl")
    names = unpack(wheel, tmp_path / "unpacked")
    if IN_WHEEL not in names:
        missing(f"pip wheel built {wheel.name} without {IN_WHEEL}")
    assert is_platform_wheel(wheel), wheel.name
    wheel_meta = next(name for name in names if name.endswith(".dist-info/WHEEL"))
    assert "Root-Is-Purelib: false" in (tmp_path / "unpacked" / wheel_meta).read_text(encoding="utf-8")
    assert not [name for name in names if name.endswith(".c")], "the C source is for the sdist only"
    answer = probe(tmp_path / "unpacked")
    assert Path(str(answer.pop("file"))) == tmp_path / "unpacked" / IN_WHEEL
    assert answer.pop("sha256") == source_sha256()
    assert answer == PROBE_ANSWER


def test_wheel_without_the_accelerator_on_request_is_pure_and_imports(tmp_path: Path) -> None:
    wheel, result = build_with_backend(
        "build_wheel", ROOT, tmp_path / "dist", build_env(**{SKIP_VARIABLE: "1"})
    )
    assert warnings_in(result.stderr) == [f"{WARNING_START}{SKIP_VARIABLE}=1{WARNING_END}"]
    assert wheel.name.endswith("-py3-none-any.whl")
    names = unpack(wheel, tmp_path / "unpacked")
    assert not [name for name in names if name.endswith((".so", ".pyd"))], names
    imported = run_from(
        tmp_path / "unpacked",
        "import importlib.util, exotel_contacts, exotel_contacts.importing.seen\n"
        "from exotel_contacts.importing._accel import ACCELERATED\n"
        f"print(exotel_contacts.__file__, importlib.util.find_spec({MODULE!r}), ACCELERATED)",
    )
    assert imported.returncode == 0, imported.stderr
    where, spec, accelerated = imported.stdout.split()
    assert Path(where).is_relative_to(tmp_path / "unpacked")
    assert (spec, accelerated) == ("None", "False")


@pytest.mark.skipif(sys.platform == "win32", reason="CC names the compiler on Unix builds only")
def test_a_failing_compiler_gives_a_pure_wheel_and_one_warning(tmp_path: Path) -> None:
    false = shutil.which("false") or "/bin/false"
    wheel, result = build_with_backend("build_wheel", ROOT, tmp_path / "dist", build_env(CC=false))
    assert warnings_in(result.stderr) == [
        f"{WARNING_START}CompileError: {false} exited with status 1{WARNING_END}"
    ]
    assert wheel.name.endswith("-py3-none-any.whl")
    assert not [name for name in unpack(wheel, tmp_path / "unpacked") if name.endswith((".so", ".pyd"))]


def test_sdist_carries_the_source_and_hook_and_builds_the_accelerator(tmp_path: Path) -> None:
    sdist, _ = build_with_backend("build_sdist", ROOT, tmp_path / "sdist", build_env())
    with tarfile.open(sdist) as archive:
        members = [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]
        archive.extractall(tmp_path / "src", filter="data")
    for needed in ("hatch_build.py", "pyproject.toml", "overlay/exotel_contacts/importing/_speedups.c"):
        assert needed in members
    assert not [name for name in members if name.endswith((".so", ".pyd"))], "no built module in the sdist"
    if accelerator_opted_out():
        pytest.skip(f"{SKIP_VARIABLE} is set: no C accelerator on purpose")
    (tree,) = (tmp_path / "src").iterdir()
    wheel, result = build_with_backend("build_wheel", tree, tmp_path / "dist", build_env())
    if warnings_in(result.stderr):
        missing(f"the wheel from the sdist has no accelerator: {warnings_in(result.stderr)}")
    assert is_platform_wheel(wheel), wheel.name
    assert IN_WHEEL in unpack(wheel, tmp_path / "unpacked")
    assert probe(tmp_path / "unpacked")["sha256"] == source_sha256()


def test_editable_build_compiles_in_place_and_drops_an_old_build(tmp_path: Path) -> None:
    """On a copy of the tree (the real one's module is in use): the editable build writes the module
    beside its source, and a later build without it removes that one rather than leave it stale."""
    tree = tmp_path / "tree"
    tree.mkdir()
    for name in ("pyproject.toml", "hatch_build.py", "README.md", ".gitignore"):
        shutil.copy2(ROOT / name, tree / name)
    for folder in ("generated", "overlay", "mock"):
        shutil.copytree(
            ROOT / folder, tree / folder, ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd")
        )
    in_place = tree / "overlay" / IN_WHEEL
    if not accelerator_opted_out():
        _, result = build_with_backend("build_editable", tree, tmp_path / "editable", build_env())
        if not in_place.is_file():
            missing(f"the editable build wrote no {in_place.name}: {warnings_in(result.stderr)}")
        answer = probe(tree / "overlay")
        assert Path(str(answer["file"])) == in_place
        assert answer["sha256"] == source_sha256()
    else:
        in_place.write_bytes(b"an earlier build")
    _, result = build_with_backend(
        "build_editable", tree, tmp_path / "again", build_env(**{SKIP_VARIABLE: "1"})
    )
    assert warnings_in(result.stderr) == [f"{WARNING_START}{SKIP_VARIABLE}=1{WARNING_END}"]
    assert not in_place.exists()
