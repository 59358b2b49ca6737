"""``exotel-contacts mock``: serve the stateful mock of both API families on one port."""

from __future__ import annotations

from typing import Annotated

import typer

from exotel_contacts.base.exceptions import ConfigurationError

from ._app import EXIT_BAD_INPUT, command_app, stderr_console

__all__ = ["mock"]

app = command_app()


@app.command()
def mock(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port; 0 picks a free one.")] = 8765,
    seed: Annotated[int, typer.Option(help="Seed of the fault injection (runs repeat).")] = 0,
    fault_rate: Annotated[
        float, typer.Option(help="Probability of a fault per request, all kinds mixed.")
    ] = 0.0,
    rate_limit: Annotated[
        int | None,
        typer.Option(
            help="Requests per account per --rate-window in every category; 0 for none (default: "
            "Exotel's per category, CCM 200, Campaign writes 30, reads 300)."
        ),
    ] = None,
    rate_window: Annotated[
        float, typer.Option(help="Seconds of the rate limit's window (scale it down to test a quota).")
    ] = 60.0,
    processing_rate: Annotated[float, typer.Option(help="Rows processed per second; 0 is instant.")] = 500.0,
    error_file_ttl: Annotated[
        float, typer.Option(help="Seconds before an error file expires (410).")
    ] = 86400.0,
    db: Annotated[
        str, typer.Option(help="SQLite file; the state survives restarts. In memory by default.")
    ] = ":memory:",
    reset: Annotated[bool, typer.Option("--reset", help="Start the --db file clean.")] = False,
) -> None:
    """Serve the mock (credentials from EXOTEL_ACCOUNT_SID, EXOTEL_API_KEY, EXOTEL_API_TOKEN,
    EXOTEL_ACCESS_TOKEN; defaults demo / demo-key / demo-token / demo-access-token)."""
    try:
        from exotel_contacts_mock.config import MockConfig
        from exotel_contacts_mock.server import serve
        from exotel_contacts_mock.store import StoreError
    except ImportError as error:
        stderr_console().print(
            f"error: the mock needs the 'mock' extra ({error.name} is missing); "
            "install it with: pip install 'exotel-contacts[mock]'"
        )
        raise typer.Exit(EXIT_BAD_INPUT) from None
    if not 0.0 <= fault_rate <= 1.0:
        stderr_console().print(f"error: {ConfigurationError.__name__}: --fault-rate must be between 0 and 1")
        raise typer.Exit(EXIT_BAD_INPUT)
    if rate_window <= 0:
        stderr_console().print(f"error: {ConfigurationError.__name__}: --rate-window must be more than 0")
        raise typer.Exit(EXIT_BAD_INPUT)
    config = MockConfig.from_env(
        seed=seed,
        rate_limit=rate_limit,
        rate_window=rate_window,
        processing_rate=processing_rate,
        error_file_ttl=error_file_ttl,
        db_path=db,
        reset=reset,
    )
    if fault_rate > 0:
        config = config.with_fault_rate(fault_rate)
    try:
        serve(config, host, port)
    except StoreError as error:
        stderr_console().print(f"error: {error}", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
