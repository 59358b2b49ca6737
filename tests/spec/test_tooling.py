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
    """The project's own rules are live: an operation without a summary is an error."""
    broken = (
        (ROOT / "openapi.yaml")
        .read_text(encoding="utf-8")
        .replace("      summary: Create up to 5000 contacts in one request (Campaign)\n", "", 1)
    )
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
