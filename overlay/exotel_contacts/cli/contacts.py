"""``exotel-contacts contacts ...``: the Campaign address book: ls, show, update, rm."""

from __future__ import annotations

import itertools
from typing import Annotated, Any

import typer

from exotel_contacts.base.exceptions import InvalidInputError

from ._app import CONTACT_COLUMNS, CommandResult, cell, command_app, json_command, make_client
from ._shared_options import DryRunOption, SortOption, YesOption, confirm

__all__ = ["contacts_app"]

app = contacts_app = command_app("contacts")

SidArgument = Annotated[str, typer.Argument(help="The contact's sid.")]
_FIELDS = ("number", "first_name", "last_name", "company_name", "email", "tag")  # what update changes
ShowListsOption = Annotated[
    bool, typer.Option("--show-lists", help="Also show the lists holding each contact.")
]


@json_command(contacts_app, "ls")
def ls(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Option(help="Only contacts whose first or last name contains this.")
    ] = None,
    list_sid: Annotated[
        list[str] | None, typer.Option("--list", help="Only contacts of this list (sid; repeat for more).")
    ] = None,
    sort_by: SortOption = None,
    show_lists: ShowListsOption = False,
    max_records: Annotated[
        int | None, typer.Option("--max", min=1, help="Stop after this many contacts (default: all pages).")
    ] = None,
) -> CommandResult:
    """The contacts of the address book, every page (20 a request) unless --max."""
    with make_client(ctx) as client:
        found = client.iter_contacts(name=name, list_sids=list_sid, sort_by=sort_by, show_lists=show_lists)
        records = [c.to_dict() for c in itertools.islice(found, max_records)]
    columns = (*CONTACT_COLUMNS, "lists") if show_lists else CONTACT_COLUMNS
    shown = [{**r, "lists": ", ".join(x["name"] for x in r.get("lists", []))} for r in records]
    return CommandResult(
        {"contacts": records}, render=lambda out: out.records(f"contacts ({len(records)})", shown, columns)
    )


@json_command(contacts_app, "show")
def show(ctx: typer.Context, sid: SidArgument, show_lists: ShowListsOption = False) -> CommandResult:
    """One contact."""
    with make_client(ctx) as client:
        data = client.get_contact(sid, show_lists=show_lists).to_dict()
    return CommandResult({"contact": data}, render=lambda out: out.record("contact", data))


@json_command(contacts_app, "update")
def update(
    ctx: typer.Context,
    sid: SidArgument,
    number: Annotated[str | None, typer.Option(help="New number (E.164).")] = None,
    first_name: Annotated[str | None, typer.Option(help="New first name.")] = None,
    last_name: Annotated[str | None, typer.Option(help="New last name.")] = None,
    company_name: Annotated[str | None, typer.Option(help="New company name.")] = None,
    email: Annotated[str | None, typer.Option(help="New email address.")] = None,
    tag: Annotated[str | None, typer.Option(help="New tag.")] = None,
) -> CommandResult:
    """Change some fields of a contact (the others stay)."""
    changes: dict[str, Any] = {k: v for k, v in ctx.params.items() if k in _FIELDS and v is not None}
    if not changes:
        raise InvalidInputError("give at least one field to change, e.g. --first-name NAME")
    with make_client(ctx) as client:
        data = client.update_contact(sid, changes).to_dict()
    return CommandResult({"contact": data}, render=lambda out: out.record("contact", data))


@json_command(contacts_app, "rm")
def rm(
    ctx: typer.Context, sid: SidArgument, yes: YesOption = False, dry_run: DryRunOption = False
) -> CommandResult:
    """Delete a contact; it leaves every list that held it. Asks first on a terminal; else needs --yes."""
    with make_client(ctx) as client:
        if dry_run or not yes:
            shown = client.get_contact(sid).to_dict()
            line = " ".join(str(shown.get(k) or "") for k in ("first_name", "last_name")).strip()
            line = f"contact {sid} {shown.get('number') or ''} {line}".strip()
            if dry_run:
                return CommandResult(
                    {"would_delete": shown}, render=lambda out: out.line(f"would delete {cell(line)}")
                )
            confirm("delete 1 contact (it leaves every list)", [line], yes=yes)
        deleted = client.delete_contact(sid)
    data = deleted.to_dict() if deleted is not None else {"sid": sid}
    return CommandResult({"deleted": data}, render=lambda out: out.line(f"deleted contact {cell(sid)}"))
