"""The Campaign address book and its lists: the README's methods (mixed into the client).

Each is the generated request of its operation (:mod:`.._spec_requests`, by openapi.yaml's rules)
with friendlier inputs (:mod:`.._inputs`) and the record or page taken out of the answer
(:mod:`.._answers`); listings page by offset.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from exotel_contacts.base.exceptions import BadRequestError, ConflictError, ExotelError, NotFoundError
from exotel_contacts.core import otel as _otel
from exotel_contacts.operations import answers, inputs
from exotel_contacts.operations import spec_requests as requests
from exotel_contacts.operations.answers import Page
from exotel_contacts.operations.requests import (
    add_contacts_to_list_request,
    list_contacts_request,
    list_list_contacts_request,
    remove_contact_from_list_request,
)
from exotel_contacts.spec.operations import OPERATIONS
from exotel_contacts.workflows._async import lists
from exotel_contacts.workflows.lists import AddToListProgress, AddToListResult, SyncListResult, SyncProgress
from exotel_contacts_api.models import (
    Contact,
    ContactList,
    ContactPatch,
    ContactUpdate,
    CreateContactsResponse,
    CreateListsRequest,
    ListCreate,
    ListMembership,
    ListPatch,
    ListsMultiStatus,
    ListUpdate,
    MembershipsMultiStatus,
    SortOrder,
    UpdateContactsRequest,
    UpdateListsRequest,
)

if TYPE_CHECKING:
    from exotel_contacts.core.base_client import Sent
    from exotel_contacts.core.config import ClientConfig
    from exotel_contacts.operations.operation import Operation

__all__ = ["AsyncDirectory"]

T = TypeVar("T")
_PAGE = answers.MAX_PAGE_SIZE


def _item_error(item: Any, what: str) -> ExotelError:
    """The error for a failed item of a multi-status answer."""
    error = item.error_data
    code = getattr(error, "code", None)
    reason = getattr(error, "description", None) or getattr(error, "message", None) or "failed"
    message = f"{what}: {reason}"
    if item.code == 409:
        return ConflictError(message, status_code=409, code=code, how_to_fix="Choose another name")
    if item.code == 404:
        return NotFoundError(message, status_code=404, code=code)
    return BadRequestError(message, status_code=item.code, code=code)


class AsyncDirectory:
    """Contacts and lists of the Campaign address book; part of the client.

    Listings page by offset (20 a page, Exotel's maximum): ``list_*`` return one
    :class:`~exotel_contacts.Page`, ``iter_*`` every record, each page one request under the rate
    limiter and retries.
    """

    _config: ClientConfig

    async def _send(self, operation: Operation[T]) -> T:
        raise NotImplementedError  # the client's

    async def _send_counted(self, operation: Operation[T]) -> Sent[T]:
        raise NotImplementedError  # the client's

    # ---- contacts --------------------------------------------------------------------------------

    async def list_contacts(
        self,
        *,
        offset: int = 0,
        limit: int = _PAGE,
        name: str | None = None,
        sort_by: str | SortOrder | None = None,
        list_sids: Iterable[str] | None = None,
        show_lists: bool = False,
    ) -> Page[Contact]:
        """One page of the address book (``limit`` at most 20); filters as :meth:`iter_contacts`."""
        operation = list_contacts_request(
            self._config.account_sid,
            offset=offset,
            limit=limit,
            name=name,
            sort_by=sort_by,
            list_sids=list_sids,
            show_lists=show_lists,
        )
        return await self._send(operation)

    async def iter_contacts(
        self,
        *,
        name: str | None = None,
        sort_by: str | SortOrder | None = None,
        list_sids: Iterable[str] | None = None,
        show_lists: bool = False,
        page_size: int = _PAGE,
    ) -> AsyncIterator[Contact]:
        """Every contact of the address book, page by page.

        ``name``: first or last name contains it (any case); ``sort_by``: ``date_created:asc`` (default),
        ``date_created:desc``, ``name:asc``, ``name:desc``; ``list_sids``: only contacts of these lists;
        ``show_lists``: each contact carries ``lists``.
        """
        sids = None if list_sids is None else list(list_sids)

        async def fetch(offset: int, limit: int) -> Page[Contact]:
            return await self.list_contacts(
                offset=offset, limit=limit, name=name, sort_by=sort_by, list_sids=sids, show_lists=show_lists
            )

        async for page in lists.pages(fetch, page_size=page_size):
            for contact in page.items:
                yield contact

    async def get_contact(self, contact_sid: str, *, show_lists: bool = False) -> Contact:
        """One contact; :class:`~exotel_contacts.NotFoundError` when there is none."""
        operation = requests.get_contact(
            self._config.account_sid,
            inputs.sid(contact_sid, "contact_sid"),
            filter_=inputs.show_lists(show_lists),
        )
        return await self._send(operation.then(answers.data(Contact, "contact")))

    async def update_contact(
        self, contact_sid: str, fields: ContactUpdate | Mapping[str, Any] | None = None, **changes: Any
    ) -> Contact:
        """Change some fields of a contact (``update_contact(sid, first_name="X")``); None clears one.

        Replay-safe. :class:`~exotel_contacts.ConflictError` when the new number is another contact's.
        """
        body = inputs.partial(inputs.fields(fields, changes), ContactUpdate)
        operation = requests.update_contact(
            self._config.account_sid, inputs.sid(contact_sid, "contact_sid"), body=body
        )
        return await self._send(operation.then(answers.data(Contact, "contact")))

    async def update_contacts(
        self, changes: Sequence[ContactPatch | Mapping[str, Any]]
    ) -> CreateContactsResponse:
        """Update up to 5000 contacts (each change names its ``sid``); the 207 has one item per change."""
        found = inputs.patches(changes, ContactPatch, "contacts")
        operation = requests.update_contacts(
            self._config.account_sid, body=UpdateContactsRequest(contacts=found)
        )
        return await self._send(operation.then(answers.items("updateContacts", len(found))))

    async def delete_contact(self, contact_sid: str) -> Contact | None:
        """Delete a contact (it leaves every list); the contact as it was.

        ``None`` when a replay after a lost answer found it gone (the lost attempt deleted it).
        """
        operation = requests.delete_contact(self._config.account_sid, inputs.sid(contact_sid, "contact_sid"))
        return await self._send(operation.then(answers.data_or_none(Contact, "contact")))

    # ---- lists -----------------------------------------------------------------------------------

    def _create_lists(
        self, lists: Sequence[ListCreate | Mapping[str, Any] | str]
    ) -> Operation[ListsMultiStatus]:
        found = inputs.list_creates(lists)
        operation = requests.create_lists(self._config.account_sid, body=CreateListsRequest(lists=found))
        return operation.then(answers.items("createLists", len(found)))

    async def create_lists(self, lists: Sequence[ListCreate | Mapping[str, Any] | str]) -> ListsMultiStatus:
        """Create up to 5000 lists (names or ``{"name", "tag"}``); the 207 has one item per list.

        A taken name is an item with code 409 (after a replay: possibly the lost attempt's own list).
        """
        return await self._send(self._create_lists(lists))

    async def create_list(self, name: str, *, tag: str | None = None, exist_ok: bool = False) -> ContactList:
        """Create one list. A taken name raises :class:`~exotel_contacts.ConflictError`, unless
        ``exist_ok`` or the request was replayed after a lost answer: then the list of that name."""
        given: dict[str, Any] = {"name": name} if tag is None else {"name": name, "tag": tag}
        sent = await self._send_counted(self._create_lists([given]))
        item = sent.value.response[0]
        if item.code == 200 and isinstance(item.data, ContactList):
            return item.data
        # A taken name after a replay is most likely the lost attempt's list (openapi.yaml's rule).
        ours = sent.replayed and OPERATIONS["createLists"].after_replay.get(409) == "ours"
        if item.code == 409 and (exist_ok or ours):
            found = await self.find_list(name)
            if found is not None:
                return found
        raise _item_error(item, f"List {name!r} was not created")

    async def list_lists(
        self,
        *,
        offset: int = 0,
        limit: int = _PAGE,
        name: str | None = None,
        sort_by: str | SortOrder | None = None,
    ) -> Page[ContactList]:
        """One page of the account's lists (``limit`` at most 20)."""
        inputs.paging(offset, limit)
        operation = requests.list_lists(
            self._config.account_sid,
            offset=offset,
            limit=limit,
            name=inputs.text(name, "name"),
            sort_by=inputs.sort(sort_by),
        )
        return await self._send(operation.then(answers.page(ContactList, "lists page")))

    async def iter_lists(
        self, *, name: str | None = None, sort_by: str | SortOrder | None = None, page_size: int = _PAGE
    ) -> AsyncIterator[ContactList]:
        """Every list of the account (``name``: the list name contains it, any case), page by page."""

        async def fetch(offset: int, limit: int) -> Page[ContactList]:
            return await self.list_lists(offset=offset, limit=limit, name=name, sort_by=sort_by)

        async for page in lists.pages(fetch, page_size=page_size):
            for found in page.items:
                yield found

    async def find_list(self, name: str) -> ContactList | None:
        """The list named exactly ``name``, or None."""
        async for found in self.iter_lists(name=name):
            if found.name == name:
                return found
        return None

    async def get_list(self, list_sid: str) -> ContactList:
        """One list with its ``contact_count``; :class:`~exotel_contacts.NotFoundError` when there is none."""
        operation = requests.get_list(self._config.account_sid, inputs.sid(list_sid, "list_sid"))
        return await self._send(operation.then(answers.data(ContactList, "list")))

    async def update_list(
        self, list_sid: str, fields: ListUpdate | Mapping[str, Any] | None = None, **changes: Any
    ) -> ContactList:
        """Rename or re-tag a list (``update_list(sid, name="new")``); replay-safe."""
        body = inputs.partial(inputs.fields(fields, changes), ListUpdate)
        operation = requests.update_list(
            self._config.account_sid, inputs.sid(list_sid, "list_sid"), body=body
        )
        return await self._send(operation.then(answers.data(ContactList, "list")))

    async def update_lists(self, changes: Sequence[ListPatch | Mapping[str, Any]]) -> ListsMultiStatus:
        """Update up to 5000 lists (each change names its ``sid``); the 207 has one item per change."""
        found = inputs.patches(changes, ListPatch, "lists")
        operation = requests.update_lists(self._config.account_sid, body=UpdateListsRequest(lists=found))
        return await self._send(operation.then(answers.items("updateLists", len(found))))

    async def delete_list(self, list_sid: str) -> ContactList | None:
        """Delete a list (its contacts stay); the list as it was, ``None`` when a replay found it gone."""
        operation = requests.delete_list(self._config.account_sid, inputs.sid(list_sid, "list_sid"))
        return await self._send(operation.then(answers.data_or_none(ContactList, "list")))

    # ---- membership ------------------------------------------------------------------------------

    async def add_contacts_to_list(
        self, list_sid: str, contact_sids: Sequence[str]
    ) -> MembershipsMultiStatus:
        """Add up to 5000 existing contacts to a list in one request; the 207 has one item per sid."""
        return await self._send(
            add_contacts_to_list_request(self._config.account_sid, list_sid, contact_sids)
        )

    async def add_to_list(
        self,
        list_sid: str,
        contact_sids: Iterable[str],
        *,
        chunk_size: int = answers.MAX_BULK_ITEMS,
        concurrency: int = lists.DEFAULT_LIST_CONCURRENCY,
        on_progress: Callable[[AddToListProgress], object] | None = None,
    ) -> AddToListResult:
        """Add any number of contacts to a list: chunks of at most 5000, ``concurrency`` at once.

        One :class:`~exotel_contacts.MemberResult` per input, in input order: ``added``,
        ``already_member`` (the list held it; membership is a set, so replays are safe), ``failed``
        (no such contact, the list is full, a bad sid) or ``unknown`` (the answer was lost).
        """
        return await lists.add_to_list(
            self,
            list_sid,
            contact_sids,
            chunk_size=chunk_size,
            concurrency=concurrency,
            on_progress=on_progress,
        )

    async def list_list_contacts(
        self, list_sid: str, *, offset: int = 0, limit: int = _PAGE
    ) -> Page[Contact]:
        """One page of a list's contacts, in the order they joined it."""
        operation = list_list_contacts_request(self._config.account_sid, list_sid, offset=offset, limit=limit)
        return await self._send(operation)

    async def iter_list_contacts(self, list_sid: str, *, page_size: int = _PAGE) -> AsyncIterator[Contact]:
        """Every contact of a list, page by page."""

        async def fetch(offset: int, limit: int) -> Page[Contact]:
            return await self.list_list_contacts(list_sid, offset=offset, limit=limit)

        async for page in lists.pages(fetch, page_size=page_size):
            for contact in page.items:
                yield contact

    async def remove_contact_from_list(self, list_sid: str, contact_sid: str) -> ListMembership | None:
        """Take a contact out of a list (it stays in the address book); ``None`` when a replay found it
        out already."""
        operation = remove_contact_from_list_request(self._config.account_sid, list_sid, contact_sid)
        return await self._send(operation)

    async def sync_list(
        self,
        list_sid: str,
        numbers: Iterable[str],
        *,
        dry_run: bool = False,
        default_region: str | None = None,
        strict: bool = False,
        concurrency: int = lists.DEFAULT_LIST_CONCURRENCY,
        on_progress: Callable[[SyncProgress], object] | None = None,
    ) -> SyncListResult:
        """Make the list hold exactly ``numbers``: create the contacts the address book lacks, add the
        missing members, remove the others (their contacts stay).

        Numbers are E.164 or, with ``default_region``, national (the import's rule); repeats count once.
        The sids of numbers that exist outside the list are found by reading the address book (20 a
        page, only as far as needed). ``dry_run`` changes nothing and returns the plan. The result names
        every change and every failure (``result.ok``: the list now holds exactly the numbers).
        """
        with _otel.job_span("list_sync", dry_run=dry_run) as span:
            result = await lists.sync_list(
                self,
                list_sid,
                numbers,
                dry_run=dry_run,
                default_region=default_region,
                strict=strict,
                concurrency=concurrency,
                on_progress=on_progress,
            )
            _otel.report_sync(span, result)
        return result
