"""The spec passes the tools other language teams use: a validator and Spectral (TypeScript: see
test_typescript.py), and regenerating the Python client gives exactly what is committed."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

ROOT = Path(__file__).resolve().parents[2]

NPX = shutil.which("npx")
needs_node = pytest.mark.skipif(NPX is None, reason="npx not on PATH (make test installs Node tools)")


def _run(cmd: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300, check=False)


def test_spec_validates_with_openapi_spec_validator() -> None:
    spec_dict, base_uri = read_from_filename(str(ROOT / "openapi.yaml"))
    validate(spec_dict, base_uri=base_uri)
    assert spec_dict["openapi"] == "3.0.3"


@needs_node
def test_spectral_reports_nothing() -> None:
    result = _run(
        [
            NPX or "npx",
            "--no-install",
            "spectral",
            "lint",
            "openapi.yaml",
            "--ruleset",
            ".spectral.yaml",
            "--fail-severity=hint",
            "--format=text",
        ]
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "problem" not in result.stdout.lower(), result.stdout


@needs_node
def test_spectral_catches_a_broken_rule(tmp_path: Path) -> None:
    """The project's own rules are live: an operation without a summary is an error, and so is one
    that declares no client rules (x-exotel-replay, x-exotel-rate-family), or a malformed rule."""
    text = (ROOT / "openapi.yaml").read_text(encoding="utf-8")
    get_list = "      operationId: getList\n      summary: Get one list (Campaign)\n"
    assert get_list in text
    broken = (
        text.replace("      summary: Create up to 5000 contacts in one request (Campaign)\n", "", 1)
        .replace(
            get_list + "      x-exotel-replay: {safe: true}\n      x-exotel-rate-family: reads\n", get_list, 1
        )
        .replace(
            "      x-exotel-rate-family: ccm\n      x-exotel-upload-slot: true\n",
            "      x-exotel-rate-family: ccm\n      x-exotel-upload-slot: maybe\n",
            1,
        )
    )
    assert broken.count("x-exotel-replay:") == text.count("x-exotel-replay:") - 1
    (tmp_path / "openapi.yaml").write_text(broken, encoding="utf-8")
    result = _run(
        [
            NPX or "npx",
            "--no-install",
            "spectral",
            "lint",
            str(tmp_path / "openapi.yaml"),
            "--ruleset",
            str(ROOT / ".spectral.yaml"),
            "--fail-severity=hint",
            "--format=text",
        ]
    )
    assert result.returncode != 0
    assert "exotel-operation-summary" in result.stdout
    assert "exotel-operation-rules " in result.stdout or "exotel-operation-rules\n" in result.stdout
    assert "x-exotel-replay" in result.stdout
    assert "exotel-operation-rules-shape" in result.stdout


def test_generated_client_matches_the_spec(tmp_path: Path) -> None:
    """Regenerating from openapi.yaml gives exactly the committed generated/ (no hand edits, no drift)."""
    out = tmp_path / "exotel_contacts_api"
    bin_dir = str(Path(sys.executable).parent)
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "generate.sh"), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={"PATH": f"{bin_dir}:/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    committed = ROOT / "generated" / "exotel_contacts_api"
    differences: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        differences.extend(f"only committed: {prefix}{n}" for n in cmp.left_only if n != "__pycache__")
        differences.extend(f"only regenerated: {prefix}{n}" for n in cmp.right_only)
        differences.extend(f"differs: {prefix}{n}" for n in cmp.diff_files)
        for name, sub in cmp.subdirs.items():
            if name != "__pycache__":
                walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(committed, out, ignore=["__pycache__"]), "")
    # dircmp compares shallowly by stat first; compare contents for certainty.
    for path in out.rglob("*.py"):
        rel = path.relative_to(out)
        if (committed / rel).read_bytes() != path.read_bytes() and f"differs: {rel}" not in differences:
            differences.append(f"differs: {rel}")
    assert not differences, "generated/ drifted from openapi.yaml; run `make generate`:\n" + "\n".join(
        differences
    )


def test_generated_operations_match_the_spec() -> None:
    """The per-operation methods and rules (overlay files marked generated) and their sync twin are
    exactly what openapi.yaml gives (no hand edits, no drift)."""
    for script in ("generate_operations.py", "unasync.py"):
        result = _run([sys.executable, str(ROOT / "scripts" / script), "--check"])
        assert result.returncode == 0, (
            f"{script} --check: run `make generate`\n{result.stdout}{result.stderr}"
        )
