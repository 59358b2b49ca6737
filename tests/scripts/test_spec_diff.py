"""scripts/spec_diff.py, the spec's breaking-change gate: every rule with a before/after pair, the gate's
version and changelog checks, and the repository's own openapi.yaml against its last release."""

from __future__ import annotations

import copy
import importlib.util
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("spec_diff", ROOT / "scripts" / "spec_diff.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["spec_diff"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


spec_diff = _load()
PATH = "/v2/accounts/{account_sid}/contacts"


def base() -> dict[str, Any]:
    """A small released spec: one path with a GET (a query parameter, a 200 and a 429) and a POST."""
    envelope = {
        "type": "object",
        "required": ["code"],
        "properties": {"code": {"type": "integer", "enum": [429]}, "message": {"type": "string"}},
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "2.0.0", "description": "d"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": {
            PATH: {
                "parameters": [
                    {"name": "account_sid", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "get": {
                    "operationId": "listContacts",
                    "parameters": [
                        {
                            "name": "limit",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "integer", "maximum": 20},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "headers": {"X-Request-Id": {"schema": {"type": "string"}}},
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Contact"}}
                            },
                        },
                        "429": {
                            "description": "slow down",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/TooMany"}}
                            },
                        },
                    },
                },
                "post": {
                    "operationId": "createContact",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/ContactCreate"}}
                        },
                    },
                    "responses": {"200": {"description": "ok"}},
                },
            }
        },
        "components": {
            "schemas": {
                "Contact": {
                    "type": "object",
                    "required": ["sid", "status"],
                    "properties": {
                        "sid": {"type": "string"},
                        "status": {"type": "string", "enum": ["active", "deleted"]},
                        "email": {"type": "string", "format": "email"},
                        "tags": {"type": "array", "items": {"type": "string"}},
                    },
                },
                "ContactCreate": {
                    "type": "object",
                    "required": ["number"],
                    "properties": {
                        "number": {"type": "string", "maxLength": 16},
                        "kind": {"type": "string", "enum": ["ccm", "campaign"]},
                        "name": {"type": "string"},
                    },
                },
                "TooMany": envelope,
            }
        },
    }


def _get(spec: dict[str, Any]) -> dict[str, Any]:
    return spec["paths"][PATH]["get"]


def _schemas(spec: dict[str, Any]) -> dict[str, Any]:
    return spec["components"]["schemas"]


Edit = Callable[[dict[str, Any]], None]

