"""Assemble the mock: connexion routes and validates from openapi.yaml; everything answers in the envelope."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from connexion import AsyncApp
from connexion.datastructures import MediaTypeDict
from connexion.exceptions import ProblemException
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from connexion.validators import FormDataValidator
from starlette.exceptions import HTTPException
from starlette.types import Receive, Scope, Send

from .admin import admin_app
from .auth import security_map
from .config import MockConfig
from .envelope import MockError, error_body
from .forms import form_validator, json_validator
from .handlers import Handlers
from .middleware import EnvelopeGuard, FaultInjection
from .query import AsciiIntegerQuery
from .ratelimit import RateLimit
from .spec import load_spec, spec_path
from .store import Store
from .worker import Worker

__all__ = ["MockApp", "create_app", "spec_path"]


# jsonschema's wording for a value that breaks its schema (a parameter or field: 1002); any other
# 400 from connexion is a body it could not read (1007).
_INVALID_PARAMETER = (
    "is not of type",
    "is too",
    "does not match",
    "is not one of",
    "is greater",
    "is less",
    "is not a",
    "not valid",
    "extra",
    "non-empty",
    "should be",
)


def _code_for(status: int, detail: str) -> int:
    if status == 400:
        lowered = detail.lower()
        if "required" in lowered or "missing" in lowered:
            return 1001
        if any(phrase in lowered for phrase in _INVALID_PARAMETER):
            return 1002
        return 1007
    return {401: 1010, 403: 1003, 404: 1000, 410: 1000, 413: 1002, 415: 1011}.get(
        status, 1100 if status >= 500 else status
    )


def _envelope(
    request: ConnexionRequest, status: int, code: int, description: str, headers: Any = None
) -> Any:
    body = json.dumps(error_body(request.method, status, code, description))
    return ConnexionResponse(
        status_code=status, mimetype="application/json", body=body, headers=dict(headers or {})
    )


def _on_mock_error(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    assert isinstance(exc, MockError)  # noqa: S101 - registered for MockError only
    result: ConnexionResponse = _envelope(request, exc.status, exc.code, exc.description, exc.headers)
    return result


_SPEC = load_spec()
_HTTP_METHODS = ("get", "put", "post", "delete", "patch")
# Query parameter names of every operation (all are shared components).
_QUERY_NAMES = frozenset(
    str(p["name"]) for p in _SPEC["components"]["parameters"].values() if p.get("in") == "query"
)
# Each path template as a pattern, with its methods; literal paths first, as the router matches them.
_PATH_METHODS = sorted(
    (
        (
            re.compile("^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template)) + "$"),
            ", ".join(m.upper() for m in _HTTP_METHODS if m in item),
            template.count("{"),
        )
        for template, item in _SPEC["paths"].items()
    ),
    key=lambda entry: entry[2],
)


# Each operation's path pattern, method and documented statuses.
_DECLARED = [
    (pattern, method.upper(), frozenset(str(code) for code in item[method].get("responses", {})))
    for template, item in _SPEC["paths"].items()
    for pattern in [re.compile("^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template)) + "$")]
    for method in _HTTP_METHODS
    if method in item
]


def _declared(method: str, path: str) -> frozenset[str]:
    """The statuses the operation at `method` `path` documents (none for a path no operation has)."""
    found = (codes for pattern, m, codes in _DECLARED if m == method and pattern.match(path))
    return next(found, frozenset())


def _allowed(path: str) -> str | None:
    """The methods the spec gives the path (the router's Allow names only one operation's)."""
    return next((methods for pattern, methods, _ in _PATH_METHODS if pattern.match(path)), None)


def _on_problem(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    assert isinstance(exc, ProblemException)  # noqa: S101 - registered for ProblemException only
    status = int(exc.status)
    detail = str(exc.detail or exc.title or "")
    if status == 401:
        detail = "Verify API key and token"
    if (
        status == 400
        and request.method in ("GET", "DELETE")
        and not _QUERY_NAMES & set(request.query_params)
        and "404" in _declared(request.method, request.url.path)
    ):
        # Without query parameters a GET's or DELETE's only inputs are path ids; one that breaks its
        # schema names nothing that exists, and an operation that documents 404 for an unknown id
        # answers that. (The listings document 400, not 404, for an account sid that breaks its
        # schema; query parameters are checked first, and every operation that has them documents 400.)
        status, detail = 404, f"No such resource: {detail.splitlines()[0]}"
    result: ConnexionResponse = _envelope(request, status, _code_for(status, detail), detail, exc.headers)
    return result


def _on_http(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    assert isinstance(exc, HTTPException)  # noqa: S101 - registered for HTTPException only
    status = exc.status_code
    detail = {404: "No such resource", 405: "Method not allowed"}.get(status, str(exc.detail))
    headers = dict(exc.headers or {})
    allowed = _allowed(request.url.path) if status == 405 else None
    if allowed is not None:
        headers["Allow"] = allowed
    result: ConnexionResponse = _envelope(request, status, _code_for(status, detail), detail, headers)
    return result


def _on_crash(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    result: ConnexionResponse = _envelope(request, 500, 1100, "Retry the request")
    return result


class MockApp:
    """The ASGI application: `/_mock` admin routes, then faults, rate limit and the spec's API."""

    def __init__(self, config: MockConfig) -> None:
        self.config = config
        self.store = Store(
            config.db_path,
            config.credentials(),
            reset=config.reset,
            contact_quota=config.contact_quota,
            static_list_cap=config.static_list_cap,
            dynamic_list_cap=config.dynamic_list_cap,
        )
        self.worker = Worker(self.store, rate=config.processing_rate, error_file_ttl=config.error_file_ttl)
        self.handlers = Handlers(self.store, config, self.worker)
        self.api = self._connexion_app()
        self.rates = RateLimit(AsciiIntegerQuery(self.api), config)
        self.faults = FaultInjection(self.rates, config)
        self._public = EnvelopeGuard(self.faults, config)
        self._admin = admin_app(self.store, self.rates)
        self.worker.start()

    def _connexion_app(self) -> AsyncApp:
        limits = self.config

        def limit_for(schema: dict[str, Any]) -> int:
            if "file_name" in schema.get("properties", {}):
                return limits.campaign_max_file_bytes
            return limits.ccm_max_file_bytes

        body_validators = MediaTypeDict(
            {
                "*/*json": json_validator(max_bytes=limits.max_json_bytes, max_depth=limits.max_json_depth),
                "application/x-www-form-urlencoded": FormDataValidator,
                "multipart/form-data": form_validator(limit_for),
            }
        )
        # No Swagger UI: it needs connexion's swagger-ui extra, and the spec itself is served as JSON.
        no_ui = SwaggerUIOptions(swagger_ui=False)
        app = AsyncApp(
            __name__,
            security_map=security_map(self.store),
            validator_map={"body": body_validators},
            swagger_ui_options=no_ui,
        )
        app.add_api(
            copy.deepcopy(load_spec()),  # connexion resolves references in place
            resolver=Resolver(function_resolver=self.handlers.resolve),
            strict_validation=False,
            validate_responses=False,
            swagger_ui_options=no_ui,
        )
        app.add_error_handler(MockError, _on_mock_error)
        app.add_error_handler(ProblemException, _on_problem)
        app.add_error_handler(HTTPException, _on_http)
        app.add_error_handler(Exception, _on_crash)
        return app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Dispatch to the admin routes or the public API."""
        if scope["type"] == "http" and scope["path"].startswith("/_mock"):
            await self._admin(scope, receive, send)
        else:
            await self._public(scope, receive, send)

    def close(self) -> None:
        """Stop the background worker and close the store."""
        self.worker.stop()
        self.store.close()


def create_app(config: MockConfig | None = None) -> MockApp:
    """A new mock with its own store (from `MockConfig.from_env()` when no config is given)."""
    return MockApp(config or MockConfig.from_env())
