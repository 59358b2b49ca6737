"""The Campaign contact and list operations as data (see :mod:`._operations`): request, replay safety, parser.

Replay safety, decided per operation (the transport replays only what is marked safe):

* GETs: safe.
* PUT a contact, PUT contacts, PUT a list, PUT lists: safe. The same update gives the same state.
* DELETE a contact, a list, a membership: safe. A replay after a lost answer answers 404 when the lost
  attempt did the work; the parser reads a 404 that follows a replay as "already gone" (``None``),
  and a 404 on the first attempt as :class:`~exotel_contacts.NotFoundError`.
* POST lists: safe. Names are unique per account, so a replay cannot create a second list; a 409 for
  a name after a replay is (most likely) the lost attempt's own list, which the list helpers say.
* POST contacts to a list: safe. Membership is a set: a replay answers 409 ("already in the list")
  for the members the lost attempt added, which :class:`MemberOutcome` counts as members.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Generic, TypeVar

import attrs
import httpx

from exotel_contacts_api.api.campaign import add_contacts_to_list as _add_contacts_to_list
from exotel_contacts_api.api.campaign import create_lists as _create_lists
from exotel_contacts_api.api.campaign import delete_contact as _delete_contact
from exotel_contacts_api.api.campaign import delete_list as _delete_list
from exotel_contacts_api.api.campaign import get_contact as _get_contact
from exotel_contacts_api.api.campaign import get_list as _get_list
from exotel_contacts_api.api.campaign import list_contacts as _list_contacts
from exotel_contacts_api.api.campaign import list_list_contacts as _list_list_contacts
from exotel_contacts_api.api.campaign import list_lists as _list_lists
from exotel_contacts_api.api.campaign import remove_contact_from_list as _remove_contact_from_list
from exotel_contacts_api.api.campaign import update_contact as _update_contact
from exotel_contacts_api.api.campaign import update_contacts as _update_contacts
from exotel_contacts_api.api.campaign import update_list as _update_list
from exotel_contacts_api.api.campaign import update_lists as _update_lists
from exotel_contacts_api.models import (
    AddContactsToListRequest,
    Contact,
    ContactFilter,
    ContactList,
    ContactPatch,
    ContactReference,
    ContactResponse,
    ContactsPage,
    ContactUpdate,
    CreateContactsResponse,
    CreateListsRequest,
    ListCreate,
    ListMembership,
    ListPatch,
    ListResponse,
    ListsMultiStatus,
    ListsPage,
    ListUpdate,
    MembershipResponse,
    MembershipsMultiStatus,
    SortOrder,
    UpdateContactsRequest,
    UpdateListsRequest,
)
from exotel_contacts_api.types import UNSET, Unset

from ._exceptions import InvalidInputError, InvalidResponseError, TooManyContactsError
from ._operations import MAX_CONTACTS_PER_REQUEST, Operation, check_item_count
from ._path_ids import path_request
from ._response import Redactor, parse_model
from ._retry import ATTEMPTS

__all__ = [
    "MAX_BULK_ITEMS",
    "MAX_PAGE_SIZE",
    "MAX_SID_LENGTH",
    "Page",
    "add_contacts_to_list",
    "create_lists",
    "delete_contact",
    "delete_list",
    "get_contact",
    "get_list",
    "list_contacts",
    "list_list_contacts",
    "list_lists",
    "remove_contact_from_list",
    "update_contact",
    "update_contacts",
    "update_list",
    "update_lists",
]

T = TypeVar("T")
M = TypeVar("M")

#: Records per page: Exotel's default and maximum for every v2 listing.
MAX_PAGE_SIZE = 20
#: Items per bulk request (contacts, lists, contact references), as ``maxItems`` in openapi.yaml.
MAX_BULK_ITEMS = MAX_CONTACTS_PER_REQUEST
#: Longest contact or list sid the spec accepts.
MAX_SID_LENGTH = 128


@attrs.frozen
class Page(Generic[T]):
    """One page of a listing: its records and where it sits (``total`` from the server's metadata)."""

    items: tuple[T, ...]
    offset: int
    limit: int
    total: int | None

    @property
    def has_more(self) -> bool:
        """Whether a next page may hold records: this one is full and the total is not reached."""
        end = self.offset + len(self.items)
        return len(self.items) >= self.limit > 0 and (self.total is None or end < self.total)


def _bad_shape(what: str, response: httpx.Response) -> InvalidResponseError:
    return InvalidResponseError(
        f"Exotel's {what} answer does not have the documented shape",
        status_code=response.status_code,
        request_id=response.headers.get("x-request-id"),
        response=response,
    )


def _sid(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_SID_LENGTH:
        raise InvalidInputError(
            f"{what} must be a non-empty string of at most {MAX_SID_LENGTH} characters, got {value!r}"
        )
    return value


def _paging(offset: int, limit: int) -> None:
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise InvalidInputError(f"offset must be an integer >= 0, got {offset!r}")
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_PAGE_SIZE:
        raise InvalidInputError(f"limit must be 1 to {MAX_PAGE_SIZE}, got {limit!r}")


def _sort(sort_by: str | SortOrder | None) -> SortOrder | Unset:
    if sort_by is None:
        return UNSET
    try:
        return SortOrder(sort_by)
    except ValueError:
        choices = ", ".join(s.value for s in SortOrder)
        raise InvalidInputError(f"sort_by must be one of {choices}, got {sort_by!r}") from None


def _text(value: str | None, what: str) -> str | Unset:
    if value is None:
        return UNSET
    if not isinstance(value, str) or not value or len(value) > 255:
        raise InvalidInputError(f"{what} must be a string of 1 to 255 characters, got {value!r}")
    return value


def _bulk_size(items: Sequence[Any], what: str) -> None:
    if isinstance(items, str | bytes) or not isinstance(items, Sequence):
        raise InvalidInputError(f"{what} must be a list")
    if not items:
        raise InvalidInputError(f"{what} is empty; send at least one")
    if len(items) > MAX_CONTACTS_PER_REQUEST:
        raise TooManyContactsError(
            f"{len(items)} {what} in one request; Exotel takes at most {MAX_CONTACTS_PER_REQUEST}",
            how_to_fix="Send them in batches of 5000",
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


def _partial(fields: object, cls: Any) -> Any:
    """A partial update model with at least one field."""
    body = _model(fields, cls.from_dict, cls, "fields")
    if not body.to_dict():
        raise InvalidInputError("fields is empty; give at least one field to change")
    return body


def _patches(changes: Sequence[Any], cls: Any, what: str) -> list[Any]:
    """Up to 5000 bulk update models, each naming its ``sid``."""
    _bulk_size(changes, what)
    return [_model(c, cls.from_dict, cls, f"{what}[{i}]") for i, c in enumerate(changes)]


def _replayed(response: httpx.Response) -> bool:
    return int(response.extensions.get(ATTEMPTS, 1)) > 1


# ---- parsers -------------------------------------------------------------------------------------


def _page_of(
    what: str, from_dict: Callable[[dict[str, Any]], Any], kind: type
) -> Callable[[httpx.Response, Redactor], Page[Any]]:
    def parse(response: httpx.Response, redact: Redactor) -> Page[Any]:
        body = parse_model(response, from_dict, redact=redact)
        meta = body.metadata
        items = []
        for item in body.response:
            if item.code != 200 or not isinstance(item.data, kind):
                raise _bad_shape(what, response)
            items.append(item.data)
        if len(items) > MAX_PAGE_SIZE or any(
            not isinstance(v, int) or isinstance(v, bool) or v < 0
            for v in (meta.offset, meta.limit, meta.total)
        ):
            raise _bad_shape(what, response)
        return Page(tuple(items), offset=meta.offset, limit=meta.limit, total=meta.total)

    return parse


def _one_of(
    what: str, from_dict: Callable[[dict[str, Any]], Any], kind: type, *, gone_ok: bool = False
) -> Callable[[httpx.Response, Redactor], Any]:
    def parse(response: httpx.Response, redact: Redactor) -> Any:
        if gone_ok and response.status_code == 404 and _replayed(response):
            # A replayed DELETE whose lost attempt did the work: the resource is gone either way.
            return None
        data = parse_model(response, from_dict, redact=redact).response.data
        if not isinstance(data, kind):
            raise _bad_shape(what, response)
        return data

    return parse


def _multi(
    what: str, from_dict: Callable[[dict[str, Any]], M], count: int
) -> Callable[[httpx.Response, Redactor], M]:
    return lambda response, redact: check_item_count(
        what, parse_model(response, from_dict, redact=redact), count, response
    )


_contacts_page = _page_of("contacts page", ContactsPage.from_dict, Contact)


# ---- contacts ------------------------------------------------------------------------------------


def list_contacts(
    account_sid: str,
    *,
    offset: int = 0,
    limit: int = MAX_PAGE_SIZE,
    name: str | None = None,
    sort_by: str | SortOrder | None = None,
    list_sids: Iterable[str] | None = None,
    show_lists: bool = False,
) -> Operation[Page[Contact]]:
    """GET a page of the address book."""
    _paging(offset, limit)
    sids = None if list_sids is None else [_sid(s, "list_sids item") for s in list_sids]
    kwargs = path_request(
        _list_contacts._get_kwargs,
        account_sid,
        offset=offset,
        limit=limit,
        name=_text(name, "name"),
        sort_by=_sort(sort_by),
        filter_=ContactFilter.SHOW_LIST if show_lists else UNSET,
    )
    if sids:
        # The spec's `style: form, explode: false` (comma separated); the generator ignores it.
        kwargs["params"]["list_sids"] = ",".join(sids)
    return Operation("campaign", kwargs, True, _contacts_page)


def get_contact(account_sid: str, contact_sid: str, *, show_lists: bool = False) -> Operation[Contact]:
    """GET one contact."""
    kwargs = path_request(
        _get_contact._get_kwargs,
        account_sid,
        _sid(contact_sid, "contact_sid"),
        filter_=ContactFilter.SHOW_LIST if show_lists else UNSET,
    )
    return Operation("campaign", kwargs, True, _one_of("contact", ContactResponse.from_dict, Contact))


def update_contact(
    account_sid: str, contact_sid: str, fields: ContactUpdate | Mapping[str, Any]
) -> Operation[Contact]:
    """PUT a partial contact; replay-safe (the same update gives the same contact)."""
    body = _partial(fields, ContactUpdate)
    kwargs = path_request(
        _update_contact._get_kwargs, account_sid, _sid(contact_sid, "contact_sid"), body=body
    )
    return Operation("campaign", kwargs, True, _one_of("contact", ContactResponse.from_dict, Contact))


def update_contacts(
    account_sid: str, changes: Sequence[ContactPatch | Mapping[str, Any]]
) -> Operation[CreateContactsResponse]:
    """PUT up to 5000 partial contacts (each with its ``sid``); replay-safe."""
    items = _patches(changes, ContactPatch, "contacts")
    body = UpdateContactsRequest(contacts=items)
    parse = _multi("updateContacts", CreateContactsResponse.from_dict, len(items))
    return Operation(
        "campaign", path_request(_update_contacts._get_kwargs, account_sid, body=body), True, parse
    )


def delete_contact(account_sid: str, contact_sid: str) -> Operation[Contact | None]:
    """DELETE a contact (and its memberships); ``None`` when a replay found it gone already."""
    kwargs = path_request(_delete_contact._get_kwargs, account_sid, _sid(contact_sid, "contact_sid"))
    parse = _one_of("contact", ContactResponse.from_dict, Contact, gone_ok=True)
    return Operation("campaign", kwargs, True, parse)


# ---- lists ---------------------------------------------------------------------------------------


def create_lists(
    account_sid: str, lists: Sequence[ListCreate | Mapping[str, Any] | str]
) -> Operation[ListsMultiStatus]:
    """POST up to 5000 lists (names, or ``{"name", "tag"}``); replay-safe (names are unique)."""
    _bulk_size(lists, "lists")
    items = [
        ListCreate(name=given)
        if isinstance(given, str)
        else _model(given, ListCreate.from_dict, ListCreate, "list")
        for given in lists
    ]
    body = CreateListsRequest(lists=items)
    parse = _multi("createLists", ListsMultiStatus.from_dict, len(items))
    return Operation("campaign", path_request(_create_lists._get_kwargs, account_sid, body=body), True, parse)


def list_lists(
    account_sid: str,
    *,
    offset: int = 0,
    limit: int = MAX_PAGE_SIZE,
    name: str | None = None,
    sort_by: str | SortOrder | None = None,
) -> Operation[Page[ContactList]]:
    """GET a page of the account's lists."""
    _paging(offset, limit)
    kwargs = path_request(
        _list_lists._get_kwargs,
        account_sid,
        offset=offset,
        limit=limit,
        name=_text(name, "name"),
        sort_by=_sort(sort_by),
    )
    return Operation("campaign", kwargs, True, _page_of("lists page", ListsPage.from_dict, ContactList))


def get_list(account_sid: str, list_sid: str) -> Operation[ContactList]:
    """GET one list with its contact count."""
    kwargs = path_request(_get_list._get_kwargs, account_sid, _sid(list_sid, "list_sid"))
    return Operation("campaign", kwargs, True, _one_of("list", ListResponse.from_dict, ContactList))


def update_list(
    account_sid: str, list_sid: str, fields: ListUpdate | Mapping[str, Any]
) -> Operation[ContactList]:
    """PUT a list's new name or tag; replay-safe."""
    body = _partial(fields, ListUpdate)
    kwargs = path_request(_update_list._get_kwargs, account_sid, _sid(list_sid, "list_sid"), body=body)
    return Operation("campaign", kwargs, True, _one_of("list", ListResponse.from_dict, ContactList))


def update_lists(
    account_sid: str, changes: Sequence[ListPatch | Mapping[str, Any]]
) -> Operation[ListsMultiStatus]:
    """PUT up to 5000 list updates (each with its ``sid``); replay-safe."""
    items = _patches(changes, ListPatch, "lists")
    body = UpdateListsRequest(lists=items)
    parse = _multi("updateLists", ListsMultiStatus.from_dict, len(items))
    return Operation("campaign", path_request(_update_lists._get_kwargs, account_sid, body=body), True, parse)


def delete_list(account_sid: str, list_sid: str) -> Operation[ContactList | None]:
    """DELETE a list (its contacts stay); ``None`` when a replay found it gone already."""
    kwargs = path_request(_delete_list._get_kwargs, account_sid, _sid(list_sid, "list_sid"))
    parse = _one_of("list", ListResponse.from_dict, ContactList, gone_ok=True)
    return Operation("campaign", kwargs, True, parse)


# ---- membership ----------------------------------------------------------------------------------


def add_contacts_to_list(
    account_sid: str, list_sid: str, contact_sids: Sequence[str]
) -> Operation[MembershipsMultiStatus]:
    """POST up to 5000 contact sids into a list; replay-safe (membership is a set)."""
    _bulk_size(contact_sids, "contact sids")
    refs = [ContactReference(contact_sid=_sid(sid, "contact sid")) for sid in contact_sids]
    kwargs = path_request(
        _add_contacts_to_list._get_kwargs,
        account_sid,
        _sid(list_sid, "list_sid"),
        body=AddContactsToListRequest(contact_references=refs),
    )
    parse = _multi("addContactsToList", MembershipsMultiStatus.from_dict, len(refs))
    return Operation("campaign", kwargs, True, parse)


def list_list_contacts(
    account_sid: str, list_sid: str, *, offset: int = 0, limit: int = MAX_PAGE_SIZE
) -> Operation[Page[Contact]]:
    """GET a page of a list's contacts."""
    _paging(offset, limit)
    kwargs = path_request(
        _list_list_contacts._get_kwargs, account_sid, _sid(list_sid, "list_sid"), offset=offset, limit=limit
    )
    return Operation("campaign", kwargs, True, _contacts_page)


def remove_contact_from_list(
    account_sid: str, list_sid: str, contact_sid: str
) -> Operation[ListMembership | None]:
    """DELETE a membership (the contact stays); ``None`` when a replay found it removed already."""
    kwargs = path_request(
        _remove_contact_from_list._get_kwargs,
        account_sid,
        _sid(list_sid, "list_sid"),
        _sid(contact_sid, "contact_sid"),
    )
    parse = _one_of("membership", MembershipResponse.from_dict, ListMembership, gone_ok=True)
    return Operation("campaign", kwargs, True, parse)
