"""What the client's methods accept beyond the generated models (dicts, plain strings, ``None`` for
"not given"), each turned into the generated model or refused with an :class:`InvalidInputError` that
names the argument, before anything is sent. The spec's item bounds are checked when the operation is
built (``operation._check_bounds``).

openapi.yaml's ``x-exotel-method`` names a converter per parameter (``input``); the generator takes
the public parameter's type and default from the converter's first parameter, passes ``what`` (the
spec's name of the target), ``cls`` (the target's model) and ``changes`` (``**changes``) by name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, TypeVar

from exotel_contacts.base.exceptions import InvalidInputError
from exotel_contacts_api.models import (
    ContactCreate,
    ContactFilter,
    ContactReference,
    DuplicateAction,
    ListCreate,
    ListType,
    SortOrder,
)
from exotel_contacts_api.types import UNSET, Unset

from .answers import MAX_PAGE_SIZE

__all__ = [
    "MAX_SID_LENGTH",
    "contact_references",
    "contacts",
    "duplicate_action",
    "limit",
    "list_creates",
    "list_name",
    "list_type",
    "offset",
    "patches",
    "show_lists",
    "sid",
    "sids_filter",
    "sort",
    "text",
    "update",
]

M = TypeVar("M")

#: Longest contact or list sid the spec accepts.
MAX_SID_LENGTH: Final = 128


def sid(value: str, what: str) -> str:
    """A contact or list sid: a non-empty string of at most 128 characters."""
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_SID_LENGTH:
        raise InvalidInputError(
            f"{what} must be a non-empty string of at most {MAX_SID_LENGTH} characters, got {value!r}"
        )
    return value


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def offset(value: int = 0) -> int:
    """A page's ``offset``, from 0."""
    if not _whole(value) or value < 0:
        raise InvalidInputError(f"offset must be an integer >= 0, got {value!r}")
    return value


def limit(value: int = MAX_PAGE_SIZE) -> int:
    """A page's ``limit``, 1 to 20."""
    if not _whole(value) or not 1 <= value <= MAX_PAGE_SIZE:
        raise InvalidInputError(f"limit must be 1 to {MAX_PAGE_SIZE}, got {value!r}")
    return value


def _choice(kind: Any, value: object, what: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(c.value for c in kind)
        raise InvalidInputError(f"{what} must be one of {choices}, got {value!r}") from None


def sort(value: str | SortOrder | None = None) -> SortOrder | Unset:
    """A listing's order, by its value (``name:asc``...)."""
    return UNSET if value is None else _choice(SortOrder, value, "sort_by")


def text(value: str | None = None, what: str = "name") -> str | Unset:
    """A name filter of 1 to 255 characters."""
    if value is None:
        return UNSET
    if not isinstance(value, str) or not value or len(value) > 255:
        raise InvalidInputError(f"{what} must be a string of 1 to 255 characters, got {value!r}")
    return value


def show_lists(value: bool = False) -> ContactFilter | Unset:
    """The ``filter`` that makes each contact carry its lists."""
    return ContactFilter.SHOW_LIST if value else UNSET


def sids_filter(value: Iterable[str] | None = None) -> list[str] | Unset:
    """Only contacts of these lists: each a sid; none given or an empty list filters nothing."""
    found = [] if value is None else [sid(s, "list_sids item") for s in value]
    return found or UNSET


def _bulk_size(given: Sequence[Any], what: str) -> None:
    if isinstance(given, str | bytes) or not isinstance(given, Sequence):
        raise InvalidInputError(f"{what} must be a list")
    if not given:
        raise InvalidInputError(f"{what} is empty; send at least one")


def _model(value: object, cls: Any, what: str) -> Any:
    if isinstance(value, cls):
        return value
    if not isinstance(value, Mapping):
        raise InvalidInputError(f"{what} is not a {cls.__name__} or a dict")
    try:
        return cls.from_dict(value)
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidInputError(f"{what} is not a {cls.__name__} ({type(exc).__name__}: {exc})") from None


def update(value: M | Mapping[str, Any] | None = None, *, cls: type[M], changes: Mapping[str, Any]) -> M:
    """``update_x(sid, fields, **changes)``: the changes over the fields, a partial model of >= 1 field."""
    given: Any = value
    if given is None:
        given = dict(changes)
    elif changes:
        given = {**(given.to_dict() if hasattr(given, "to_dict") else dict(given)), **changes}
    body = _model(given, cls, "fields")
    if not body.to_dict():
        raise InvalidInputError("fields is empty; give at least one field to change")
    return body  # type: ignore[no-any-return]


def patches(value: Sequence[M | Mapping[str, Any]], cls: type[M], what: str) -> list[M]:
    """Up to 5000 bulk update models, each naming its ``sid``."""
    _bulk_size(value, what)
    return [_model(c, cls, f"{what}[{i}]") for i, c in enumerate(value)]


def list_creates(value: Sequence[ListCreate | Mapping[str, Any] | str]) -> list[ListCreate]:
    """Up to 5000 lists to create: names, or ``{"name", "tag"}``."""
    _bulk_size(value, "lists")
    return [
        ListCreate(name=given) if isinstance(given, str) else _model(given, ListCreate, "list")
        for given in value
    ]


def contact_references(value: Sequence[str]) -> list[ContactReference]:
    """Up to 5000 contact sids, as references."""
    _bulk_size(value, "contact sids")
    return [ContactReference(contact_sid=sid(s, "contact sid")) for s in value]


def contacts(value: Sequence[ContactCreate | Mapping[str, Any]]) -> list[ContactCreate]:
    """Up to 5000 contacts to create, each with a ``number``."""
    _bulk_size(value, "contacts")
    found: list[ContactCreate] = []
    for i, given in enumerate(value):
        item = _model(given, ContactCreate, f"contacts[{i}]")
        if item is not given and (not isinstance(item.number, str) or not item.number):
            raise InvalidInputError(f"contacts[{i}] has no 'number'")
        found.append(item)
    return found


def duplicate_action(value: str | DuplicateAction) -> DuplicateAction:
    """A CCM upload's ``duplicate_action``."""
    return _choice(DuplicateAction, value, "duplicate_action")  # type: ignore[no-any-return]


def list_name(value: object) -> str:
    """A Campaign list's name: a non-empty string."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError("list_name must be a non-empty string")
    return value


def list_type(value: str | ListType) -> ListType:
    """A Campaign list's ``type``."""
    return _choice(ListType, value, "type")  # type: ignore[no-any-return]
