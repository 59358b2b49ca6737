#!/usr/bin/env python3
"""The spec's breaking-change gate: openapi.yaml against the last released spec (spec/releases/).

Usage: python scripts/spec_diff.py [--base FILE] [--spec FILE] [--changelog FILE] [--json]

Each difference is classified for a client written against the released spec (any language):

- ``breaking``: such a client can fail (an operation, parameter, property or status it uses is gone; a
  request it sends is refused; an answer it reads has a shape it does not expect);
- ``additive``: something new or wider that an old client may ignore (needs a minor version);
- ``annotation``: documentation only (descriptions, examples, ``x-...`` vendor extensions; a patch).

Then the gate: a breaking change needs a major bump of ``info.version`` over the release AND a section
``## <version>`` of the spec's CHANGELOG.md that says "breaking"; an additive change needs at least a
minor bump. Every rule, with its id, is listed in docs/guides/releases.md and tested with a
before/after pair in tests/scripts/test_spec_diff.py. A change no rule knows is ``breaking``
(rule ``unclassified``): the gate errs on the side of announcing.

Requests and responses read schemas in opposite directions: a request schema that accepts less (an enum
value gone, a field required, a lower maximum) breaks senders; a response schema that can say more (an
enum value added, a field made nullable, a new ``oneOf`` branch) breaks readers. One exception, decided
here: an error answer's body (status 400 and up) that becomes wider is additive. Clients read the status
first and must already cope with an error body they do not know (a proxy or a gateway can answer
anything); a 429 body that becomes a ``oneOf`` keeping the old envelope still validates every old
answer. Removals and narrowings of error bodies stay breaking.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "ADDITIVE",
    "ANNOTATION",
    "BREAKING",
    "RULES",
    "Change",
    "compare",
    "gate",
    "main",
]

ROOT = Path(__file__).resolve().parents[1]
BREAKING, ADDITIVE, ANNOTATION = "breaking", "additive", "annotation"
_RANK = {ANNOTATION: 0, ADDITIVE: 1, BREAKING: 2}
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Keywords that only document: their edits are annotations wherever they are.
DOC_KEYWORDS = frozenset(
    {"description", "summary", "title", "example", "examples", "externalDocs", "tags", "deprecated", "links"}
)
_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")

RULES: dict[str, tuple[str, str]] = {
    # Paths and operations
    "path-removed": (BREAKING, "a path is gone (matched by shape: `{...}` names aside)"),
    "path-added": (ADDITIVE, "a new path"),
    "path-parameter-renamed": (ANNOTATION, "a path template's parameter renamed (the URL is the same)"),
    "operation-removed": (BREAKING, "an operation (method of a path) is gone"),
    "operation-added": (ADDITIVE, "a new operation"),
    "operation-id-changed": (BREAKING, "an operationId changed: generated method names change"),
    # Parameters (path-level and operation-level, keyed by `in` and `name`)
    "parameter-removed": (BREAKING, "a query, header or cookie parameter is gone"),
    "required-parameter-added": (BREAKING, "a new parameter that is required"),
    "optional-parameter-added": (ADDITIVE, "a new optional parameter"),
    "parameter-made-required": (BREAKING, "an optional parameter made required"),
    "parameter-made-optional": (ADDITIVE, "a required parameter made optional"),
    "parameter-serialization-changed": (
        BREAKING,
        "style, explode, allowEmptyValue, allowReserved or content",
    ),
    # Request bodies
    "request-body-removed": (BREAKING, "an operation no longer takes a body"),
    "required-request-body-added": (BREAKING, "a required body added"),
    "optional-request-body-added": (ADDITIVE, "an optional body added"),
    "request-body-made-required": (BREAKING, "an optional body made required"),
    "request-body-made-optional": (ADDITIVE, "a required body made optional"),
    "media-type-removed": (BREAKING, "a request or response media type is gone"),
    "media-type-added": (ADDITIVE, "a new request or response media type"),
    "encoding-changed": (BREAKING, "a multipart body's encoding changed"),
    # Responses
    "response-status-removed": (BREAKING, "a status (or `default`) is gone from an operation"),
    "response-status-added": (ADDITIVE, "a new status, e.g. a declared 404"),
    "response-header-removed": (BREAKING, "a response header is gone"),
    "response-header-added": (ADDITIVE, "a new response header, e.g. X-RateLimit-*"),
    "response-header-made-optional": (BREAKING, "a required response header is no longer required"),
    # Schemas, read in the direction of the message (request: the server reads; response: the client reads)
    "request-property-removed": (BREAKING, "a request body property is gone (typed clients lose the field)"),
    "response-property-removed": (BREAKING, "a response property is gone"),
    "property-added": (ADDITIVE, "a new optional request property, or a new response property"),
    "required-request-property-added": (BREAKING, "a new request property that is required"),
    "request-property-made-required": (BREAKING, "an optional request field made required"),
    "request-property-made-optional": (ADDITIVE, "a required request field made optional"),
    "response-property-made-optional": (BREAKING, "a response field no longer always present"),
    "response-property-made-required": (ADDITIVE, "a response field now always present"),
    "request-enum-narrowed": (BREAKING, "a request enum lost values"),
    "request-enum-widened": (ADDITIVE, "a request enum gained values"),
    "response-enum-widened": (
        BREAKING,
        "a response enum gained values (clients meet a value they do not know)",
    ),
    "response-enum-narrowed": (ADDITIVE, "a response enum lost values"),
    "type-changed": (BREAKING, "a schema's type changed"),
    "format-changed": (BREAKING, "a schema's format changed, added or removed"),
    "response-field-made-nullable": (BREAKING, "a response field may now be null"),
    "response-field-made-not-nullable": (ADDITIVE, "a response field is never null now"),
    "request-field-made-nullable": (ADDITIVE, "a request field now accepts null"),
    "request-field-made-not-nullable": (BREAKING, "a request field no longer accepts null"),
    "request-schema-narrowed": (
        BREAKING,
        "a request schema accepts less: a tighter bound (min/max, length, items), an enum where there was"
        " none, additionalProperties restricted, a oneOf/anyOf branch gone",
    ),
    "request-schema-widened": (ADDITIVE, "a request schema accepts more (the mirror of the above)"),
    "response-schema-widened": (
        BREAKING,
        "a success answer can say more: a looser bound, an enum dropped, a new oneOf/anyOf branch, a plain"
        " schema become a oneOf/anyOf keeping it",
    ),
    "response-schema-narrowed": (ADDITIVE, "a success answer says less (the mirror of the above)"),
    "error-body-widened": (
        ADDITIVE,
        "an error answer's body (status 400 and up, or default) can say more, e.g. a 429 body become a"
        " oneOf that keeps the old envelope; its narrowings and removals stay breaking",
    ),
    "request-pattern-changed": (BREAKING, "a request string's pattern changed (text compared)"),
    "response-pattern-changed": (ADDITIVE, "a response string's pattern changed"),
    "schema-replaced-by-union": (BREAKING, "a schema became a oneOf/anyOf without the old schema"),
    "schema-union-replaced": (BREAKING, "a oneOf/anyOf replaced by a schema that is none of its branches"),
    "allof-changed": (BREAKING, "allOf parts added or removed"),
    "schema-changed": (BREAKING, "a schema added where there was none, or removed"),
    "schema-keyword-changed": (
        BREAKING,
        "default, readOnly, writeOnly, uniqueItems, multipleOf, not or discriminator changed",
    ),
    # Components and the document
    "component-schema-removed": (
        BREAKING,
        "a components schema is gone (generated clients name types after them)",
    ),
    "component-schema-added": (ADDITIVE, "a new components schema"),
    "server-removed": (BREAKING, "a server URL is gone (document, path or operation)"),
    "server-added": (ADDITIVE, "a new server URL"),
    "security-changed": (BREAKING, "security requirements or schemes changed"),
    "openapi-version": (BREAKING, "the `openapi` version of the document changed"),
    "doc-edit": (
        ANNOTATION,
        "description, summary, title, example(s), externalDocs, tags, deprecated, links and any x-... vendor"
        " extension: edited, added or removed; info other than its version",
    ),
    "unclassified": (
        BREAKING,
        "any other change: no rule knows it, so it must be announced (or a rule added)",
    ),
}
"""Every rule: its id, its kind, what it means (docs/guides/releases.md lists the same)."""


@dataclass(frozen=True)
class Change:
    """One classified difference: its kind, the rule that classified it, where, and what."""

    kind: str
    rule: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.kind.upper():10} {self.rule:28} {self.where}: {self.message}"


Spec = Mapping[str, Any]


def _is_doc_key(key: str) -> bool:
    return key in DOC_KEYWORDS or key.startswith("x-")


def _resolve(spec: Spec, node: Any) -> Any:
    """`node` with its local `$ref` followed (repeatedly); other nodes as they are."""
    seen = 0
    while isinstance(node, Mapping) and "$ref" in node:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/"):
            raise ValueError(f"only local $ref are supported: {ref!r}")
        target: Any = spec
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
        seen += 1
        if seen > 64:
            raise ValueError(f"$ref loop at {ref}")
    return node


def _ref_name(node: Any) -> str | None:
    if isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
        return str(node["$ref"]).rsplit("/", 1)[-1]
    return None


class _Differ:
    def __init__(self, old: Spec, new: Spec) -> None:
        self.old, self.new = old, new
        self.changes: list[Change] = []
        self._compared: set[tuple[int, int, bool, bool]] = set()

    def add(self, rule: str, where: str, message: str) -> None:
        self.changes.append(Change(RULES[rule][0], rule, where, message))

    # --- the document -------------------------------------------------------------------------

    def run(self) -> list[Change]:
        self._paths()
        self._components()
        self._servers("servers", self.old.get("servers", []), self.new.get("servers", []))
        self._security("security", self.old.get("security"), self.new.get("security"))
        for key in sorted(set(self.old) | set(self.new)):
            if key in {"paths", "components", "servers", "security", "openapi"}:
                continue
            if key == "info":
                self._info()
            elif self.old.get(key) != self.new.get(key):
                self.add("doc-edit" if _is_doc_key(key) else "unclassified", key, "changed")
        if self.old.get("openapi") != self.new.get("openapi"):
            self.add(
                "openapi-version",
                "openapi",
                f"{self.old.get('openapi')} -> {self.new.get('openapi')}",
            )
        return self.changes

    def _info(self) -> None:
        old, new = self.old.get("info", {}), self.new.get("info", {})
        for key in sorted(set(old) | set(new)):
            if key != "version" and old.get(key) != new.get(key):
                self.add("doc-edit", f"info.{key}", "changed")

    def _servers(self, where: str, old: Any, new: Any) -> None:
        old_urls = {s.get("url") for s in old or []}
        new_urls = {s.get("url") for s in new or []}
        for url in sorted(old_urls - new_urls, key=str):
            self.add("server-removed", where, f"server {url} removed")
        for url in sorted(new_urls - old_urls, key=str):
            self.add("server-added", where, f"server {url} added")
        if old_urls == new_urls and old != new:
            self.add("doc-edit", where, "server descriptions or variables' documentation changed")

    def _security(self, where: str, old: Any, new: Any) -> None:
        if old != new:
            self.add("security-changed", where, "the security requirements changed")

    def _components(self) -> None:
        old = self.old.get("components", {})
        new = self.new.get("components", {})
        old_schemas, new_schemas = old.get("schemas", {}), new.get("schemas", {})
        for name in sorted(set(old_schemas) - set(new_schemas)):
            self.add(
                "component-schema-removed",
                f"components.schemas.{name}",
                "removed (generated clients name a type after it)",
            )
        for name in sorted(set(new_schemas) - set(old_schemas)):
            self.add("component-schema-added", f"components.schemas.{name}", "added")
        if old.get("securitySchemes") != new.get("securitySchemes"):
            self.add("security-changed", "components.securitySchemes", "changed")
        # Other components (parameters, responses, headers, ...) are compared where operations use them.

    # --- paths and operations ---------------------------------------------------------------------

    def _paths(self) -> None:
        old_paths, new_paths = self.old.get("paths", {}), self.new.get("paths", {})
        old_by_shape = {_shape(path): path for path in old_paths}
        new_by_shape = {_shape(path): path for path in new_paths}
        for shape in sorted(set(old_by_shape) | set(new_by_shape)):
            old_path, new_path = old_by_shape.get(shape), new_by_shape.get(shape)
            if new_path is None:
                self.add("path-removed", str(old_path), "path removed")
                continue
            if old_path is None:
                self.add("path-added", new_path, "path added")
                continue
            if old_path != new_path:
                self.add("path-parameter-renamed", new_path, f"was {old_path}")
            self._path_item(
                new_path, _resolve(self.old, old_paths[old_path]), _resolve(self.new, new_paths[new_path])
            )

    def _path_item(self, where: str, old: Spec, new: Spec) -> None:
        for method in METHODS:
            if method in old and method not in new:
                self.add("operation-removed", f"{method.upper()} {where}", "operation removed")
            elif method in new and method not in old:
                self.add("operation-added", f"{method.upper()} {where}", "operation added")
            elif method in old:
                self._operation(f"{method.upper()} {where}", old, new, old[method], new[method])
        self._servers(f"{where} servers", old.get("servers"), new.get("servers"))
        for key in sorted(set(old) | set(new)):
            if key in METHODS or key in {"parameters", "servers"}:
                continue
            if old.get(key) != new.get(key):
                self._other_key(where, key)

    def _other_key(self, where: str, key: str) -> None:
        if _is_doc_key(key):
            self.add("doc-edit", f"{where} {key}", "changed")
        else:
            self.add("unclassified", f"{where} {key}", "changed; no rule knows it (add one)")

    def _operation(self, where: str, path_old: Spec, path_new: Spec, old: Spec, new: Spec) -> None:
        if old.get("operationId") != new.get("operationId"):
            self.add(
                "operation-id-changed",
                where,
                f"operationId {old.get('operationId')} -> {new.get('operationId')} (generated method names)",
            )
        self._parameters(
            where,
            _parameters(self.old, path_old.get("parameters", []), old.get("parameters", [])),
            _parameters(self.new, path_new.get("parameters", []), new.get("parameters", [])),
        )
        self._request_body(where, old.get("requestBody"), new.get("requestBody"))
        self._responses(where, old.get("responses", {}), new.get("responses", {}))
        if "security" in old or "security" in new:
            self._security(f"{where} security", old.get("security"), new.get("security"))
        self._servers(f"{where} servers", old.get("servers"), new.get("servers"))
        for key in sorted(set(old) | set(new)):
            if key in {
                "operationId",
                "parameters",
                "requestBody",
                "responses",
                "security",
                "servers",
                "callbacks",
            }:
                continue
            if old.get(key) != new.get(key):
                self._other_key(where, key)

    def _parameters(
        self, where: str, old: dict[tuple[str, str], Spec], new: dict[tuple[str, str], Spec]
    ) -> None:
        for key in sorted(set(old) | set(new)):
            at = f"{where} {key[0]} parameter {key[1]}"
            if key not in new:
                if key[0] == "path":  # renamed with its path template: matched by shape
                    continue
                self.add("parameter-removed", at, "removed")
            elif key not in old:
                if key[0] == "path":
                    continue
                if new[key].get("required"):
                    self.add("required-parameter-added", at, "added as required")
                else:
                    self.add("optional-parameter-added", at, "added, optional")
            else:
                self._parameter(at, old[key], new[key])
        old_path = [k for k in old if k[0] == "path"]
        new_path = [k for k in new if k[0] == "path"]
        for o, n in zip(old_path, new_path, strict=False):
            if o != n:
                self._parameter(f"{where} path parameter {n[1]} (was {o[1]})", old[o], new[n])

    def _parameter(self, at: str, old: Spec, new: Spec) -> None:
        if not old.get("required") and new.get("required"):
            self.add("parameter-made-required", at, "made required")
        elif old.get("required") and not new.get("required"):
            self.add("parameter-made-optional", at, "made optional")
        for key in ("style", "explode", "allowEmptyValue", "allowReserved", "content"):
            if old.get(key) != new.get(key):
                self.add("parameter-serialization-changed", at, f"{key} changed")
        self._schema(at, old.get("schema"), new.get("schema"), request=True, error=False)
        for key in sorted(set(old) | set(new)):
            if key in {
                "name",
                "in",
                "required",
                "schema",
                "style",
                "explode",
                "allowEmptyValue",
                "allowReserved",
                "content",
            }:
                continue
            if old.get(key) != new.get(key):
                self._other_key(at, key)

    def _request_body(self, where: str, old: Any, new: Any) -> None:
        at = f"{where} request body"
        if old is None and new is None:
            return
        if new is None:
            self.add("request-body-removed", at, "removed")
            return
        new = _resolve(self.new, new)
        if old is None:
            if new.get("required"):
                self.add("required-request-body-added", at, "added as required")
            else:
                self.add("optional-request-body-added", at, "added, optional")
            return
        old = _resolve(self.old, old)
        if not old.get("required") and new.get("required"):
            self.add("request-body-made-required", at, "made required")
        elif old.get("required") and not new.get("required"):
            self.add("request-body-made-optional", at, "made optional")
        self._content(at, old.get("content", {}), new.get("content", {}), request=True, error=False)
        for key in sorted(set(old) | set(new)):
            if key not in {"required", "content"} and old.get(key) != new.get(key):
                self._other_key(at, key)

    def _content(self, at: str, old: Spec, new: Spec, *, request: bool, error: bool) -> None:
        for media in sorted(set(old) | set(new)):
            where = f"{at} {media}"
            if media not in new:
                self.add("media-type-removed", where, "media type removed")
            elif media not in old:
                self.add("media-type-added", where, "media type added")
            else:
                o, n = old[media], new[media]
                self._schema(where, o.get("schema"), n.get("schema"), request=request, error=error)
                if request and o.get("encoding") != n.get("encoding"):
                    self.add("encoding-changed", where, "multipart encoding changed")
                for key in sorted(set(o) | set(n)):
                    if key not in {"schema", "encoding"} and o.get(key) != n.get(key):
                        self._other_key(where, key)

    def _responses(self, where: str, old: Spec, new: Spec) -> None:
        for status in sorted(set(old) | set(new), key=str):
            at = f"{where} response {status}"
            if status not in new:
                self.add("response-status-removed", at, "status removed")
                continue
            if status not in old:
                self.add("response-status-added", at, "status added")
                continue
            o, n = _resolve(self.old, old[status]), _resolve(self.new, new[status])
            error = str(status)[0] in "45" or status == "default"
            self._content(at, o.get("content", {}), n.get("content", {}), request=False, error=error)
            self._headers(at, o.get("headers", {}), n.get("headers", {}))
            for key in sorted(set(o) | set(n)):
                if key not in {"content", "headers"} and o.get(key) != n.get(key):
                    self._other_key(at, key)

    def _headers(self, at: str, old: Spec, new: Spec) -> None:
        for name in sorted(set(old) | set(new)):
            where = f"{at} header {name}"
            if name not in new:
                self.add("response-header-removed", where, "removed")
            elif name not in old:
                self.add("response-header-added", where, "added")
            else:
                o, n = _resolve(self.old, old[name]), _resolve(self.new, new[name])
                self._schema(where, o.get("schema"), n.get("schema"), request=False, error=False)
                if o.get("required") and not n.get("required"):
                    self.add("response-header-made-optional", where, "no longer always sent")

    # --- schemas ----------------------------------------------------------------------------------

    def _schema(self, at: str, old: Any, new: Any, *, request: bool, error: bool) -> None:  # noqa: PLR0911, PLR0912 - one rule a return
        if old is None and new is None:
            return
        if old is None or new is None:
            self.add("schema-changed", at, "schema added or removed")
            return
        o, n = _resolve(self.old, old), _resolve(self.new, new)
        pair = (id(o), id(n), request, error)
        if pair in self._compared:  # a component used in several places is reported where first met
            return
        self._compared.add(pair)
        if _deep_equal(self.old, self.new, old, new):
            if o != n:
                self.add("doc-edit", at, "documentation (descriptions, examples, x-...) changed")
            return
        # A schema made a oneOf/anyOf that still has the old schema as a branch: wider.
        for combiner in ("oneOf", "anyOf"):
            if combiner in n and combiner not in o:
                twin = _find_branch(self.old, self.new, old, n[combiner], set(), -1)
                if twin is None:
                    self.add(
                        "schema-replaced-by-union",
                        at,
                        f"became a {combiner} without the old schema",
                    )
                    return
                self._widened(at, f"became a {combiner} keeping the old schema", request=request, error=error)
                self._schema(f"{at} {combiner}[{twin}]", old, n[combiner][twin], request=request, error=error)
                return
            if combiner in o and combiner not in n:
                twin = _find_branch(self.old, self.new, new, o[combiner], set(), -1)
                if twin is None:
                    self.add("schema-union-replaced", at, f"{combiner} replaced by another schema")
                    return
                self._narrowed(at, f"{combiner} reduced to one of its branches", request=request)
                self._schema(at, o[combiner][twin], new, request=request, error=error)
                return
            if combiner in o and combiner in n:
                self._branches(at, combiner, o[combiner], n[combiner], request=request, error=error)
        if "allOf" in o or "allOf" in n:
            old_all, new_all = o.get("allOf", []), n.get("allOf", [])
            if len(old_all) != len(new_all):
                self.add("allof-changed", at, "allOf parts added or removed")
            for index, (a, b) in enumerate(zip(old_all, new_all, strict=False)):
                self._schema(f"{at} allOf[{index}]", a, b, request=request, error=error)
        self._type(at, o, n, request=request, error=error)
        self._nullable(at, o, n, request=request, error=error)
        self._enum(at, o, n, request=request, error=error)
        self._bounds(at, o, n, request=request)
        self._properties(at, o, n, request=request, error=error)
        if "items" in o or "items" in n:
            self._schema(f"{at}[]", o.get("items"), n.get("items"), request=request, error=error)
        self._additional(at, o, n, request=request, error=error)
        handled = {
            "type", "format", "nullable", "enum", "properties", "required", "items", "additionalProperties",
            "oneOf", "anyOf", "allOf", "discriminator", "$ref", "readOnly", "writeOnly", "default",
            *_LOWER_BOUNDS, *_UPPER_BOUNDS, "pattern", "uniqueItems", "multipleOf", "not",
        }  # fmt: skip
        for key in sorted(set(o) | set(n)):
            if key in handled or o.get(key) == n.get(key):
                continue
            if _is_doc_key(key):
                self.add("doc-edit", f"{at} {key}", "changed")
            else:
                self.add("unclassified", f"{at} {key}", "changed; no rule knows it (add one)")
        for key in ("default", "readOnly", "writeOnly", "uniqueItems", "multipleOf", "not", "discriminator"):
            if o.get(key) != n.get(key):
                self.add("schema-keyword-changed", f"{at} {key}", f"{o.get(key)!r} -> {n.get(key)!r}")

    def _widened(self, at: str, message: str, *, request: bool, error: bool) -> None:
        if request:
            self.add("request-schema-widened", at, message)
        elif error:
            self.add("error-body-widened", at, message)
        else:
            self.add("response-schema-widened", at, message)

    def _narrowed(self, at: str, message: str, *, request: bool) -> None:
        if request:
            self.add("request-schema-narrowed", at, message)
        else:
            self.add("response-schema-narrowed", at, message)

    def _branches(
        self, at: str, combiner: str, old: list[Any], new: list[Any], *, request: bool, error: bool
    ) -> None:
        matched: set[int] = set()
        for index, branch in enumerate(old):
            twin = _find_branch(self.old, self.new, branch, new, matched, index)
            if twin is None:
                self._narrowed(at, f"{combiner} branch {_label(branch, index)} removed", request=request)
                continue
            matched.add(twin)
            self._schema(f"{at} {combiner}[{twin}]", branch, new[twin], request=request, error=error)
        for index, branch in enumerate(new):
            if index not in matched:
                self._widened(
                    at, f"{combiner} branch {_label(branch, index)} added", request=request, error=error
                )

    def _type(self, at: str, o: Spec, n: Spec, *, request: bool, error: bool) -> None:
        if o.get("type") != n.get("type"):
            if o.get("type") is None or n.get("type") is None:
                if n.get("type") is None:  # any type now
                    self._widened(at, f"type {o.get('type')} -> any", request=request, error=error)
                else:
                    self._narrowed(at, f"type any -> {n.get('type')}", request=request)
            else:
                self.add("type-changed", at, f"type {o.get('type')} -> {n.get('type')}")
        if o.get("format") != n.get("format"):
            self.add("format-changed", at, f"format {o.get('format')} -> {n.get('format')}")

    def _nullable(self, at: str, o: Spec, n: Spec, *, request: bool, error: bool) -> None:
        was, now = bool(o.get("nullable")), bool(n.get("nullable"))
        if was == now:
            return
        if now:
            if request:
                self.add("request-field-made-nullable", at, "now accepts null")
            elif error:
                self.add("error-body-widened", at, "made nullable")
            else:
                self.add("response-field-made-nullable", at, "may now be null")
        elif request:
            self.add("request-field-made-not-nullable", at, "no longer accepts null")
        else:
            self.add("response-field-made-not-nullable", at, "never null now")

    def _enum(self, at: str, o: Spec, n: Spec, *, request: bool, error: bool) -> None:
        if "enum" not in o and "enum" not in n:
            return
        if "enum" not in n:
            self._widened(at, "enum removed (any value)", request=request, error=error)
            return
        if "enum" not in o:
            self._narrowed(at, f"enum {n['enum']} added", request=request)
            return
        gone = [v for v in o["enum"] if v not in n["enum"]]
        added = [v for v in n["enum"] if v not in o["enum"]]
        if gone:
            if request:
                self.add("request-enum-narrowed", at, f"values removed: {gone}")
            else:
                self.add("response-enum-narrowed", at, f"values removed: {gone}")
        if added:
            if request:
                self.add("request-enum-widened", at, f"values added: {added}")
            elif error:
                self.add("error-body-widened", at, f"enum values added: {added}")
            else:
                self.add("response-enum-widened", at, f"values added: {added}")

    def _bounds(self, at: str, o: Spec, n: Spec, *, request: bool) -> None:
        for key in sorted(_LOWER_BOUNDS | _UPPER_BOUNDS):
            a, b = o.get(key), n.get(key)
            if a == b:
                continue
            lower = key in _LOWER_BOUNDS
            if a is None:
                tighter = True
            elif b is None:
                tighter = False
            elif isinstance(a, bool) or isinstance(b, bool):  # exclusiveMinimum/Maximum in 3.0
                tighter = bool(b)
            else:
                tighter = b > a if lower else b < a
            message = f"{key} {a} -> {b}"
            if tighter:
                self._narrowed(at, message, request=request)
            elif request:
                self.add("request-schema-widened", at, message)
            else:
                self.add("response-schema-widened", at, message)
        if o.get("pattern") != n.get("pattern"):
            if request:
                self.add("request-pattern-changed", at, "pattern changed")
            else:
                self.add("response-pattern-changed", at, "pattern changed")

    def _properties(self, at: str, o: Spec, n: Spec, *, request: bool, error: bool) -> None:
        old_props, new_props = o.get("properties", {}), n.get("properties", {})
        old_required, new_required = set(o.get("required", [])), set(n.get("required", []))
        for name in sorted(set(old_props) | set(new_props)):
            where = f"{at}.{name}"
            if name not in new_props:
                self.add(
                    "request-property-removed" if request else "response-property-removed",
                    where,
                    "property removed",
                )
                continue
            if name not in old_props:
                if request and name in new_required:
                    self.add("required-request-property-added", where, "added as required")
                else:
                    self.add("property-added", where, "property added")
                continue
            if request and name in new_required and name not in old_required:
                self.add("request-property-made-required", where, "made required")
            elif request and name in old_required and name not in new_required:
                self.add("request-property-made-optional", where, "made optional")
            elif not request and name in old_required and name not in new_required:
                self.add("response-property-made-optional", where, "may now be missing")
            elif not request and name in new_required and name not in old_required:
                self.add("response-property-made-required", where, "always present now")
            self._schema(where, old_props[name], new_props[name], request=request, error=error)

    def _additional(self, at: str, o: Spec, n: Spec, *, request: bool, error: bool) -> None:
        a, b = o.get("additionalProperties", True), n.get("additionalProperties", True)
        if a == b:
            return
        if isinstance(a, Mapping) and isinstance(b, Mapping):
            self._schema(f"{at}{{*}}", a, b, request=request, error=error)
        elif b is False or (a is True and isinstance(b, Mapping)):
            self._narrowed(at, "additionalProperties restricted", request=request)
        else:
            self._widened(at, "additionalProperties allowed", request=request, error=error)


_LOWER_BOUNDS = frozenset({"minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"})
_UPPER_BOUNDS = frozenset({"maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"})


def _shape(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path)


def _parameters(spec: Spec, *lists: list[Any]) -> dict[tuple[str, str], Spec]:
    found: dict[tuple[str, str], Spec] = {}
    for entries in lists:  # operation-level parameters override path-level ones
        for entry in entries:
            parameter = _resolve(spec, entry)
            found[(parameter["in"], parameter["name"])] = parameter
    return found


# Maps whose keys are names (a property called "tags" or "example"), not keywords.
_NAME_MAPS = frozenset({"properties", "paths", "responses", "content", "headers", "schemas", "parameters"})


def _inline(spec: Spec, node: Any, depth: int = 0, *, names: bool = False) -> Any:
    """`node` without documentation and with its `$ref`s inlined to a depth (enough to compare; a
    recursive schema stops there)."""
    if depth > 12:
        return "..."
    if isinstance(node, Mapping):
        if "$ref" in node and not names:
            return {"$ref-name": _ref_name(node), **_inline(spec, _resolve(spec, node), depth + 1)}
        return {
            k: _inline(spec, v, depth, names=not names and k in _NAME_MAPS)
            for k, v in node.items()
            if names or not _is_doc_key(k)
        }
    if isinstance(node, list):
        return [_inline(spec, v, depth) for v in node]
    return node


def _deep_equal(old_spec: Spec, new_spec: Spec, old: Any, new: Any) -> bool:
    return bool(_inline(old_spec, old) == _inline(new_spec, new))


def _same(old_spec: Spec, new_spec: Spec, old: Any, new: Any) -> bool:
    """The same schema: the same $ref name, or equal once documentation is left out (a component moved
    to another name, e.g. an envelope that became one branch of a oneOf under a new name, is the same)."""
    name_old, name_new = _ref_name(old), _ref_name(new)
    if name_old is not None and name_old == name_new:
        return True
    return _deep_equal(old_spec, new_spec, _resolve(old_spec, old), _resolve(new_spec, new))


def _find_branch(  # noqa: PLR0917 - private, called in three places
    old_spec: Spec, new_spec: Spec, branch: Any, candidates: list[Any], taken: set[int], index: int
) -> int | None:
    name = _ref_name(branch)
    for position, candidate in enumerate(candidates):
        if position not in taken and name is not None and name == _ref_name(candidate):
            return position
    for position, candidate in enumerate(candidates):
        if position not in taken and _same(old_spec, new_spec, branch, candidate):
            return position
    if (
        name is None
        and index < len(candidates)
        and index not in taken
        and _ref_name(candidates[index]) is None
    ):
        return index  # an inline branch at the same place: compared field by field
    return None


def _label(branch: Any, index: int) -> str:
    return _ref_name(branch) or f"#{index}"


def compare(old: Spec, new: Spec) -> list[Change]:
    """Every classified difference between two OpenAPI 3.0 documents, old (released) first."""
    return _Differ(old, new).run()


def parse_version(text: str) -> tuple[int, int, int]:
    matched = _VERSION.match(text)
    if matched is None:
        raise ValueError(f"not a semantic version MAJOR.MINOR.PATCH: {text!r}")
    major, minor, patch = (int(part) for part in matched.groups())
    return major, minor, patch


def changelog_section(changelog: str, version: str) -> str | None:
    """The text under `## <version>` (up to the next `## `), or None."""
    lines = changelog.splitlines()
    heading = re.compile(rf"^##\s+\[?{re.escape(version)}\]?(\s|$)")
    for start, line in enumerate(lines):
        if heading.match(line):
            end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
            return "\n".join(lines[start + 1 : end])
    return None


def gate(changes: list[Change], released: str, current: str, changelog: str) -> list[str]:
    """Why the version and changelog do not cover `changes` (empty: they do)."""
    old, new = parse_version(released), parse_version(current)
    worst = max((_RANK[c.kind] for c in changes), default=-1)
    problems: list[str] = []
    if new < old:
        return [f"info.version {current} is lower than the released {released}"]
    if worst == _RANK[BREAKING]:
        if new[0] <= old[0]:
            problems.append(
                f"breaking changes need a major version over {released} (info.version is {current})"
            )
        section = changelog_section(changelog, current)
        if section is None:
            problems.append(f"breaking changes need a CHANGELOG.md section '## {current}'")
        elif "breaking" not in section.lower():
            problems.append(f"the CHANGELOG.md section '## {current}' must say what is breaking")
    elif worst == _RANK[ADDITIVE] and new[:2] <= old[:2]:
        problems.append(
            f"additions need at least a minor version over {released} (info.version is {current})"
        )
    return problems


def latest_release(folder: Path) -> Path:
    releases = [p for p in folder.glob("*.yaml") if _VERSION.match(p.stem)]
    if not releases:
        raise SystemExit(f"spec-diff: no released spec in {folder}")
    return max(releases, key=lambda p: parse_version(p.stem))


def _load(path: Path) -> Spec:
    with path.open(encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle)
    if not isinstance(loaded, Mapping):
        raise SystemExit(f"spec-diff: {path} is not an OpenAPI document")
    return loaded


def _changes_by_kind(changes: list[Change]) -> Iterator[str]:
    for kind in (BREAKING, ADDITIVE, ANNOTATION):
        for change in changes:
            if change.kind == kind:
                yield str(change)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--base", type=Path, help="the released spec (default: the highest in spec/releases/)"
    )
    parser.add_argument("--spec", type=Path, default=ROOT / "openapi.yaml")
    parser.add_argument("--changelog", type=Path, default=ROOT / "CHANGELOG.md")
    parser.add_argument("--json", action="store_true", help="print the changes and the verdict as JSON")
    args = parser.parse_args(argv)
    base = args.base or latest_release(ROOT / "spec" / "releases")
    old, new = _load(base), _load(args.spec)
    released, current = str(old["info"]["version"]), str(new["info"]["version"])
    changes = compare(old, new)
    changelog = args.changelog.read_text(encoding="utf-8") if args.changelog.exists() else ""
    problems = gate(changes, released, current, changelog)
    if args.json:
        print(
            json.dumps(
                {
                    "released": released,
                    "current": current,
                    "changes": [asdict(c) for c in changes],
                    "problems": problems,
                },
                indent=2,
            )
        )
    else:
        print(f"spec-diff: {args.spec.name} {current} against the release {released} ({base.name})")
        for line in _changes_by_kind(changes):
            print("  " + line)
        counts = {kind: sum(c.kind == kind for c in changes) for kind in (BREAKING, ADDITIVE, ANNOTATION)}
        print("  " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
        for problem in problems:
            print(f"spec-diff: FAIL: {problem}", file=sys.stderr)
        if not problems:
            print("spec-diff: ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
