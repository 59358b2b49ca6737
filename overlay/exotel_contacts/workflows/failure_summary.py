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
    by_code: dict[str, list[Any]] = {}
    for failure in failures:
        by_code.setdefault(str(failure.error_code), []).append(failure)
    summaries = [
        CodeSummary(
            code=code,
            count=len(group),
            first_rows=tuple(failure.row_number for failure in group[:FIRST_ROWS]),
            message=str(group[0].error_message),
            how_to_fix=getattr(explain(code), "how_to_fix", None),
        )
        for code, group in by_code.items()
    ]
    return sorted(summaries, key=lambda s: (-s.count, s.code))
