"""The list workflows: paging, ``add_to_list`` of any size and ``sync_list``. Each page, chunk and removal
is one (replay-safe) operation sent through the client, under its rate limiter and retries."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from exotel_contacts.base._async._primitives import Window
from exotel_contacts.base.exceptions import (
    BulkAbortedError,
    ExotelError,
    InvalidInputError,
    InvalidResponseError,
    NotFoundError,
    OutcomeUnknownError,
    StoreUnavailableError,
)
from exotel_contacts.base.outcomes import BULK_FATAL, may_have_acted
from exotel_contacts.operations.answers import MAX_BULK_ITEMS, MAX_PAGE_SIZE, Page
from exotel_contacts.operations.inputs import sid as check_sid
from exotel_contacts.operations.requests import (
    add_contacts_to_list_request,
    list_contacts_request,
    list_list_contacts_request,
    remove_contact_from_list_request,
)

from ..chunking import check_chunking
from ..lists import (
    AddToListProgress,
    AddToListResult,
    SyncChange,
    SyncFailure,
    SyncListResult,
    SyncProgress,
    wanted_numbers,
)

if TYPE_CHECKING:
    from exotel_contacts_api.models import Contact

__all__ = ["DEFAULT_LIST_CONCURRENCY", "add_to_list", "member_pages", "pages", "sync_list"]

PageT = TypeVar("PageT", bound=Page[Any])
T = TypeVar("T")

#: Requests in flight at once for chunks and removals by default (as bulk create).
DEFAULT_LIST_CONCURRENCY = 4


async def pages(
    fetch: Callable[[int, int], Awaitable[PageT]], *, page_size: int = MAX_PAGE_SIZE
) -> AsyncIterator[PageT]:
    """Every page of a listing, by offset, until a short page or the server's total.

    A server that ignores ``offset`` (the same first record twice) raises
    :class:`~exotel_contacts.InvalidResponseError` instead of paging forever.
    """
    offset = 0
    first: object = None
    while True:
        page = await fetch(offset, page_size)
        if page.items:
            head = getattr(page.items[0], "sid", page.items[0])
            if offset and head == first:
                raise InvalidResponseError(f"The listing answered the same page for offset {offset}")
            first = head
        yield page
        if not page.items or not page.has_more:
            return
        offset += len(page.items)


async def _at_most(
    concurrency: int,
    name: str,
    todo: Iterator[T],
    send: Callable[[T], Coroutine[Any, Any, ExotelError | None]],
    after: Callable[[], object] = lambda: None,
) -> ExotelError | None:
    """``send`` each of ``todo``, ``concurrency`` at once, until one returns an error that stops the job
    (returned; what was not started stays in ``todo``); ``after`` runs after each batch that ends."""
    stop: ExotelError | None = None
    async with Window[ExotelError | None](concurrency, name=name) as window:
        while True:
            while stop is None and window.has_room and (item := next(todo, None)) is not None:
                window.start(send, item)
            if not window:
                return stop
            for error in await window.next_done():
                stop = stop or error
            after()


async def _send_chunk(
    client: Any, result: AddToListResult, given: list[str], indexes: list[int]
) -> ExotelError | None:
    """Send ``given``'s chunk at ``indexes``; its outcomes into ``result``; the error that stops the job."""
    sids = [given[i] for i in indexes]
    operation = add_contacts_to_list_request(client._config.account_sid, result.list_sid, sids)
    try:
        answer = await client._send(operation)
    except ExotelError as error:
        result.chunk_failed(indexes, sids, error)
        # The list does not exist (404 for the request) or the credentials fail: every chunk would.
        fatal = isinstance(error, BULK_FATAL) and not isinstance(error, OutcomeUnknownError)
        # The shared quota's Redis stayed away past redis_outage: every chunk would wait the same.
        return error if fatal or isinstance(error, StoreUnavailableError) else None
    result.chunk_answered(indexes, sids, answer)
    return None


