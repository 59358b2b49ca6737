"""Malformed answers, generated from the spec's own response schemas and then broken.

For each overlay operation, a valid body is drawn from the operation's success schema in openapi.yaml
(a small generator below: $ref, nullable, required, type, enum, items, properties, pattern), then
broken: a wrong type at some path, a missing field, extra fields, truncated JSON, HTML, an empty body,
a non-object JSON document, odd status codes (299, 418, 599, 600...), a wrong content type, bytes that
are not UTF-8. The real ``exotel_contacts.Client`` (retry waits off) must answer each with a result or
an ``ExotelError``, never a ``KeyError``/``TypeError``/``AttributeError``/``ValueError``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import exotel_contacts as ec
from exotel_contacts.core.path_ids import is_path_id

from .conftest import CAMPAIGN, CCM, SID

SPEC = Path(__file__).resolve().parents[2] / "openapi.yaml"
Json = Any

# The autouse no_retry_waits fixture is function-scoped but idempotent: sharing it across examples is fine.
FUZZ = settings(
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@cache
def spec() -> dict[str, Any]:
    with SPEC.open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = yaml.safe_load(handle)
    return loaded


@cache
def error_envelopes() -> list[str]:
    """The error envelopes of the spec, one per status (``NotFoundErrorResponse``, ...)."""
    return sorted(name for name in spec()["components"]["schemas"] if name.endswith("ErrorResponse"))


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        node: Any = spec()
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


# ---- valid bodies from a schema ----------------------------------------------------------------

_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.text(max_size=8), st.floats(allow_nan=False)
)


def from_schema(schema: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Json]:
    """A strategy of JSON values valid against ``schema`` (the subset of OpenAPI 3.0 the spec uses)."""
    schema = resolve(schema)
    base = _base(schema, depth)
    return st.one_of(st.none(), base) if schema.get("nullable") else base


def _string(schema: dict[str, Any], depth: int) -> st.SearchStrategy[Json]:
    if "pattern" in schema:
        return st.from_regex(schema["pattern"], fullmatch=True)
    low = schema.get("minLength", 0)
    return st.text(min_size=low, max_size=max(low, min(schema.get("maxLength", 12), 12)))


def _integer(schema: dict[str, Any], depth: int) -> st.SearchStrategy[Json]:
    low = schema.get("minimum", -(10**6))
    return st.integers(low, schema.get("maximum", low + 10**6))


def _array(schema: dict[str, Any], depth: int) -> st.SearchStrategy[Json]:
    low = schema.get("minItems", 0)
    high = max(low, min(schema.get("maxItems", 3), 3 if depth < 3 else low))
    return st.lists(from_schema(schema["items"], depth + 1), min_size=low, max_size=high)


def _object(schema: dict[str, Any], depth: int) -> st.SearchStrategy[Json]:
    properties = schema.get("properties", {})
    if not properties:  # free-form (CustomField)
        return st.dictionaries(st.text(max_size=5), _SCALARS, max_size=3)
    required = set(schema.get("required", []))
    return st.fixed_dictionaries(
        {name: from_schema(sub, depth + 1) for name, sub in properties.items() if name in required},
        optional={
            name: from_schema(sub, depth + 1) for name, sub in properties.items() if name not in required
        },
    )


_BY_TYPE: dict[str, Callable[[dict[str, Any], int], st.SearchStrategy[Json]]] = {
    "string": _string,
    "integer": _integer,
    "number": lambda schema, depth: st.floats(allow_nan=False, allow_infinity=False),
    "boolean": lambda schema, depth: st.booleans(),
    "array": _array,
    "object": _object,
}


def _base(schema: dict[str, Any], depth: int) -> st.SearchStrategy[Json]:
    if "oneOf" in schema:  # the branches exclude each other (a multi-status item: done or failed)
        return st.one_of([from_schema(branch, depth) for branch in schema["oneOf"]])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type", "object" if "properties" in schema else None)
    build = _BY_TYPE.get(kind) if isinstance(kind, str) else None
    return build(schema, depth) if build is not None else _SCALARS


# ---- the operations under test -----------------------------------------------------------------

CSV = b"phone_number\n+919876543210\n"


class Operation:
    """One overlay method: its spec success answer and how the test calls it."""

    def __init__(
        self, name: str, path: str, method: str, status: int, call: Callable[[ec.Client], Any]
    ) -> None:
        self.name = name
        self.status = status
        self.call = call
        responses = spec()["paths"][path][method]["responses"]
        self.schema = responses[str(status)]["content"]["application/json"]["schema"]

    def __repr__(self) -> str:
        return self.name


OPERATIONS = [
    Operation(
        "get_upload_status",
        "/v2/accounts/{account_sid}/contacts/upload/{upload_id}",
        "get",
        200,
        lambda c: c.get_upload_status("up_1"),
    ),
    Operation(
        "get_upload_errors",
        "/v2/accounts/{account_sid}/contacts/upload/{upload_id}/errors",
        "get",
        200,
        lambda c: c.get_upload_errors("up_1"),
    ),
    Operation(
        "upload_contacts",
        "/v2/accounts/{account_sid}/contacts/upload",
        "post",
        202,
        lambda c: c.upload_contacts(CSV),
    ),
    Operation(
        "csv_upload",
        "/v2/accounts/{account_sid}/contacts/csv-upload",
        "post",
        200,
        lambda c: c.csv_upload(CSV, list_name="fuzz"),
    ),
    Operation(
        "get_csv_status",
        "/v2/accounts/{account_sid}/csv-status/{upload_id}",
        "get",
        200,
        lambda c: c.get_csv_status("csv_1"),
    ),
    Operation(
        "create_contacts",
        "/v2/accounts/{account_sid}/contacts",
        "post",
        207,
        lambda c: c.create_contacts([{"number": "+919876543210"}]),
    ),
]


# ---- breaking a valid body ---------------------------------------------------------------------

Answer = tuple[int, dict[str, str], bytes]
JSON_TYPE = {"content-type": "application/json"}
WRONG_VALUES = [None, 0, -1, 1.5, True, False, "", "x", "completed", [], [None], {}, {"a": 1}, 10**30]
# 2xx that are not the documented one, redirects without Location, errors, and non-standard codes.
SUCCESS_STATUSES = [200, 201, 202, 204, 207, 299]
OTHER_STATUSES = [301, 304, 400, 401, 404, 409, 410, 418, 429, 451, 500, 503, 599, 600]
STATUSES = SUCCESS_STATUSES + OTHER_STATUSES


def paths(value: Json, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a JSON value (dict keys and list indices), the root excluded."""
    found: list[tuple[Any, ...]] = []
    children = (
        value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    )
    for key, child in children:
        found.append((*here, key))
        found.extend(paths(child, (*here, key)))
    return found


