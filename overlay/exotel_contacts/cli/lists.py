"""``exotel-contacts lists ...``: Campaign lists: create, ls, show, rm, add (contacts), sync (numbers)."""

from __future__ import annotations

import csv
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from exotel_contacts.base.exceptions import InvalidInputError, NotFoundError
from exotel_contacts.core.local_paths import check_input_file

from ._app import (
    CONTACT_COLUMNS,
    EXIT_OK,
    EXIT_ROWS_FAILED,
    CommandResult,
    JsonOption,
    Output,
    PartialResult,
    cell,
    command_app,
    json_command,
    make_client,
)
from ._shared_options import DefaultRegionOption, DryRunOption, SortOption, StrictOption, YesOption, confirm

if TYPE_CHECKING:
    from exotel_contacts.client._sync.client import Client
    from exotel_contacts.workflows.lists import AddToListResult
    from exotel_contacts_api.models import ContactList

__all__ = ["lists_app"]

app = lists_app = command_app("lists")

_SHOWN = 20
_COLUMNS = ("sid", "name", "tag", "contact_count", "date_created")
ListArgument = Annotated[str, typer.Argument(help="The list's sid, or its exact name.")]


def resolve(client: Client, given: str) -> ContactList:
    """The list with this sid, else the list with this exact name."""
    from exotel_contacts.operations.inputs import MAX_SID_LENGTH

    if len(given) <= MAX_SID_LENGTH:
        try:
            return client.get_list(given)
        except NotFoundError:
            pass
    found = client.find_list(given)
    if found is None:
        raise NotFoundError(f"No list with the sid or name {given!r}", status_code=404)
    return found


@json_command(lists_app, "create")
def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The new list's name (unique in the account).")],
    tag: Annotated[str | None, typer.Option(help="A tag for the list.")] = None,
    exist_ok: Annotated[
        bool, typer.Option("--exist-ok", help="A list of this name already: show it.")
    ] = False,
) -> CommandResult:
    """Create a static list (at most 100,000 contacts)."""
    with make_client(ctx) as client:
        data = client.create_list(name, tag=tag, exist_ok=exist_ok).to_dict()
    return CommandResult({"list": data}, render=lambda out: out.record("list", data))


@json_command(lists_app, "ls")
def ls(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(help="Only lists whose name contains this text.")] = None,
    sort_by: SortOption = None,
) -> CommandResult:
    """Every list of the account with its contact count (all pages)."""
    with make_client(ctx) as client:
        found = [item.to_dict() for item in client.iter_lists(name=name, sort_by=sort_by)]
    return CommandResult(
        {"lists": found}, render=lambda out: out.records(f"lists ({len(found)})", found, _COLUMNS)
    )


@json_command(lists_app, "show")
def show(
    ctx: typer.Context,
    target: ListArgument,
    contacts: Annotated[bool, typer.Option("--contacts", help="Also list its contacts (all pages).")] = False,
) -> CommandResult:
    """One list, and with --contacts its members."""
    with make_client(ctx) as client:
        found = resolve(client, target)
        members = [c.to_dict() for c in client.iter_list_contacts(found.sid)] if contacts else None
    data = found.to_dict()
    document: dict[str, Any] = {"list": data}
    if members is not None:
        document["contacts"] = members

    def render(out: Output) -> None:
        out.record("list", data)
        if members is not None:
            out.records(f"contacts ({len(members)})", members, CONTACT_COLUMNS)

    return CommandResult(document, render=render)


def _list_line(found: ContactList) -> str:
    count = getattr(found, "contact_count", None)
    members = f", {count} contacts" if isinstance(count, int) else ""
    return f"list {found.name!r} ({found.sid}{members}; the contacts stay)"


@json_command(lists_app, "rm")
def rm(
    ctx: typer.Context, target: ListArgument, yes: YesOption = False, dry_run: DryRunOption = False
) -> CommandResult:
    """Delete a list; its contacts stay in the address book. Asks first on a terminal; else needs --yes."""
    with make_client(ctx) as client:
        found = resolve(client, target)
        if dry_run:
            line = f"would delete {cell(_list_line(found))}"
            return CommandResult({"would_delete": found.to_dict()}, render=lambda out: out.line(line))
        confirm("delete 1 list", [_list_line(found)], yes=yes)
        deleted = client.delete_list(found.sid)
    data = (deleted if deleted is not None else found).to_dict()
    return CommandResult({"deleted": data}, render=lambda out: out.line(f"deleted list {cell(data['name'])}"))