async def add_to_list(
    client: Any,
    list_sid: str,
    contact_sids: Iterable[str],
    *,
    chunk_size: int = MAX_BULK_ITEMS,
    concurrency: int = DEFAULT_LIST_CONCURRENCY,
    on_progress: Callable[[AddToListProgress], object] | None = None,
) -> AddToListResult:
    """Add any number of contacts to a list: chunks of ``chunk_size`` (at most 5000), ``concurrency`` at once.

    Every input gets one :class:`~exotel_contacts.MemberResult`; after a fatal error (bad credentials,
    no such list) the chunks not yet sent are reported ``failed`` ("not sent") and ``result.aborted``
    holds the error.
    """
    check_chunking(chunk_size, concurrency, max_chunk_size=MAX_BULK_ITEMS)
    if isinstance(contact_sids, str | bytes):
        raise InvalidInputError("contact_sids must be an iterable of contact sids, not one string")
    given = list(contact_sids)
    result = AddToListResult(list_sid, len(given))
    valid = []
    for position, sid in enumerate(given):
        try:
            check_sid(sid, "a contact sid")
        except InvalidInputError:
            result.not_sent(position, sid, "not a contact sid")
        else:
            valid.append(position)
    chunks = [valid[i : i + chunk_size] for i in range(0, len(valid), chunk_size)]
    todo = iter(chunks)
    send = functools.partial(_send_chunk, client, result, given)
    progress = (lambda: None) if on_progress is None else (lambda: on_progress(result.progress()))
    result.aborted = await _at_most(concurrency, "exotel-add-to-list", todo, send, progress)
    result.requests = len(chunks)
    if result.aborted is not None:
        for chunk in todo:
            result.requests -= 1
            result.chunk_skipped(chunk, [given[i] for i in chunk], result.aborted)
    return result


def _listing(client: Any, request: Callable[..., Any], *args: str) -> AsyncIterator[Page[Any]]:
    account = client._config.account_sid
    return pages(lambda offset, limit: client._send(request(account, *args, offset=offset, limit=limit)))


def member_pages(client: Any, list_sid: str) -> AsyncIterator[Page[Contact]]:
    """The pages of a list's members, in the order they joined."""
    return _listing(client, list_list_contacts_request, list_sid)


async def _lookup(client: Any, numbers: set[str]) -> tuple[dict[str, str], int]:
    """The sids of ``numbers`` in the address book (paged until all are found); and the pages read."""
    found: dict[str, str] = {}
    read = 0
    if numbers:
        async for page in _listing(client, list_contacts_request):
            read += 1
            found.update((c.number, c.sid) for c in page.items if c.number in numbers)
            if len(found) == len(numbers):
                break
    return found, read


@dataclasses.dataclass
class _Sync:
    """One ``sync_list`` run: the changes and failures so far (kept when a stage stops it)."""

    client: Any
    list_sid: str
    concurrency: int
    on_progress: Callable[[SyncProgress], object] | None
    failures: list[SyncFailure]
    sids: dict[str, str] = dataclasses.field(default_factory=dict)
    created: list[SyncChange] = dataclasses.field(default_factory=list)
    added: list[SyncChange] = dataclasses.field(default_factory=list)
    removed: list[SyncChange] = dataclasses.field(default_factory=list)
    pages_read: int = 0

    def tell(self, stage: str, total: int) -> None:
        if self.on_progress is not None:
            self.on_progress(SyncProgress(stage, 0, total))  # type: ignore[arg-type]

    async def create_missing(self, missing: list[str]) -> None:
        """Create the missing numbers (their sids into ``sids``), then look up those that existed."""
        self.tell("creating", len(missing))
        stopped: BulkAbortedError | None = None
        try:
            bulk = await self.client.create_contacts_bulk(
                [{"number": n} for n in missing], concurrency=self.concurrency
            )
        except BulkAbortedError as error:
            bulk, stopped = error.result, error  # what was done before the stop is in its result
        look_for: dict[str, bool] = {}
        for outcome in bulk:
            number = missing[outcome.index]
            if outcome.outcome == "created" and outcome.sid:
                self.sids[number] = outcome.sid
                self.created.append(SyncChange("create", number, outcome.sid))
            elif outcome.outcome in ("already_existed", "unknown"):
                # In the address book (or maybe, after a lost answer): find its sid.
                look_for[number] = outcome.outcome == "unknown"
            else:
                reason = outcome.reason or "not created"
                self.failures.append(
                    SyncFailure("create", number, None, reason, outcome.status_code, outcome.code)
                )
        if stopped is not None:
            why = stopped.error.message
            self.failures.extend(
                SyncFailure("create", number, None, f"not looked up: {why}", unknown=unknown)
                for number, unknown in look_for.items()
            )
            self.failures.extend(
                SyncFailure("create", number, None, f"not created: {why}") for number in missing[bulk.total :]
            )
            raise stopped.error
        self.tell("looking_up", len(look_for))
        found, self.pages_read = await _lookup(self.client, set(look_for))
        self.sids.update(found)
        self.failures.extend(
            SyncFailure("lookup", number, None, "Not created, and not found in the address book")
            for number in sorted(look_for.keys() - found.keys())
        )

    async def add_missing(self, to_add: list[tuple[str, str]]) -> None:
        """Add the found sids to the list; raise the error that stopped it, if any."""
        self.tell("adding", len(to_add))
        if not to_add:
            return
        sids = [sid for _, sid in to_add]
        result = await add_to_list(self.client, self.list_sid, sids, concurrency=self.concurrency)
        for (number, sid), member in zip(to_add, result, strict=True):
            if member.is_member:
                self.added.append(SyncChange("add", number, sid))
                continue
            reason = member.reason or str(member.outcome)
            unknown = member.outcome == "unknown"
            failure = SyncFailure("add", number, sid, reason, member.status_code, member.code, unknown)
            self.failures.append(failure)
        if result.aborted is not None:
            raise result.aborted

    async def _remove(self, pair: tuple[str, str]) -> ExotelError | None:
        """Take one member out (its failure into ``failures``); the error that stops the sync, if any."""
        number, sid = pair
        request = remove_contact_from_list_request(self.client._config.account_sid, self.list_sid, sid)
        try:
            await self.client._send(request)
        except NotFoundError:
            pass  # gone already: the list does not hold it, which is what was asked
        except StoreUnavailableError as error:
            # Nothing was sent, and every other removal would wait the same: sync_list stops.
            self.failures.append(SyncFailure("remove", number, sid, f"not removed: {error.message}"))
            return error
        except ExotelError as error:
            unknown = may_have_acted(error)
            self.failures.append(
                SyncFailure("remove", number, sid, error.message, error.status_code, error.code, unknown)
            )
        return None

    async def remove_extra(self, extra: list[tuple[str, str]]) -> None:
        """Take the extra members out; raise the error that stopped it, if any."""
        self.tell("removing", len(extra))
        todo = iter(extra)
        stop = await _at_most(self.concurrency, "exotel-sync-list", todo, self._remove)
        unsent = list(todo)
        failed = {failure.contact_sid for failure in self.failures if failure.stage == "remove"}
        started = extra[: len(extra) - len(unsent)]
        self.removed.extend(SyncChange("remove", number, sid) for number, sid in started if sid not in failed)
        if stop is not None:
            self.failures.extend(
                SyncFailure("remove", number, sid, f"not removed: {stop.message}") for number, sid in unsent
            )
            raise stop


