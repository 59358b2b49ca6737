"""A realistic sample contact file for the demo: mostly good rows, some invalid numbers, bad emails
and duplicates, in the CCM column layout."""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SampleStats", "write_sample_file"]

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
