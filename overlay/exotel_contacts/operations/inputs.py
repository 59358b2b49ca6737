"""What the README's methods accept beyond the generated models: dicts, plain strings, ``None`` for
"not given"; each turned into the generated model, or refused with an :class:`InvalidInputError`
that names the argument, before anything is sent."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final, TypeVar

from exotel_contacts.base.exceptions import InvalidInputError, TooManyContactsError
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

from .answers import MAX_BULK_ITEMS, MAX_PAGE_SIZE

__all__ = [
    "MAX_SID_LENGTH",
    "contact_references",
    "contacts",
    "duplicate_action",
    "fields",
    "list_creates",
    "list_name",
    "list_type",
    "paging",
    "partial",
    "patches",
    "show_lists",
    "sid",
    "sids_filter",
    "sort",
    "text",
]

M = TypeVar("M")

#: Longest contact or list sid the spec accepts.
MAX_SID_LENGTH: Final = 128


def sid(value: object, what: str) -> str:
    """A contact or list sid: a non-empty string of at most 128 characters."""
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_SID_LENGTH:
        raise InvalidInputError(
            f"{what} must be a non-empty string of at most {MAX_SID_LENGTH} characters, got {value!r}"
        )
    return value


def paging(offset: int, limit: int) -> None:
    """A page's ``offset`` (from 0) and ``limit`` (1 to 20)."""
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise InvalidInputError(f"offset must be an integer >= 0, got {offset!r}")
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_PAGE_SIZE:
        raise InvalidInputError(f"limit must be 1 to {MAX_PAGE_SIZE}, got {limit!r}")


def sort(sort_by: str | SortOrder | None) -> SortOrder | Unset:
    """A listing's order, by its value (``name:asc``...)."""
    if sort_by is None:
        return UNSET
    try:
        return SortOrder(sort_by)
    except ValueError:
        choices = ", ".join(s.value for s in SortOrder)
        raise InvalidInputError(f"sort_by must be one of {choices}, got {sort_by!r}") from None


def text(value: str | None, what: str) -> str | Unset:
    """A name filter of 1 to 255 characters."""
    if value is None:
        return UNSET
    if not isinstance(value, str) or not value or len(value) > 255:
        raise InvalidInputError(f"{what} must be a string of 1 to 255 characters, got {value!r}")
    return value


def show_lists(flag: bool) -> ContactFilter | Unset:
    """The ``filter`` that makes each contact carry its lists."""
    return ContactFilter.SHOW_LIST if flag else UNSET


def sids_filter(list_sids: Iterable[str] | None) -> list[str] | Unset:
    """Only contacts of these lists: each a sid; none given or an empty list filters nothing."""
    found = [] if list_sids is None else [sid(s, "list_sids item") for s in list_sids]
    return found or UNSET


def _bulk_size(given: Sequence[Any], what: str) -> None:
    if isinstance(given, str | bytes) or not isinstance(given, Sequence):
        raise InvalidInputError(f"{what} must be a list")
    if not given:
        raise InvalidInputError(f"{what} is empty; send at least one")
    if len(given) > MAX_BULK_ITEMS:
        raise TooManyContactsError(
            f"{len(given)} {what} in one request; Exotel takes at most {MAX_BULK_ITEMS}",
            how_to_fix=f"Send them in batches of {MAX_BULK_ITEMS}",
        )


def _model(value: object, cls: Callable[[Mapping[str, Any]], M], kind: type, what: str) -> M:
    if isinstance(value, kind):
        return value  # type: ignore[return-value]
    if not isinstance(value, Mapping):
        raise InvalidInputError(f"{what} is not a {kind.__name__} or a dict")
    try:
        return cls(value)
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidInputError(f"{what} is not a {kind.__name__} ({type(exc).__name__}: {exc})") from None


def fields(given: Any, changes: Mapping[str, Any]) -> Any:
    """``update_x(sid, fields, **changes)``: the changes over the fields (a model or a dict)."""
    if given is None:
        return dict(changes)
    if changes:
        base = given.to_dict() if hasattr(given, "to_dict") else dict(given)
        return {**base, **changes}
    return given


def partial(given: object, cls: Any) -> Any:
    """A partial update model with at least one field."""
    body = _model(given, cls.from_dict, cls, "fields")
    if not body.to_dict():
        raise InvalidInputError("fields is empty; give at least one field to change")
    return body


def patches(changes: Sequence[Any], cls: Any, what: str) -> list[Any]:
    """Up to 5000 bulk update models, each naming its ``sid``."""
    _bulk_size(changes, what)
    return [_model(c, cls.from_dict, cls, f"{what}[{i}]") for i, c in enumerate(changes)]


def list_creates(lists: Sequence[ListCreate | Mapping[str, Any] | str]) -> list[ListCreate]:
    """Up to 5000 lists to create: names, or ``{"name", "tag"}``."""
    _bulk_size(lists, "lists")
    return [
        ListCreate(name=given)
        if isinstance(given, str)
        else _model(given, ListCreate.from_dict, ListCreate, "list")
        for given in lists
    ]


def contact_references(contact_sids: Sequence[str]) -> list[ContactReference]:
    """Up to 5000 contact sids, as references."""
    _bulk_size(contact_sids, "contact sids")
    return [ContactReference(contact_sid=sid(s, "contact sid")) for s in contact_sids]


def contacts(given: Sequence[ContactCreate | Mapping[str, Any]]) -> list[ContactCreate]:
    """Up to 5000 contacts to create, each with a ``number``."""
    if isinstance(given, str | bytes) or not isinstance(given, Sequence):
        raise InvalidInputError("contacts must be a list of ContactCreate objects or dicts")
    if len(given) > MAX_BULK_ITEMS:
        raise TooManyContactsError(
            f"{len(given)} contacts in one request; createContacts takes at most {MAX_BULK_ITEMS}",
            how_to_fix=f"Send them in batches of {MAX_BULK_ITEMS} (create_contacts_bulk does this for you)",
        )
    if not given:
        raise InvalidInputError("contacts is empty; createContacts needs at least one contact")
    found: list[ContactCreate] = []
    for i, contact in enumerate(given):
        if isinstance(contact, ContactCreate):
            found.append(contact)
            continue
        try:
            item = ContactCreate.from_dict(contact)
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidInputError(f"contacts[{i}] is not a contact ({type(exc).__name__}: {exc})") from None
        if not isinstance(item.number, str) or not item.number:
            raise InvalidInputError(f"contacts[{i}] has no 'number'")
        found.append(item)
    return found


def duplicate_action(value: str | DuplicateAction) -> DuplicateAction:
    """A CCM upload's ``duplicate_action``."""
    try:
        return DuplicateAction(value)
    except ValueError:
        choices = ", ".join(a.value for a in DuplicateAction)
        raise InvalidInputError(f"duplicate_action must be one of {choices}, got {value!r}") from None


def list_name(value: object) -> str:
    """A Campaign list's name: a non-empty string."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError("list_name must be a non-empty string")
    return value


def list_type(value: str | ListType) -> ListType:
    """A Campaign list's ``type``."""
    try:
        return ListType(value)
    except ValueError:
        raise InvalidInputError(f"type must be 'static' or 'dynamic', got {value!r}") from None