def _sids_from(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig") as handle:
        return [line.strip() for line in handle if line.strip()]


def _added(result: AddToListResult) -> CommandResult:
    problems = [r._asdict() | {"outcome": str(r.outcome)} for r in result if not r.is_member]
    document = {"add": {**result.summary(), "problems": problems}}

    def render(out: Output) -> None:
        out.record("added to the list", {k: v for k, v in result.summary().items() if v is not None})
        if problems:
            columns = ("position", "contact_sid", "outcome", "status_code", "reason")
            out.records(f"not added ({len(problems)})", problems[:_SHOWN], columns)

    return CommandResult(document, EXIT_ROWS_FAILED if problems else EXIT_OK, render)


@json_command(lists_app, "add")
def add(
    ctx: typer.Context,
    target: ListArgument,
    contact_sids: Annotated[list[str] | None, typer.Argument(help="Contact sids to add.")] = None,
    from_file: Annotated[
        Path | None,
        typer.Option("--from-file", help="A file of contact sids, one a line."),
    ] = None,
    json_out: JsonOption = False,
) -> CommandResult:
    """Add existing contacts to a list, any number (requests of up to 5000); report each one."""
    if from_file is not None:
        check_input_file(from_file, what="--from-file")
    sids = [*(contact_sids or []), *(_sids_from(from_file) if from_file else [])]
    if not sids:
        raise InvalidInputError("give contact sids, or --from-file with one sid a line")
    from ._progress import ListDisplay  # the import stack loads when the command runs

    with make_client(ctx) as client, ListDisplay.shown(quiet=json_out) as display:
        found = resolve(client, target)
        result = client.add_to_list(found.sid, sids, on_progress=display)
    if result.aborted is not None:
        # What was added before the stop is printed in full, then the error that stopped it.
        raise PartialResult(result.aborted, _added(result))
    return _added(result)


def _numbers_from(path: Path) -> list[str]:
    """Phone numbers from a CSV with a number or phone_number column, or one number a line."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = handle.read().splitlines()
    if not lines:
        return []
    header = [cell.strip().lower() for cell in next(csv.reader([lines[0]]))]
    column = next((header.index(name) for name in ("number", "phone_number") if name in header), None)
    if column is None:
        return [line.strip() for line in lines if line.strip()]
    return [row[column].strip() for row in csv.reader(lines[1:]) if len(row) > column and row[column].strip()]


@json_command(lists_app, "sync")
def sync(
    ctx: typer.Context,
    target: ListArgument,
    file: Annotated[
        Path,
        typer.Argument(
            help="The numbers the list must hold: a CSV with a number (or phone_number) column,"
            " or one number a line.",
        ),
    ],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Change nothing; show the plan.")] = False,
    yes: YesOption = False,
    default_region: DefaultRegionOption = None,
    strict: StrictOption = False,
    json_out: JsonOption = False,
) -> CommandResult:
    """Make a list hold exactly the numbers of FILE: create missing contacts, add missing members,
    remove the others (their contacts stay). Every change and failure is listed. When members would be
    removed it asks first on a terminal; else it needs --yes."""
    numbers = _numbers_from(check_input_file(file, what="number file"))
    from ._progress import ListDisplay  # the import stack loads when the command runs

    with make_client(ctx) as client, ListDisplay.shown(quiet=json_out) as display:
        found = resolve(client, target)
        sync_to = functools.partial(
            client.sync_list, found.sid, numbers, default_region=default_region, strict=strict
        )
        if not dry_run and not yes:
            # The plan first: removals are shown and confirmed before anything changes.
            plan = sync_to(dry_run=True)
            if plan.removed:
                gone = [f"{c.number} ({c.contact_sid})" for c in plan.removed]
                confirm(f"remove {len(gone)} members from list {found.name!r}", gone, yes=yes)
        result = sync_to(dry_run=dry_run, on_progress=display)

    def render(out: Output) -> None:
        out.record("plan (dry run: nothing changed)" if dry_run else "sync", result.summary())
        changes = [c._asdict() for c in (*result.created, *result.added, *result.removed)]
        if changes:
            out.records("changes", changes, ("action", "number", "contact_sid"))
        if result.failures:
            failures = [f._asdict() for f in result.failures]
            out.records(f"failures ({len(failures)})", failures, ("stage", "number", "reason", "unknown"))

    outcome = CommandResult({"sync": result.to_dict()}, EXIT_OK if result.ok else EXIT_ROWS_FAILED, render)
    if result.aborted is not None:
        raise PartialResult(result.aborted, outcome)  # what was changed, then what stopped it
    return outcome