# (rule id, kind, the edit that makes "after" from "before"). Each rule is met at least once.
CASES: list[tuple[str, str, Edit]] = [
    ("path-removed", "breaking", lambda s: s["paths"].pop(PATH)),
    ("path-added", "additive", lambda s: s["paths"].__setitem__("/v2/other", {"get": {"responses": {}}})),
    ("operation-removed", "breaking", lambda s: s["paths"][PATH].pop("post")),
    (
        "operation-added",
        "additive",
        lambda s: s["paths"][PATH].__setitem__(
            "delete", {"operationId": "d", "responses": {"204": {"description": "x"}}}
        ),
    ),
    ("operation-id-changed", "breaking", lambda s: _get(s).__setitem__("operationId", "listAll")),
    ("parameter-removed", "breaking", lambda s: _get(s)["parameters"].pop()),
    (
        "required-parameter-added",
        "breaking",
        lambda s: _get(s)["parameters"].append(
            {"name": "q", "in": "query", "required": True, "schema": {"type": "string"}}
        ),
    ),
    (
        "optional-parameter-added",
        "additive",
        lambda s: _get(s)["parameters"].append({"name": "q", "in": "query", "schema": {"type": "string"}}),
    ),
    ("parameter-made-required", "breaking", lambda s: _get(s)["parameters"][0].__setitem__("required", True)),
    (
        "parameter-serialization-changed",
        "breaking",
        lambda s: _get(s)["parameters"][0].__setitem__("style", "deepObject"),
    ),
    (
        "request-schema-narrowed",
        "breaking",
        lambda s: _get(s)["parameters"][0]["schema"].__setitem__("maximum", 10),
    ),
    (
        "request-schema-widened",
        "additive",
        lambda s: _get(s)["parameters"][0]["schema"].__setitem__("maximum", 50),
    ),
    ("request-body-removed", "breaking", lambda s: s["paths"][PATH]["post"].pop("requestBody")),
    (
        "required-request-body-added",
        "breaking",
        lambda s: _get(s).__setitem__(
            "requestBody", {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}}
        ),
    ),
    (
        "optional-request-body-added",
        "additive",
        lambda s: _get(s).__setitem__(
            "requestBody", {"content": {"application/json": {"schema": {"type": "object"}}}}
        ),
    ),
    (
        "request-body-made-optional",
        "additive",
        lambda s: s["paths"][PATH]["post"]["requestBody"].__setitem__("required", False),
    ),
    (
        "media-type-removed",
        "breaking",
        lambda s: s["paths"][PATH]["post"]["requestBody"]["content"].pop("application/json"),
    ),
    (
        "media-type-added",
        "additive",
        lambda s: s["paths"][PATH]["post"]["requestBody"]["content"].__setitem__(
            "text/csv", {"schema": {"type": "string"}}
        ),
    ),
    (
        "request-property-made-required",
        "breaking",
        lambda s: _schemas(s)["ContactCreate"]["required"].append("name"),
    ),
    (
        "request-property-made-optional",
        "additive",
        lambda s: _schemas(s)["ContactCreate"]["required"].clear(),
    ),
    (
        "required-request-property-added",
        "breaking",
        lambda s: (
            _schemas(s)["ContactCreate"]["properties"].__setitem__("tag", {"type": "string"}),
            _schemas(s)["ContactCreate"]["required"].append("tag"),
        ),
    ),
    (
        "property-added",
        "additive",
        lambda s: _schemas(s)["ContactCreate"]["properties"].__setitem__("tag", {"type": "string"}),
    ),
    (
        "request-property-removed",
        "breaking",
        lambda s: _schemas(s)["ContactCreate"]["properties"].pop("name"),
    ),
    (
        "request-enum-narrowed",
        "breaking",
        lambda s: _schemas(s)["ContactCreate"]["properties"]["kind"]["enum"].pop(),
    ),
    (
        "request-enum-widened",
        "additive",
        lambda s: _schemas(s)["ContactCreate"]["properties"]["kind"]["enum"].append("other"),
    ),
    (
        "request-field-made-nullable",
        "additive",
        lambda s: _schemas(s)["ContactCreate"]["properties"]["name"].__setitem__("nullable", True),
    ),
    (
        "request-pattern-changed",
        "breaking",
        lambda s: _schemas(s)["ContactCreate"]["properties"]["name"].__setitem__("pattern", "^[a-z]+$"),
    ),
    ("response-property-removed", "breaking", lambda s: _schemas(s)["Contact"]["properties"].pop("email")),
    (
        "response-property-made-optional",
        "breaking",
        lambda s: _schemas(s)["Contact"]["required"].remove("status"),
    ),
    (
        "response-property-made-required",
        "additive",
        lambda s: _schemas(s)["Contact"]["required"].append("email"),
    ),
    (
        "response-enum-widened",
        "breaking",
        lambda s: _schemas(s)["Contact"]["properties"]["status"]["enum"].append("new"),
    ),
    (
        "response-enum-narrowed",
        "additive",
        lambda s: _schemas(s)["Contact"]["properties"]["status"]["enum"].pop(),
    ),
    (
        "response-field-made-nullable",
        "breaking",
        lambda s: _schemas(s)["Contact"]["properties"]["email"].__setitem__("nullable", True),
    ),
    (
        "type-changed",
        "breaking",
        lambda s: _schemas(s)["Contact"]["properties"]["sid"].__setitem__("type", "integer"),
    ),
    (
        "format-changed",
        "breaking",
        lambda s: _schemas(s)["Contact"]["properties"]["email"].__setitem__("format", "idn-email"),
    ),
    (
        "type-changed",
        "breaking",
        lambda s: _schemas(s)["Contact"]["properties"]["tags"]["items"].__setitem__("type", "integer"),
    ),
    ("response-status-removed", "breaking", lambda s: _get(s)["responses"].pop("429")),
    (
        "response-status-added",
        "additive",
        lambda s: _get(s)["responses"].__setitem__("404", {"description": "not found"}),
    ),
    (
        "response-header-added",
        "additive",
        lambda s: _get(s)["responses"]["200"]["headers"].__setitem__(
            "X-RateLimit-Remaining", {"schema": {"type": "integer"}}
        ),
    ),
    ("response-header-removed", "breaking", lambda s: _get(s)["responses"]["200"]["headers"].clear()),
    (
        "error-body-widened",
        "additive",
        lambda s: _get(s)["responses"]["429"]["content"]["application/json"].__setitem__(
            "schema",
            {
                "oneOf": [
                    {"$ref": "#/components/schemas/TooMany"},
                    {"type": "object", "properties": {"error": {"type": "string"}}},
                ]
            },
        ),
    ),
    (
        "error-body-widened",
        "additive",
        lambda s: _schemas(s)["TooMany"]["properties"]["code"]["enum"].append(1010),
    ),
    (
        "error-body-widened",
        "additive",
        lambda s: (
            _schemas(s).__setitem__("TooManyEnvelope", _schemas(s)["TooMany"]),
            _schemas(s).__setitem__(
                "TooMany",
                {"oneOf": [{"$ref": "#/components/schemas/TooManyEnvelope"}, {"type": "object"}]},
            ),
        ),
    ),
    (
        "response-schema-widened",
        "breaking",
        lambda s: _get(s)["responses"]["200"]["content"]["application/json"].__setitem__(
            "schema", {"oneOf": [{"$ref": "#/components/schemas/Contact"}, {"type": "string"}]}
        ),
    ),
    (
        "schema-replaced-by-union",
        "breaking",
        lambda s: _get(s)["responses"]["200"]["content"]["application/json"].__setitem__(
            "schema", {"oneOf": [{"type": "string"}, {"type": "integer"}]}
        ),
    ),
    (
        "component-schema-removed",
        "breaking",
        lambda s: _schemas(s).pop("TooMany") and _get(s)["responses"].pop("429"),
    ),
    ("component-schema-added", "additive", lambda s: _schemas(s).__setitem__("Extra", {"type": "string"})),
    (
        "server-removed",
        "breaking",
        lambda s: s.__setitem__("servers", [{"url": "https://other.example.com"}]),
    ),
    ("security-changed", "breaking", lambda s: s.__setitem__("security", [{"basicAuth": []}])),
    (
        "schema-keyword-changed",
        "breaking",
        lambda s: _schemas(s)["ContactCreate"]["properties"]["name"].__setitem__("default", "x"),
    ),
    (
        "request-schema-narrowed",
        "breaking",
        lambda s: _schemas(s)["ContactCreate"].__setitem__("additionalProperties", False),
    ),
    ("request-field-made-not-nullable", "breaking", lambda s: None),  # before/after swapped: see SWAPPED
    ("response-field-made-not-nullable", "additive", lambda s: None),
    ("response-header-made-optional", "breaking", lambda s: None),
    ("request-body-made-required", "breaking", lambda s: None),
    ("parameter-made-optional", "additive", lambda s: None),
    (
        "response-pattern-changed",
        "additive",
        lambda s: _schemas(s)["Contact"]["properties"]["sid"].__setitem__("pattern", "^[a-f0-9]{32}$"),
    ),
    (
        "response-schema-narrowed",
        "additive",
        lambda s: _schemas(s)["Contact"]["properties"]["sid"].__setitem__("maxLength", 64),
    ),
    ("schema-union-replaced", "breaking", lambda s: None),
    (
        "allof-changed",
        "breaking",
        lambda s: _get(s)["responses"]["200"]["content"]["application/json"].__setitem__(
            "schema", {"allOf": [{"$ref": "#/components/schemas/Contact"}, {"type": "object"}]}
        ),
    ),
    (
        "encoding-changed",
        "breaking",
        lambda s: s["paths"][PATH]["post"]["requestBody"]["content"]["application/json"].__setitem__(
            "encoding", {"name": {"contentType": "text/plain"}}
        ),
    ),
    ("openapi-version", "breaking", lambda s: s.__setitem__("openapi", "3.1.0")),
    ("server-added", "additive", lambda s: s["servers"].append({"url": "https://api.in.example.com"})),
    ("schema-changed", "breaking", lambda s: _get(s)["parameters"][0].pop("schema")),
    ("doc-edit", "annotation", lambda s: _schemas(s)["Contact"].__setitem__("description", "a contact")),
    ("doc-edit", "annotation", lambda s: _get(s).__setitem__("x-exotel-retry", {"max": 3})),
    ("doc-edit", "annotation", lambda s: s["info"].__setitem__("description", "new words")),
    ("doc-edit", "annotation", lambda s: _schemas(s)["ContactCreate"].__setitem__("x-max-depth", 32)),
    ("doc-edit", "annotation", lambda s: _get(s)["responses"]["200"].__setitem__("description", "fine")),
    ("unclassified", "breaking", lambda s: _get(s).__setitem__("callbacksish", {"a": 1})),
]


