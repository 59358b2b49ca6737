"""``exotel-contacts demo``: the whole flow with no credentials and no network.

Starts the mock in this process on a free loopback port, writes a realistic sample contact file
(large enough to need splitting: mostly good rows, some invalid numbers, bad emails and duplicates, in
the CCM column layout), imports it through the real HTTP path with progress, creates a batch of Campaign
contacts in bulk, and prints the summary and the path of the error CSV.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
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

__all__ = ["SampleStats", "demo", "write_sample_file"]

app = command_app()

_FIRST = (
    "Aarav",
    "Diya",
    "Ishaan",
    "Meera",
    "Kabir",
    "Anika",
    "Rohan",
    "Sara",
    "Vivaan",
    "Priya",
    "Arjun",
    "Nisha",
    "Dev",
    "Leela",
    "Kiran",
    "Zoya",
)
_LAST = ("Sharma", "Iyer", "Patel", "Reddy", "Khan", "Gupta", "Nair", "Das", "Menon", "Singh", "Rao", "Joshi")
_COMPANIES = ("Acme Inc", "Beta Corp", "Gamma Ltd", "Delta Traders", "Orbit Foods", "Nimbus Health")
_TAGS = ("premium", "standard", "trial", "lead")
_BAD_NUMBERS = ("98765", "+91 98765 43210", "phone", "0091-9876543210", "+0123456789", "")
_BAD_EMAILS = ("no-at-sign.example.com", "two@@example.com", "trailing@dot.", "spaces in@example.com")


@dataclass(frozen=True)
class SampleStats:
    """What was written: rows in all, and how many of each planted problem."""

    rows: int
    invalid_numbers: int
    bad_emails: int
    duplicates: int


def write_sample_file(path: Path, rows: int, *, seed: int = 7) -> SampleStats:
    """Write ``rows`` contacts to ``path``: about 2% invalid numbers, 2% bad emails, 1% duplicates."""
    rng = random.Random(seed)  # noqa: S311 - sample data, seeded so every demo run writes the same file
    invalid = bad_email = duplicates = 0
    seen: list[str] = []
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["phone_number", "first_name", "last_name", "email", "company", "tag"])
        for index in range(rows):
            first, last = rng.choice(_FIRST), rng.choice(_LAST)
            email = f"{first}.{last}{index}@example.com".lower()
            roll = rng.random()
            if roll < 0.02:
                number = rng.choice(_BAD_NUMBERS)
                invalid += 1
            elif roll < 0.03 and seen:
                number = rng.choice(seen)
                duplicates += 1
            else:
                number = f"+91{9_000_000_000 + index * 7 + rng.randrange(7):010d}"
                if len(seen) < 1000:
                    seen.append(number)
            if 0.03 <= roll < 0.05:
                email = rng.choice(_BAD_EMAILS)
                bad_email += 1
            out.writerow([number, first, last, email, rng.choice(_COMPANIES), rng.choice(_TAGS)])
    return SampleStats(rows, invalid, bad_email, duplicates)


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
    summary = outcome.result["bulk_create"] = bulk.summary()
    show_import = outcome.render
    created = f"{summary['created']} of {summary['total']} contacts created in {summary['requests']} requests"

    def render(out: Output) -> None:
        if show_import is not None:
            show_import(out)
        out.line(f"bulk create: {created}")

    # The demo succeeds when the flow ran; the planted bad rows are expected failures.
    return CommandResult(outcome.result, EXIT_OK, render)
