"""The Campaign address book's methods that are more than one request: paging, ``create_list``, the
list workflows (mixed into the client over the methods openapi.yaml declares)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from exotel_contacts.base.exceptions import BadRequestError, ConflictError, ExotelError, NotFoundError
from exotel_contacts.core import otel as _otel
from exotel_contacts.operations import requests
from exotel_contacts.operations.answers import MAX_BULK_ITEMS
from exotel_contacts.spec.operations import OPERATIONS
from exotel_contacts.workflows._async import lists
from exotel_contacts.workflows.lists import AddToListProgress, AddToListResult, SyncListResult, SyncProgress
from exotel_contacts_api.models import ContactList

from .operations import AsyncMethods

if TYPE_CHECKING:
    from exotel_contacts.core.base_client import Sent
    from exotel_contacts.operations.operation import Operation

__all__ = ["AsyncDirectory"]

T = TypeVar("T")


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


class AsyncDirectory(AsyncMethods):
    """Contacts and lists of the Campaign address book; part of the client.

    Listings page by offset (20 a page, Exotel's maximum): ``list_*`` return one
    :class:`~exotel_contacts.Page`, ``iter_*`` every record, each page one request under the rate
    limiter and retries.
    """

    async def _send_counted(self, operation: Operation[T]) -> Sent[T]:
        raise NotImplementedError  # the client's

    async def find_list(self, name: str) -> ContactList | None:
        """The list named exactly ``name``, or None."""
        async for found in self.iter_lists(name=name):
            if found.name == name:
                return found
        return None

    async def create_list(self, name: str, *, tag: str | None = None, exist_ok: bool = False) -> ContactList:
        """Create one list. A taken name raises :class:`~exotel_contacts.ConflictError`, unless
        ``exist_ok`` or the request was replayed after a lost answer: then the list of that name."""
        given: dict[str, Any] = {"name": name} if tag is None else {"name": name, "tag": tag}
        sent = await self._send_counted(requests.create_lists_request(self._config.account_sid, [given]))
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

    async def add_to_list(
        self,
        list_sid: str,
        contact_sids: Iterable[str],
        *,
        chunk_size: int = MAX_BULK_ITEMS,
        concurrency: int = lists.DEFAULT_LIST_CONCURRENCY,
        on_progress: Callable[[AddToListProgress], object] | None = None,
    ) -> AddToListResult:
        """Add any number of contacts to a list: chunks of at most 5000, ``concurrency`` at once.

        One :class:`~exotel_contacts.MemberResult` per input, in input order (docs/guides/lists.md).
        """
        return await lists.add_to_list(
            self,
            list_sid,
            contact_sids,
            chunk_size=chunk_size,
            concurrency=concurrency,
            on_progress=on_progress,
        )

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
        missing members, remove the others (their contacts stay); ``dry_run`` returns the plan only.

        The result names every change and every failure (docs/guides/lists.md).
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
