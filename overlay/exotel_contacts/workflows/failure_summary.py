"""An import's failures summed up by error code: what a person reads first after a large import."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from exotel_contacts.core.catalog import explain

__all__ = ["FIRST_ROWS", "CodeSummary", "summarize_by_code"]

#: How many original row numbers a summary names.
FIRST_ROWS = 5


@attrs.frozen
class CodeSummary:
    """The failed rows of one error code: how many, the first few original row numbers, how to fix."""

    code: str
    count: int
    first_rows: tuple[int, ...]
    """The first :data:`FIRST_ROWS` original row numbers (1-based data rows), in file order."""
    message: str
    """The first failure's message (rows of one code usually share it)."""
    how_to_fix: str | None
    """From the error dictionary (``exotel-contacts explain CODE``), when it knows the code."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-able."""
        return {**attrs.asdict(self), "first_rows": list(self.first_rows)}


def summarize_by_code(failures: Iterable[Any]) -> list[CodeSummary]:
    """``RowFailure`` records (sorted by row number) summed by ``error_code``, largest count first."""
    counts: dict[str, int] = {}
    rows: dict[str, list[int]] = {}
    messages: dict[str, str] = {}
    for failure in failures:
        code = str(failure.error_code)
        counts[code] = counts.get(code, 0) + 1
        first = rows.setdefault(code, [])
        if len(first) < FIRST_ROWS:
            first.append(failure.row_number)
        messages.setdefault(code, str(failure.error_message))
    summaries = []
    for code, count in counts.items():
        info = explain(code)
        summaries.append(
            CodeSummary(
                code=code,
                count=count,
                first_rows=tuple(rows[code]),
                message=messages[code],
                how_to_fix=info.how_to_fix if info is not None else None,
            )
        )
    return sorted(summaries, key=lambda s: (-s.count, s.code))
