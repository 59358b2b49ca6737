"""``exotel-contacts journals ...``: the job journals kept in Redis (``--journal redis:JOB_ID``): ls, rm."""

from __future__ import annotations

from typing import Annotated

import typer

from exotel_contacts.base.exceptions import ConfigurationError, InvalidInputError

from ._app import CommandResult, Output, client_options, command_app, json_command

__all__ = ["journals_app"]

app = journals_app = command_app("journals")


def _redis_url(ctx: typer.Context) -> str:
    url = client_options(ctx).get("redis_url")
    if not url:
        raise ConfigurationError(
            "No Redis to read journals from",
            how_to_fix="Pass --redis-url before the command (or set EXOTEL_REDIS_URL)",
        )
    return str(url)


@json_command(app, "ls", sends=False)
def list_journals(ctx: typer.Context) -> CommandResult:
    """List the journals in Redis: job id, kind, steps, when it expires, whether a worker holds it."""
    import attrs

    from exotel_contacts.workflows.journal_redis import list_journals as found

    journals = found(_redis_url(ctx))
    names = {"expires_in": "expires_in_seconds"}  # the --json key says its unit
    rows = [{names.get(k, k): v for k, v in attrs.asdict(info).items()} for info in journals]

    def render(console: Output) -> None:
        if not journals:
            console.line("No journals.")
        for info in journals:
            when = "never" if info.expires_in is None else f"in {info.expires_in / 3600:.1f} h"
            held = "held by a worker" if info.held else "not held"
            console.line(f"{info.job_id}  {info.kind}  {info.steps} steps  expires {when}  {held}")

    return CommandResult({"journals": rows}, render=render)


@json_command(app, "rm", sends=False)
def remove_journal(
    ctx: typer.Context,
    job_id: Annotated[str, typer.Argument(help="The job id (as in --journal redis:JOB_ID).")],
    force: Annotated[
        bool, typer.Option("--force", help="Remove it even while a worker holds it (that worker then stops).")
    ] = False,
) -> CommandResult:
    """Remove a journal from Redis (a job run again with it then starts from nothing)."""
    from exotel_contacts.workflows.journal_redis import remove_journal as remove
    from exotel_contacts.workflows.journal_spec import RedisJournal

    RedisJournal(job_id)  # the same check of the id as when a job is run
    if not remove(_redis_url(ctx), job_id, force=force):
        raise InvalidInputError(f"There is no journal {job_id!r} in Redis")
    return CommandResult(
        {"removed": job_id}, render=lambda console: console.line(f"Removed the journal {job_id}.")
    )
