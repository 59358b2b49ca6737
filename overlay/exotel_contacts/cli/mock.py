"""``exotel-contacts mock``: serve the stateful mock of both API families on one port."""

from __future__ import annotations

import typer

from ._app import EXIT_BAD_INPUT, command_app, stderr_console

__all__ = ["mock"]

app = command_app()


@app.command(
    add_help_option=False,
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
)
def mock(ctx: typer.Context) -> None:
    """Serve the mock (credentials from EXOTEL_ACCOUNT_SID, EXOTEL_API_KEY, EXOTEL_API_TOKEN,
    EXOTEL_ACCESS_TOKEN; defaults demo / demo-key / demo-token / demo-access-token)."""
    # The options, their checks and --help are the mock's own (exotel_contacts_mock.cli), shared
    # with `python -m exotel_contacts_mock`: this command hands its arguments over unread.
    try:
        from exotel_contacts_mock.cli import main
    except ImportError as error:
        stderr_console().print(
            f"error: the mock needs the 'mock' extra ({error.name} is missing); "
            "install it with: pip install 'exotel-contacts[mock]'"
        )
        raise typer.Exit(EXIT_BAD_INPUT) from None
    main(ctx.args, prog="exotel-contacts mock")