# Rules whose "before" is the edited spec: the edit makes the base's opposite (e.g. a nullable field that
# the base then makes not nullable).
SWAPPED: dict[str, Edit] = {
    "request-field-made-not-nullable": lambda s: _schemas(s)["ContactCreate"]["properties"][
        "name"
    ].__setitem__("nullable", True),
    "response-field-made-not-nullable": lambda s: _schemas(s)["Contact"]["properties"]["email"].__setitem__(
        "nullable", True
    ),
    "response-header-made-optional": lambda s: _get(s)["responses"]["200"]["headers"][
        "X-Request-Id"
    ].__setitem__("required", True),
    "parameter-made-optional": lambda s: _get(s)["parameters"][0].__setitem__("required", True),
    "request-body-made-required": lambda s: s["paths"][PATH]["post"]["requestBody"].__setitem__(
        "required", False
    ),
    "schema-union-replaced": lambda s: _get(s)["responses"]["200"]["content"]["application/json"].__setitem__(
        "schema", {"oneOf": [{"type": "string"}, {"type": "integer"}]}
    ),
}


def _changes(edit: Edit, rule: str = "") -> list[Any]:
    before = base()
    after = copy.deepcopy(before)
    if rule in SWAPPED:
        SWAPPED[rule](before)
    edit(after)
    return spec_diff.compare(before, after)


