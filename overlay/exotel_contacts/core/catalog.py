"""Look up any Exotel code (HTTP statuses, API error codes, upload row codes, SMS, WhatsApp, call
statuses) in the enum schemas of openapi.yaml (``spec_file()``), read on the first look-up."""

from __future__ import annotations

import functools
from typing import Any

import attrs

from exotel_contacts_api import spec_file

__all__ = ["CATALOG_SCHEMAS", "CodeInfo", "explain"]

#: The component schemas that make up the catalog, in look-up order.
CATALOG_SCHEMAS: tuple[str, ...] = (
    "HttpStatusCode",
    "ApiErrorCode",
    "ContactUploadErrorCode",
    "SmsStatusCode",
    "WhatsAppStatusCode",
    "CallStatus",
)


@attrs.frozen
class CodeInfo:
    """What a code means and how to fix it.

    ``kind`` is the spec schema it comes from (for example ``ApiErrorCode``); ``http_status`` is the
    HTTP status an API error code comes with; ``category`` groups SMS/WhatsApp codes
    (``intermediate``, ``success``, ``failure``, ``delivery``, ``error``, ``payment``).
    """

    code: int | str
    kind: str
    name: str
    description: str
    how_to_fix: str | None = None
    http_status: int | None = None
    category: str | None = None


def _at(values: Any, index: int) -> Any:
    return values[index] if isinstance(values, list) and index < len(values) else None


@functools.cache
def _catalog() -> dict[int | str, CodeInfo]:
    import yaml  # noqa: PLC0415 - imported on first look-up to keep `import exotel_contacts` fast

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with spec_file().open(encoding="utf-8") as stream:
        spec = yaml.load(stream, Loader=loader)  # noqa: S506 - a safe loader, chosen above
    schemas = spec["components"]["schemas"]
    table: dict[int | str, CodeInfo] = {}
    for kind in CATALOG_SCHEMAS:
        schema = schemas[kind]
        for i, value in enumerate(schema["enum"]):
            fix = _at(schema.get("x-how-to-fix"), i)
            key = value.lower() if isinstance(value, str) else value
            table.setdefault(
                key,
                CodeInfo(
                    code=value,
                    kind=kind,
                    name=str(_at(schema.get("x-enum-varnames"), i) or value),
                    description=str(_at(schema.get("x-enum-descriptions"), i) or ""),
                    how_to_fix=fix or None,
                    http_status=_at(schema.get("x-http-status"), i),
                    category=_at(schema.get("x-enum-categories"), i),
                ),
            )
    return table


def explain(code: int | str) -> CodeInfo | None:
    """What ``code`` means and how to fix it, or ``None`` for a code the dictionary does not know.

    Takes an int (``429``, ``1010``, ``23080``), its string form (``"1010"``), or a name
    (``"INVALID_PHONE"``, ``"no-answer"``; case-insensitive).
    """
    if isinstance(code, str):
        text = code.strip()
        return _catalog().get(int(text) if text.isdecimal() else text.lower())
    if isinstance(code, int) and not isinstance(code, bool):
        return _catalog().get(code)
    return None
