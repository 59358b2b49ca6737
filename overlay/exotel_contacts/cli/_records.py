"""Showing contacts and lists: server text made safe for a terminal, and the tables of records."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.table import Table
from rich.text import Text

from ._app import Output, cell

__all__ = ["CONTACT_COLUMNS", "LIST_COLUMNS", "as_dict", "print_record", "records_table", "safe"]

CONTACT_COLUMNS = ("sid", "number", "first_name", "last_name", "company_name", "email", "tag")
LIST_COLUMNS = ("sid", "name", "tag", "contact_count", "date_created")


def safe(value: object) -> Text:
    """A table cell of server-supplied text: no control characters (:func:`cell`), no rich markup."""
    return Text(cell(value))


def as_dict(record: Any) -> dict[str, Any]:
    """A generated model as a JSON-able dict."""
    data: dict[str, Any] = record.to_dict()
    return data


def records_table(title: str, records: Iterable[dict[str, Any]], columns: Sequence[str]) -> Table:
    """A table of records, one row each, the given columns."""
    table = Table(*columns, title=cell(title))
    for record in records:
        table.add_row(*(safe(record.get(column)) for column in columns))
    return table


def print_record(console: Output, title: str, record: dict[str, Any]) -> None:
    """One record as a two-column table."""
    table = Table(title=cell(title), show_header=False)
    for key, value in record.items():
        table.add_row(safe(key), safe(value))
    console.print(table)