@pytest.mark.parametrize(
    ("rule", "kind", "edit"), CASES, ids=[f"{i:02d}-{rule}" for i, (rule, _, _) in enumerate(CASES)]
)
def test_each_rule_classifies_its_before_after_pair(rule: str, kind: str, edit: Edit) -> None:
    changes = _changes(edit, rule)
    assert changes, "the edit must be seen"
    worst = max(changes, key=lambda c: {"annotation": 0, "additive": 1, "breaking": 2}[c.kind])
    assert worst.kind == kind, [str(c) for c in changes]
    assert rule in {c.rule for c in changes}, [str(c) for c in changes]
    assert spec_diff.RULES[rule][0] == kind


def test_every_rule_has_a_pair_and_a_line_in_the_docs() -> None:
    tested = {rule for rule, _, _ in CASES} | {"path-parameter-renamed"}
    assert set(spec_diff.RULES) == tested
    docs = (ROOT / "docs" / "guides" / "releases.md").read_text(encoding="utf-8")
    for rule, (kind, _) in spec_diff.RULES.items():
        assert f"| `{rule}` | {kind} |" in docs, rule


def test_an_unchanged_spec_has_no_changes() -> None:
    assert spec_diff.compare(base(), base()) == []


def test_a_renamed_path_parameter_is_not_a_removed_path() -> None:
    before, after = base(), base()
    item = after["paths"].pop(PATH)
    item["parameters"][0]["name"] = "sid"
    after["paths"]["/v2/accounts/{sid}/contacts"] = item
    assert {c.rule for c in spec_diff.compare(before, after)} == {"path-parameter-renamed"}


def test_a_component_used_twice_is_reported_once_per_direction() -> None:
    before, after = base(), base()
    after["paths"][PATH]["put"] = copy.deepcopy(after["paths"][PATH]["get"]) | {"operationId": "again"}
    before["paths"][PATH]["put"] = copy.deepcopy(before["paths"][PATH]["get"]) | {"operationId": "again"}
    _schemas(after)["Contact"]["properties"].pop("email")
    assert [c.rule for c in spec_diff.compare(before, after)] == ["response-property-removed"]


# --- the gate -----------------------------------------------------------------------------------

BREAK = spec_diff.Change("breaking", "operation-removed", "GET /x", "gone")
ADD = spec_diff.Change("additive", "operation-added", "GET /y", "new")
DOC = spec_diff.Change("annotation", "doc-edit", "info.description", "changed")
LOG_300 = "# Changelog\n\n## 3.0.0\n\n- **Breaking:** `GET /x` is gone.\n\n## 2.0.0\n\n- old\n"


