"""Column names of the two CSV families and the mapping between them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from exotel_contacts.base.exceptions import DuplicateColumnError, MissingHeaderError, MissingPhoneColumnError
from exotel_contacts.base.families import Family

__all__ = [
    "CAMPAIGN_COLUMNS",
    "CANONICAL_COLUMNS",
    "CCM_COLUMNS",
    "Family",
    "HeaderPlan",
    "plan_header",
    "target_columns",
    "unknown_columns_warning",
]


# Canonical names are the CCM ones; the Campaign family renames two of them and has no custom field.
CANONICAL_COLUMNS: tuple[str, ...] = (
    "phone_number",
    "first_name",
    "last_name",
    "email",
    "company",
    "tag",
    "custom_field_1",
)
CCM_COLUMNS: tuple[str, ...] = CANONICAL_COLUMNS
CAMPAIGN_COLUMNS: tuple[str, ...] = ("number", "first_name", "last_name", "company_name", "email", "tag")

_ALIASES: dict[str, str] = {name: name for name in CANONICAL_COLUMNS} | {
    "number": "phone_number",
    "company_name": "company",
}
_SEPARATOR_RUNS = re.compile(r"[\s\-]+")


def target_columns(family: Family, present: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """(canonical, target name) pairs, in the family's column order, for the canonical columns present."""
    names = CCM_COLUMNS if family == "ccm" else CAMPAIGN_COLUMNS
    return tuple((_ALIASES[name], name) for name in names if _ALIASES[name] in present)


def _normalise(name: str) -> str:
    # Spreadsheet users write "Phone Number" or " EMAIL "; the API names are lower snake case.
    return _SEPARATOR_RUNS.sub("_", name.strip().lower())


@dataclass(frozen=True, slots=True)
class HeaderPlan:
    """Where each known column sits in the file's rows, and what was dropped."""

    width: int
    """Number of fields in the header; every data row must have as many."""
    index: dict[str, int]
    """Canonical column name -> field index."""
    unknown: tuple[str, ...]
    """Header names (as written) that match no column of either family; dropped."""

    @property
    def phone_index(self) -> int:
        """Field index of the phone column."""
        return self.index["phone_number"]

    def get(self, canonical: str) -> int:
        """Field index of a canonical column, or -1 when the file has no such column."""
        return self.index.get(canonical, -1)


def plan_header(header: Sequence[str], *, path: str | Path | None = None) -> HeaderPlan:
    """Map a header row to canonical columns; raise a typed error when it cannot work."""
    if not header or all(not cell.strip() for cell in header):
        raise MissingHeaderError(
            "the first line is empty; the first line must be the header, e.g. "
            "phone_number,first_name,last_name,email,company,tag",
            path=path,
            line=1,
        )
    index: dict[str, int] = {}
    seen_raw: dict[str, int] = {}
    unknown: list[str] = []
    for position, raw in enumerate(header):
        name = _normalise(raw)
        canonical = _ALIASES.get(name)
        key = canonical or name
        if key in seen_raw:
            first = header[seen_raw[key]].strip()
            raise DuplicateColumnError(
                f"columns {seen_raw[key] + 1} ({first!r}) and {position + 1} ({raw.strip()!r}) "
                "are the same column; keep one of them",
                path=path,
                line=1,
            )
        seen_raw[key] = position
        if canonical is None:
            unknown.append(raw)
        else:
            index[canonical] = position
    if "phone_number" not in index:
        raise MissingPhoneColumnError(_missing_phone_message(header), path=path, line=1)
    return HeaderPlan(width=len(header), index=index, unknown=tuple(unknown))


#: Unknown column names shown in the warning; the rest are counted (a header may have millions).
_SHOWN_UNKNOWN = 5
_SHOWN_NAME = 40


def unknown_columns_warning(names: Sequence[str]) -> str | None:
    """One warning for the dropped columns: how many, and the first few names; ``None`` for none."""
    if not names:
        return None
    shown = [_short(name.strip(), _SHOWN_NAME) for name in names[:_SHOWN_UNKNOWN]]
    listed = ", ".join(repr(name) for name in shown)
    more = f" and {len(names) - len(shown)} more" if len(names) > len(shown) else ""
    subject = f"column {listed} is" if len(names) == 1 else f"{len(names)} columns ({listed}{more}) are"
    return (
        f"{subject} not a contact field of either family (phone_number/number, first_name, last_name, "
        "email, company/company_name, tag, custom_field_1) and dropped"
    )


def _short(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 3] + "..."


def _missing_phone_message(header: Sequence[str]) -> str:
    joined = ",".join(header)
    hint = "add a 'phone_number' (CCM) or 'number' (Campaign) column as the first line's header"
    if len(header) == 1 and ";" in joined:
        hint = "the file looks semicolon-separated; re-save it as comma-separated CSV"
    elif len(header) == 1 and "\t" in joined:
        hint = "the file looks tab-separated; re-save it as comma-separated CSV"
    elif any(cell.strip().startswith("+") and cell.strip()[1:].isdigit() for cell in header):
        hint = "the first line looks like data; the first line must be the header (phone_number,...)"
    return f"no phone column in header {_short(joined, 80)!r}: {hint}"
