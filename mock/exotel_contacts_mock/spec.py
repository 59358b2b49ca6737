"""openapi.yaml, read once: where the mock finds it, and the rules the mock takes from it.

The mock routes and validates requests from the spec (connexion); the checks it makes by hand (a
CSV row's phone number and email, the page size, the limits of an upload) read their values here,
so there is no second copy to drift. Patterns are compiled with `re.ASCII` and matched whole
(`fullmatch`): the spec's patterns are ECMA-262 regular expressions, whose classes are ASCII.

Installed from a wheel, the spec ships inside the package (`exotel_contacts_mock/openapi.yaml`);
in a source checkout it is the repository's own `openapi.yaml`.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

__all__ = ["SpecRules", "load_spec", "operation", "rules", "spec_path"]

_SPEC_NAME = "openapi.yaml"


def spec_path() -> Path:
    """openapi.yaml on disk: the packaged copy, else the source checkout's, else the generated package's.

    The mock's own wheel (mock/pyproject.toml) carries the spec; in a checkout (an editable install)
    it is the repository's file; installed as `exotel-contacts[mock]`, it is the copy the generated
    package ships (`exotel_contacts_api/openapi.yaml`, drift-checked by `make generate`'s test),
    found without importing that package.
    """
    packaged = Path(str(files(__package__ or "exotel_contacts_mock") / _SPEC_NAME))
    checkout = Path(__file__).resolve().parents[2] / _SPEC_NAME
    for candidate in (packaged, checkout):
        if candidate.is_file():
            return candidate
    generated = importlib.util.find_spec("exotel_contacts_api")  # located, not imported
    if generated is not None and generated.origin is not None:
        shipped = Path(generated.origin).parent / _SPEC_NAME
        if shipped.is_file():
            return shipped
    raise FileNotFoundError(f"no openapi.yaml at {packaged}, at {checkout}, or in exotel_contacts_api")


@functools.cache
def load_spec() -> dict[str, Any]:
    """The spec as a dict (read once; callers must not change it)."""
    spec: dict[str, Any] = yaml.safe_load(spec_path().read_text(encoding="utf-8"))
    return spec


def operation(spec: dict[str, Any], operation_id: str) -> dict[str, Any]:
    """The operation object of `operation_id`."""
    for item in spec["paths"].values():
        for value in item.values():
            if isinstance(value, dict) and value.get("operationId") == operation_id:
                return value
    raise KeyError(operation_id)


def _ascii(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.ASCII)


@dataclass(frozen=True)
class SpecRules:
    """The values of the spec the mock enforces by hand."""

    e164: re.Pattern[str]
    """`E164PhoneNumber.pattern`."""
    e164_or_national: re.Pattern[str]
    """`ContactUpdate.number.pattern`: E.164 or a national number (a leading 0)."""
    email: re.Pattern[str]
    """`EmailAddress.pattern`."""
    email_max_length: int
    """`EmailAddress.maxLength`."""
    field_max_length: int
    """`ContactCreate.first_name.maxLength`: the longest text field of a contact."""
    page_size_default: int
    """The `Limit` parameter's default."""
    max_json_depth: int
    """`CreateContactsRequest.x-max-depth`."""
    ccm_limits: dict[str, int]
    """`x-limits` of `uploadContacts`."""
    campaign_limits: dict[str, int]
    """`x-limits` of `csvUploadContacts`."""
    duplicate_action_default: str
    """`DuplicateAction.default`."""
    list_type_default: str
    """`ListType.default`."""


@functools.cache
def rules() -> SpecRules:
    """The rules of the spec (read once)."""
    spec = load_spec()
    schemas = spec["components"]["schemas"]
    parameters = spec["components"]["parameters"]
    limit = parameters["Limit"]["schema"]
    return SpecRules(
        e164=_ascii(schemas["E164PhoneNumber"]["pattern"]),
        e164_or_national=_ascii(schemas["ContactUpdate"]["properties"]["number"]["pattern"]),
        email=_ascii(schemas["EmailAddress"]["pattern"]),
        email_max_length=int(schemas["EmailAddress"]["maxLength"]),
        field_max_length=int(schemas["ContactCreate"]["properties"]["first_name"]["maxLength"]),
        page_size_default=int(limit["default"]),
        max_json_depth=int(schemas["CreateContactsRequest"]["x-max-depth"]),
        ccm_limits=dict(operation(spec, "uploadContacts")["x-limits"]),
        campaign_limits=dict(operation(spec, "csvUploadContacts")["x-limits"]),
        duplicate_action_default=str(schemas["DuplicateAction"]["default"]),
        list_type_default=str(schemas["ListType"]["default"]),
    )