@pytest.mark.parametrize(
    ("changes", "current", "changelog", "ok"),
    [
        ([BREAK], "2.0.0", LOG_300, False),  # no bump
        ([BREAK], "2.1.0", LOG_300, False),  # minor is not enough
        ([BREAK], "3.0.0", "## 2.0.0\n", False),  # no changelog section
        ([BREAK], "3.0.0", "## 3.0.0\n\n- removed GET /x\n", False),  # a section that does not say breaking
        ([BREAK], "3.0.0", LOG_300, True),
        ([ADD], "2.0.0", "", False),
        ([ADD], "2.0.1", "", False),
        ([ADD], "2.1.0", "", True),
        ([ADD], "3.0.0", "", True),
        ([DOC], "2.0.0", "", True),
        ([DOC, ADD, BREAK], "2.1.0", LOG_300, False),
        ([], "1.9.0", "", False),  # lower than the release
    ],
)
def test_gate_needs_the_bump_and_the_changelog(
    changes: list[Any], current: str, changelog: str, ok: bool
) -> None:
    problems = spec_diff.gate(changes, "2.0.0", current, changelog)
    assert (problems == []) is ok, problems


def _run(tmp_path: Path, after: dict[str, Any], changelog: str = "") -> subprocess.CompletedProcess[str]:
    (tmp_path / "old.yaml").write_text(yaml.safe_dump(base()), encoding="utf-8")
    (tmp_path / "new.yaml").write_text(yaml.safe_dump(after), encoding="utf-8")
    (tmp_path / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "spec_diff.py"),
            *("--base", str(tmp_path / "old.yaml"), "--spec", str(tmp_path / "new.yaml")),
            *("--changelog", str(tmp_path / "CHANGELOG.md")),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_command_fails_a_breaking_edit_until_the_version_and_changelog_say_so(tmp_path: Path) -> None:
    after = base()
    _schemas(after)["ContactCreate"]["required"].append("name")  # an optional request field made required
    done = _run(tmp_path, after)
    assert done.returncode == 1
    assert "request-property-made-required" in done.stdout
    assert "major version" in done.stderr
    after["info"]["version"] = "3.0.0"
    done = _run(tmp_path, after, "## 3.0.0\n\n- **Breaking:** `name` is required.\n")
    assert done.returncode == 0, done.stderr
    assert "spec-diff: ok" in done.stdout


def test_the_repository_spec_passes_against_its_last_release() -> None:
    """What `make spec-diff` runs: openapi.yaml against the highest spec/releases/*.yaml."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "spec_diff.py")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_release_2_0_0_is_the_spec_of_version_2_0_0() -> None:
    released = yaml.safe_load((ROOT / "spec" / "releases" / "2.0.0.yaml").read_text(encoding="utf-8"))
    assert released["info"]["version"] == "2.0.0"
    assert released["openapi"] == "3.0.3"


def test_the_changes_under_way_on_the_real_spec_are_additive() -> None:
    """What other work adds to openapi.yaml now: a 429 body that becomes a oneOf keeping the old envelope,
    X-RateLimit headers, a declared 404, x-exotel extensions. Additive (a minor version) and annotation."""
    before = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    after = copy.deepcopy(before)
    too_many = after["components"]["responses"]["TooManyRequests"]
    envelope = too_many["content"]["application/json"]["schema"]
    after["components"]["schemas"]["GatewayRateLimited"] = {
        "type": "object",
        "properties": {"message": {"type": "string"}},
    }
    too_many["content"]["application/json"]["schema"] = {
        "oneOf": [envelope, {"$ref": "#/components/schemas/GatewayRateLimited"}]
    }
    too_many.setdefault("headers", {})["X-Exotel-Gateway"] = {"schema": {"type": "string"}}
    lists = after["paths"]["/v2/accounts/{account_sid}/lists"]["get"]
    lists["x-exotel-idempotent"] = True
    lists["responses"]["404"] = {"$ref": "#/components/responses/NotFound"}
    changes = spec_diff.compare(before, after)
    assert {c.kind for c in changes} == {"additive", "annotation"}, [
        str(c) for c in changes if c.kind == "breaking"
    ]
    rules = {c.rule for c in changes}
    assert {"error-body-widened", "response-header-added", "response-status-added", "doc-edit"} <= rules
    assert spec_diff.gate(changes, "2.0.0", "2.0.0", "") != []
    assert spec_diff.gate(changes, "2.0.0", "2.1.0", "") == []