def replace(value: Json, path: tuple[Any, ...], new: Json, *, delete: bool = False) -> Json:
    """A copy of ``value`` with the item at ``path`` replaced (or deleted)."""
    copy = json.loads(json.dumps(value))
    parent = copy
    for key in path[:-1]:
        parent = parent[key]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = new
    return copy


@st.composite
def broken_body(draw: st.DrawFn, body: Json) -> tuple[str, Json]:
    """One structural break of a valid body: wrong type, missing item, or extra field."""
    every = paths(body)
    kind = draw(st.sampled_from(["wrong_type", "missing", "extra"]))
    if kind == "extra" or not every:
        holders = [p for p in every if isinstance(_at(body, p), dict)]
        target = draw(st.sampled_from([(), *holders]))
        key = draw(st.text(min_size=1, max_size=6))
        return "extra", replace(body, (*target, key), draw(st.sampled_from(WRONG_VALUES)))
    path = draw(st.sampled_from(every))
    if kind == "missing":
        return "missing", replace(body, path, None, delete=True)
    current = _at(body, path)
    wrong = draw(st.sampled_from([v for v in WRONG_VALUES if type(v) is not type(current)]))
    return "wrong_type", replace(body, path, wrong)


def _at(value: Json, path: tuple[Any, ...]) -> Json:
    for key in path:
        value = value[key]
    return value


