"""The docs' sources, without building them: the README is a front page (short, the test command CI runs,
no figures, links that resolve), and the API reference has an entry for every public name."""

from __future__ import annotations

import importlib
import re
import subprocess

import exotel_contacts
import exotel_contacts_mock

from .conftest import ROOT

README = ROOT / "README.md"
REFERENCE = ROOT / "docs" / "reference"


def _readme() -> str:
    return README.read_text(encoding="utf-8")


def test_the_readme_is_a_front_page() -> None:
    assert len(_readme().splitlines()) <= 200


def test_the_readme_gives_the_test_command_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.MULTILINE)
    assert re.search(r"^make test\b", _readme(), re.MULTILINE)
    assert re.search(r"^make demo\b", _readme(), re.MULTILINE)


def test_the_readme_carries_no_benchmark_figures() -> None:
    # figures live in BENCHMARKS.md only (make bench rewrites it); the README links to it
    text = _readme()
    assert "BENCHMARKS.md" in text
    assert not re.search(r"\d(\.\d+)?x\b", text), "a ratio in the README: it belongs in BENCHMARKS.md"
    assert "| measured |" not in text


def test_the_readme_links_resolve() -> None:
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", _readme()):
        if re.match(r"[a-z]+:", target):
            continue
        assert (ROOT / target).exists(), f"README links to {target}, which is not in the repository"


def _documented(package: str) -> set[str]:
    names: set[str] = set()
    for page in REFERENCE.glob("*.md"):
        names.update(
            re.findall(rf"^::: {package}\.(\w+)\s*$", page.read_text(encoding="utf-8"), re.MULTILINE)
        )
    return names


def test_every_public_name_has_an_api_reference_entry() -> None:
    missing = set(exotel_contacts.__all__) - {"__version__"} - _documented("exotel_contacts")
    assert missing == set(), (
        f"add a `::: exotel_contacts.NAME` line to a page of docs/reference/: {sorted(missing)}"
    )
    missing = set(exotel_contacts_mock.__all__) - _documented("exotel_contacts_mock")
    assert missing == set(), (
        f"add a `::: exotel_contacts_mock.NAME` line to docs/reference/mock.md: {sorted(missing)}"
    )


def test_the_api_reference_names_only_public_names() -> None:
    # through the package, never a private module: moving a module then cannot break the reference
    for page in REFERENCE.glob("*.md"):
        for target in re.findall(r"^::: (\S+)", page.read_text(encoding="utf-8"), re.MULTILINE):
            package, _, name = target.partition(".")
            assert package in {"exotel_contacts", "exotel_contacts_mock"}, target
            assert "." not in name, target
            module = exotel_contacts if package == "exotel_contacts" else exotel_contacts_mock
            assert name in module.__all__, target


def test_the_nav_lists_every_page() -> None:
    # mkdocs.yml's validation turns an unlisted page into a warning, and strict mode into a failure;
    # this says which page without building
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    assert {page for page in pages if page not in nav} == set()


_FILE_SPAN = re.compile(r"[\w./-]+\.(?:py|pyi|yaml|yml|sh|md|toml|go|mjs|json|lua|cfg)")
_MODULE_SPAN = re.compile(r"exotel_contacts(?:_mock|_api)?(?:\.\w+)+")
#: Names in backquotes that look like modules but are not: logger names, and files outside this repository.
_NOT_PATHS = {"exotel_contacts.http", "EXOTEL_CAMPAIGN_SURFACE.md", "EXOTEL_API_NOTES.md", "STYLE.md"}


def _resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(found, attribute):
                return False
            found = getattr(found, attribute)
        return True
    return False


def test_the_docs_name_only_files_and_modules_that_exist() -> None:
    # a decision record or guide that cites a module by its path goes stale when the module moves:
    # every `path.py` (matched as a suffix of a file in the repository) and `exotel_contacts.x.y` resolves
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    tracked += [p.relative_to(ROOT).as_posix() for p in (ROOT / "generated").rglob("*.py")]
    stale = []
    for page in [README, *sorted((ROOT / "docs").rglob("*.md"))]:
        for quoted in re.findall(r"`([^`\n]+)`", page.read_text(encoding="utf-8")):
            span = quoted.strip()
            if span in _NOT_PATHS:
                continue
            if _FILE_SPAN.fullmatch(span):
                path = span.removeprefix("./")
                beside = (page.parent / path).resolve()
                if not beside.is_file() and not any(f == path or f.endswith("/" + path) for f in tracked):
                    stale.append(f"{page.relative_to(ROOT)}: {span}")
            elif _MODULE_SPAN.fullmatch(span) and not _resolves(span):
                stale.append(f"{page.relative_to(ROOT)}: {span}")
    assert stale == [], "the docs name files or modules that do not exist:\n" + "\n".join(stale)
