"""The requests of the README's methods that the list workflows send too (``add_to_list``,
``sync_list``): the generated request of each operation with friendlier inputs and the page or
checked items taken out of the answer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from exotel_contacts_api.models import (
    AddContactsToListRequest,
    Contact,
    ListMembership,
    MembershipsMultiStatus,
    SortOrder,
)

from . import answers, inputs
from . import spec_requests as requests
from .answers import MAX_PAGE_SIZE, Page
from .operation import Operation

__all__ = [
    "add_contacts_to_list_request",
    "list_contacts_request",
    "list_list_contacts_request",
    "remove_contact_from_list_request",
]

_PAGE = MAX_PAGE_SIZE


def list_contacts_request(
    account_sid: str,
    *,
    offset: int = 0,
    limit: int = _PAGE,
    name: str | None = None,
    sort_by: str | SortOrder | None = None,
    list_sids: Iterable[str] | None = None,
    show_lists: bool = False,
) -> Operation[Page[Contact]]:
    """A page of the address book, as ``client.list_contacts`` asks for it."""
    inputs.paging(offset, limit)
    operation = requests.list_contacts(
        account_sid,
        offset=offset,
        limit=limit,
        name=inputs.text(name, "name"),
        sort_by=inputs.sort(sort_by),
        list_sids=inputs.sids_filter(list_sids),
        filter_=inputs.show_lists(show_lists),
    )
    return operation.then(answers.page(Contact, "contacts page"))


def list_list_contacts_request(
    account_sid: str, list_sid: str, *, offset: int = 0, limit: int = _PAGE
) -> Operation[Page[Contact]]:
    """A page of a list's members, in the order they joined it."""
    inputs.paging(offset, limit)
    operation = requests.list_list_contacts(
        account_sid, inputs.sid(list_sid, "list_sid"), offset=offset, limit=limit
    )
    return operation.then(answers.page(Contact, "contacts page"))


def remove_contact_from_list_request(
    account_sid: str, list_sid: str, contact_sid: str
) -> Operation[ListMembership | None]:
    """Take a contact out of a list; ``None`` when a replay found it out already."""
    operation = requests.remove_contact_from_list(
        account_sid, inputs.sid(list_sid, "list_sid"), inputs.sid(contact_sid, "contact_sid")
    )
    return operation.then(answers.data_or_none(ListMembership, "membership"))


def add_contacts_to_list_request(
    account_sid: str, list_sid: str, contact_sids: Sequence[str]
) -> Operation[MembershipsMultiStatus]:
    """Add up to 5000 contacts to a list; one checked item per sid."""
    refs = inputs.contact_references(contact_sids)
    body = AddContactsToListRequest(contact_references=refs)
    operation = requests.add_contacts_to_list(account_sid, inputs.sid(list_sid, "list_sid"), body=body)
    return operation.then(answers.items("addContactsToList", len(refs)))