async def sync_list(
    client: Any,
    list_sid: str,
    numbers: Iterable[str],
    *,
    dry_run: bool = False,
    default_region: str | None = None,
    strict: bool = False,
    concurrency: int = DEFAULT_LIST_CONCURRENCY,
    on_progress: Callable[[SyncProgress], object] | None = None,
) -> SyncListResult:
    """Make the list hold exactly ``numbers`` (see ``AsyncClient.sync_list``)."""
    check_chunking(MAX_BULK_ITEMS, concurrency, max_chunk_size=MAX_BULK_ITEMS)
    if isinstance(numbers, str | bytes):
        raise InvalidInputError("numbers must be an iterable of phone numbers, not one string")
    wanted, failures = wanted_numbers(numbers, default_region=default_region, strict=strict)
    run = _Sync(client, list_sid, concurrency, on_progress, failures)
    run.tell("reading", 0)
    # Reading the list changes nothing: an error here is raised as it is.
    # Only numbers and sids are kept of each member (lists hold 500,000).
    members = [(c.number, c.sid) async for page in member_pages(client, list_sid) for c in page.items]
    held = dict(members)
    missing = [number for number in wanted if number not in held]
    extra = [(number, sid) for number, sid in members if number not in wanted]
    aborted: ExotelError | None = None
    if dry_run:
        run.tell("looking_up", len(missing))
        run.sids, run.pages_read = await _lookup(client, set(missing))
        run.created = [SyncChange("create", n, None) for n in missing if n not in run.sids]
        run.added = [SyncChange("add", n, run.sids.get(n)) for n in missing]
        run.removed = [SyncChange("remove", n, sid) for n, sid in extra]
    else:
        # From here on changes are made: whatever stops the sync, the result says what was done.
        try:
            if missing:
                await run.create_missing(missing)
            await run.add_missing([(n, run.sids[n]) for n in missing if n in run.sids])
            await run.remove_extra(extra)
        except ExotelError as error:
            aborted = error
    run.tell("done", 0)
    return SyncListResult(
        list_sid,
        dry_run,
        tuple(run.created),
        tuple(run.added),
        tuple(run.removed),
        len(wanted) - len(missing),
        tuple(run.failures),
        run.pages_read,
        aborted,
    )
