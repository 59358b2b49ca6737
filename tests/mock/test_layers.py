"""The mock's layers: storage at the bottom, the rule modules over it, the app on top; no module reaches
into another object's private attributes, and none imports the Python client."""

from __future__ import annotations

import ast
from pathlib import Path

import exotel_contacts_mock

PACKAGE = Path(exotel_contacts_mock.__file__).parent
MODULES = {path.stem: ast.parse(path.read_text(encoding="utf-8")) for path in PACKAGE.glob("*.py")}
# What each lower layer may import from the mock itself (the app and its handlers sit above them all).
ALLOWED = {
    "spec": set(),
    "storage": set(),
    "config": {"spec"},
    "rules": {"spec"},
    "csvfile": {"rules"},
    "accounts": {"config", "storage"},
    "directory": {"storage"},
    "ccm_uploads": {"csvfile", "storage"},
    "campaign_uploads": {"csvfile", "directory", "storage"},
    "store": {"accounts", "campaign_uploads", "ccm_uploads", "config", "directory", "storage"},
}


def _mock_imports(tree: ast.Module) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found.add((node.module or "").split(".")[0])
    return found


def _outside_imports(tree: ast.Module) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_each_layer_imports_only_the_layers_below_it() -> None:
    for module, allowed in ALLOWED.items():
        assert _mock_imports(MODULES[module]) <= allowed, module


def test_no_module_imports_the_client() -> None:
    for module, tree in MODULES.items():
        assert not _outside_imports(tree) & {"exotel_contacts", "exotel_contacts_api", "pytest"}, module


def test_no_module_reaches_into_private_attributes_of_another_object() -> None:
    for module, tree in MODULES.items():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
            ):
                raise AssertionError(f"{module}.py:{node.lineno} reaches into .{node.attr}")


def test_the_public_names() -> None:
    assert set(exotel_contacts_mock.__all__) == {
        "Credentials",
        "MockApp",
        "MockConfig",
        "RunningMock",
        "create_app",
        "running_mock",
        "serve",
    }
    for module in MODULES:
        if module not in ("__init__", "__main__"):
            assert isinstance(
                getattr(__import__(f"exotel_contacts_mock.{module}", fromlist=["_"]), "__all__", None), list
            ), module
