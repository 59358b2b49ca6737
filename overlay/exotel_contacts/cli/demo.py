"""``exotel-contacts demo``: the whole flow with no credentials and no network.

Starts the mock in this process on a free loopback port, writes a realistic sample contact file
(large enough to need splitting), imports it through the real HTTP path with progress, creates a batch
of Campaign contacts in bulk, and prints the summary and the path of the error CSV.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._app import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    CommandResult,
    JsonOption,
    Output,
    command_app,
    json_command,
    stderr_console,
)

__all__ = ["demo"]

app = command_app()


@json_command(app)
def demo(
    rows: Annotated[
        int, typer.Option(help="Rows in the sample file (over 50,000 needs two CCM parts).")
    ] = 60_000,
    output_dir: Annotated[Path, typer.Option(help="Where the sample file and the error CSV go.")] = Path(
        "demo-output"
    ),
    processing_rate: Annotated[float, typer.Option(help="Rows per second the mock processes.")] = 40_000.0,
    json_out: JsonOption = False,
) -> CommandResult:
    """Run the mock in-process, import a sample file through it, and show the report."""
    try:
        from exotel_contacts_mock.background import running_mock
        from exotel_contacts_mock.config import MockConfig
    except ImportError as error:
        stderr_console().print(
            f"error: the demo needs the 'mock' extra ({error.name} is missing); "
            "install it with: pip install 'exotel-contacts[mock]'"
        )
        raise typer.Exit(EXIT_BAD_INPUT) from None

    from exotel_contacts.client._sync.client import Client

    from ._import_output import import_outcome
    from ._progress import BulkDisplay, ImportDisplay
    from ._sample import write_sample_file

    say = stderr_console()
    output_dir.mkdir(parents=True, exist_ok=True)
    sample = output_dir / "sample_contacts.csv"
    stats = write_sample_file(sample, rows)
    say.print(
        f"wrote {sample}: {stats.rows} rows with {stats.invalid_numbers} invalid numbers, "
        f"{stats.bad_emails} bad emails and {stats.duplicates} duplicates planted",
        markup=False,
    )
    # The demo must not inherit the user's EXOTEL_* settings: it talks to its own mock only.
    with running_mock(MockConfig(processing_rate=processing_rate)) as mock:
        say.print(f"mock serving both API families at {mock.base_url}", markup=False)
        with Client(
            account_sid=mock.account_sid,
            api_key=mock.api_key,
            api_token=mock.api_token,
            ccm_base_url=mock.base_url,
            campaign_base_url=mock.base_url,
        ) as client:
            with ImportDisplay.shown(quiet=json_out) as display:
                result = client.import_contacts(
                    sample, errors_out=output_dir / "errors.csv", on_progress=display
                )
            batch = [
                {"number": f"+9180{index:08d}", "first_name": "Demo", "tag": "bulk"}
                for index in range(12_000)
            ]
            with BulkDisplay.shown(quiet=json_out) as bulk_bar:
                bulk = client.create_contacts_bulk(batch, on_progress=bulk_bar)
    outcome = import_outcome(result)
    outcome.result["bulk_create"] = bulk.summary()
    show_import = outcome.render

    def render(console: Output) -> None:
        if show_import is not None:
            show_import(console)
        summary = bulk.summary()
        console.print(
            f"bulk create: {summary['created']} of {summary['total']} contacts created in "
            f"{summary['requests']} requests",
            markup=False,
        )

    # The demo succeeds when the flow ran; the planted bad rows are expected failures.
    return CommandResult(outcome.result, EXIT_OK, render)