@st.composite
def broken_answer(draw: st.DrawFn, operation: Operation) -> tuple[str, Answer]:
    """A valid answer broken in one way (sometimes two: body and status)."""
    body = draw(from_schema(operation.schema))
    text = json.dumps(body).encode()
    kind = draw(
        st.sampled_from(
            [
                "structure",
                "truncated",
                "html",
                "empty",
                "not_object",
                "status",
                "content_type",
                "not_utf8",
                "error_envelope",
            ]
        )
    )
    status = operation.status
    headers = dict(JSON_TYPE)
    if kind == "structure":
        kind, broken = draw(broken_body(body))
        content = json.dumps(broken).encode()
    elif kind == "error_envelope":
        # An error answer (maybe itself broken), with an error status or the "200 with inner 409" quirk.
        envelope = draw(st.sampled_from(error_envelopes()))
        error = draw(from_schema({"$ref": f"#/components/schemas/{envelope}"}))
        if draw(st.booleans()):
            kind, error = draw(broken_body(error))
            kind = f"error_envelope/{kind}"
        content = json.dumps(error).encode()
        status = draw(st.sampled_from([200, *OTHER_STATUSES]))
    elif kind == "truncated":
        content = text[: draw(st.integers(0, max(0, len(text) - 1)))]
    elif kind == "html":
        content = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
        headers = {"content-type": "text/html"}
    elif kind == "empty":
        content = b""
    elif kind == "not_object":
        content = json.dumps(draw(st.sampled_from([[], [body], "ok", 0, None, True]))).encode()
    elif kind == "status":
        status = draw(st.sampled_from(STATUSES))
        content = text
    elif kind == "content_type":
        headers = {"content-type": draw(st.sampled_from(["text/html", "text/plain", "application/xml"]))}
        content = text
    else:
        content = b"\xff\xfe" + text[: len(text) // 2] + b"\xc3\x28"
    if draw(st.booleans()) and kind != "status" and not kind.startswith("error_envelope"):
        status = draw(st.sampled_from(STATUSES))
    return kind, (status, headers, content)


# ---- the client under test ---------------------------------------------------------------------


class Server:
    """Answers every request with ``answer`` (a fresh response each time, retries included)."""

    def __init__(self) -> None:
        self.answer: Answer = (200, JSON_TYPE, b"{}")

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        status, headers, content = self.answer
        return httpx.Response(status, headers=headers, content=content)


@pytest.fixture(scope="module")
def served() -> Any:
    server = Server()
    client = ec.Client(
        account_sid=SID,
        api_key="key_1",
        api_token="token_1",
        ccm_base_url=CCM,
        campaign_base_url=CAMPAIGN,
        rate_limit_per_minute=None,
        environ={},
        transport=httpx.MockTransport(server),
    )
    yield server, client
    client.close()


def outcome(client: ec.Client, operation: Operation) -> Any:
    """The call's result or its ExotelError; anything else fails the test with the input attached."""
    try:
        return operation.call(client)
    except ec.ExotelError as exc:
        return exc


@pytest.mark.parametrize("operation", OPERATIONS, ids=repr)
@FUZZ
@given(data=st.data())
def test_broken_answers_raise_exotel_errors_only(
    served: Any, operation: Operation, data: st.DataObject
) -> None:
    server, client = served
    kind, answer = data.draw(broken_answer(operation), label="answer")
    server.answer = answer
    result = outcome(client, operation)
    event(f"{kind} -> {type(result).__name__}")
    if isinstance(result, ec.ExotelError):
        assert str(result)  # the message renders
        return
    # Accepted: the answer was still usable; only a 2xx can be.
    assert 200 <= answer[0] < 300, (kind, answer, result)


def _success_code(body: Json, status: int) -> Json:
    """The generator draws any integer for ``response.code``; a success answer repeats its status."""
    if isinstance(body, dict) and isinstance(body.get("response"), dict):
        body = {**body, "response": {**body["response"], "code": status}}
    return body


@pytest.mark.parametrize("operation", OPERATIONS, ids=repr)
@settings(FUZZ, max_examples=50)
@given(data=st.data())
def test_valid_answers_parse(served: Any, operation: Operation, data: st.DataObject) -> None:
    server, client = served
    body = _success_code(data.draw(from_schema(operation.schema), label="body"), operation.status)
    server.answer = (operation.status, JSON_TYPE, json.dumps(body).encode())
    result = outcome(client, operation)
    event(type(result).__name__)
    if isinstance(result, ec.ItemCountMismatchError):
        # A multi-status answer must hold one item per input (the call sends one), which no schema says.
        assert operation.status == 207, (body, result)
        assert len(body["response"]) != 1, (body, result)
        return
    if isinstance(result, ec.InvalidResponseError):
        # The one place the overlay is stricter than the spec: an upload id must be usable as a path
        # segment to follow (non-empty, not padded, not only dots: see _path_ids).
        data_ = body["response"]["data"]
        summary = data_.get("summary", {}) if isinstance(data_, dict) else {}
        ids = [i for i in (data_.get("upload_id"), summary.get("upload_id")) if i is not None]
        assert any(not is_path_id(i) for i in ids), (body, result)
        return
    assert not isinstance(result, ec.ExotelError), (body, result)
