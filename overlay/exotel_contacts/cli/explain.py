"""``exotel-contacts explain CODE``: what an Exotel code means and how to fix it."""

from __future__ import annotations

from typing import Annotated

import typer

from exotel_contacts.base.exceptions import InvalidInputError

from ._app import CommandResult, Output, command_app, json_command

__all__ = ["explain"]

app = command_app()


@json_command(app, sends=False)
def explain(
    code: Annotated[
        str,
        typer.Argument(
            help="An HTTP status, Exotel error code, upload error code, SMS/WhatsApp code or call status."
        ),
    ],
) -> CommandResult:
    """Explain a code from Exotel's error dictionary (e.g. 429, 1010, INVALID_PHONE, 23080)."""
    import attrs  # the catalog (and attrs) load when the command runs

    from exotel_contacts.core.catalog import explain as lookup

    info = lookup(code)
    if info is None:
        raise InvalidInputError(
            f"{code!r} is not in Exotel's error dictionary; check the spelling (codes are like 1010, "
            "429, INVALID_PHONE, 23080, no-answer)"
        )

    def render(console: Output) -> None:
        console.print(f"{info.code} {info.name} ({info.kind}): {info.description}", markup=False)
        if info.http_status:
            console.print(f"HTTP status: {info.http_status}")
        if info.how_to_fix:
            console.print(f"How to fix: {info.how_to_fix}", markup=False)

    return CommandResult({"code": attrs.asdict(info)}, render=render)
