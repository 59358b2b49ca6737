"""Integer query parameters hold ASCII digits: `int()` also takes Arabic-Indic digits, "1_0", " 5 ".

Connexion turns a query value into the spec's `integer` with Python's `int()`, which accepts any
Unicode decimal digit, underscores between digits and surrounding white space; the spec's integer is
JSON's, ASCII digits only. This layer answers such a value 400 (1002) before connexion reads it, for
the integer query parameters each operation declares (read from the spec).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from .digits import ascii_int
from .envelope import MockError
from .middleware import send_error
from .spec import load_spec

__all__ = ["AsciiIntegerQuery", "integer_query_names"]

_METHODS = ("get", "put", "post", "delete", "patch")


def _names(spec: dict[str, Any], parameters: list[dict[str, Any]]) -> set[str]:
    names = set()
    for given in parameters:
        parameter = given
        if "$ref" in given:
            parameter = spec["components"]["parameters"][given["$ref"].rsplit("/", 1)[1]]
        if parameter.get("in") == "query" and parameter.get("schema", {}).get("type") == "integer":
            names.add(str(parameter["name"]))
    return names


def integer_query_names(spec: dict[str, Any]) -> list[tuple[re.Pattern[str], str, frozenset[str]]]:
    """(path pattern, METHOD, integer query names) of every operation that has such parameters."""
    table = []
    for template, item in spec["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template)) + "$")
        shared = item.get("parameters", [])
        for method in _METHODS:
            if method in item:
                names = _names(spec, [*shared, *item[method].get("parameters", [])])
                if names:
                    table.append((pattern, method.upper(), frozenset(names)))
    return table


class AsciiIntegerQuery:
    """400 for an integer query parameter that is not ASCII digits."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._table = integer_query_names(load_spec())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            names = next(
                (n for p, m, n in self._table if m == scope["method"] and p.match(scope["path"])), None
            )
            if names:
                query = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
                for name, value in query:
                    # a minus sign passes here: the schema's minimum answers it
                    if name in names and ascii_int(value) is None:
                        error = MockError(400, f"{name} must be an integer in ASCII digits", code=1002)
                        await send_error(send, scope["method"], error)
                        return
        await self.app(scope, receive, send)
