"""Exotel v2 envelopes: every answer of the mock, success or error, goes through here."""

from __future__ import annotations

import json
import uuid
from typing import Any

from starlette.responses import Response

__all__ = ["MESSAGES", "MockError", "error_body", "error_response", "new_request_id", "success_body"]

MESSAGES = {
    400: "Bad request",
    401: "Authentication failed",
    403: "Authorization failed",
    404: "Not found",
    405: "Method not allowed",
    409: "Duplicate resource",
    410: "Gone",
    413: "File too large",
    415: "Unsupported content type",
    429: "Too many requests",
    500: "Internal server error",
    502: "Bad gateway",
    503: "Service unavailable",
}
"""`error_data.message` (the category) for each HTTP status."""

_DEFAULT_CODES = {400: 1002, 401: 1010, 403: 1003, 404: 1000, 410: 1000, 413: 1002, 415: 1011}


class MockError(Exception):
    """An error answer; raised anywhere in a handler, rendered in the envelope."""

    def __init__(
        self,
        status: int,
        description: str,
        *,
        code: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.code = (
            code if code is not None else _DEFAULT_CODES.get(status, 1100 if status >= 500 else status)
        )
        self.description = description
        self.headers = headers or {}


def new_request_id() -> str:
    """A fresh request id (32 hex characters, as Exotel sends)."""
    return uuid.uuid4().hex


def success_body(method: str, status: int, data: Any, *, result_status: str = "success") -> dict[str, Any]:
    """The envelope of a single-resource success answer."""
    return {
        "request_id": new_request_id(),
        "method": method,
        "http_code": status,
        "response": {"code": status, "status": result_status, "error_data": None, "data": data},
    }


def error_body(method: str, status: int, code: int, description: str) -> dict[str, Any]:
    """The envelope of an error answer."""
    return {
        "request_id": new_request_id(),
        "method": method,
        "http_code": status,
        "response": {
            "code": status,
            "status": "failure",
            "error_data": {
                "code": code,
                "message": MESSAGES.get(status, "Error"),
                "description": description,
            },
            "data": None,
        },
    }


def error_response(method: str, error: MockError) -> Response:
    """A starlette response rendering `error`."""
    body = error_body(method, error.status, error.code, error.description)
    return Response(
        json.dumps(body), status_code=error.status, headers=error.headers, media_type="application/json"
    )
