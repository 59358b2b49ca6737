"""Streaming reader of uploaded contact CSVs: one pass, one row in memory at a time."""

from __future__ import annotations

import csv
import io
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import IO

from .rules import RowError, check_row, strip_ascii

__all__ = ["CAMPAIGN_COLUMNS", "CCM_COLUMNS", "CsvProblem", "CsvRow", "read_rows"]

# The one home of the two CSV layouts (the store keeps a row's cells under these names; the phone
# column first). The spec states them in prose only (the file part's description): a test pins them.
CCM_COLUMNS = ("phone_number", "first_name", "last_name", "email", "company", "tag", "custom_field_1")
CAMPAIGN_COLUMNS = ("number", "first_name", "last_name", "company_name", "email", "tag")


def _column_name(cell: str) -> str:
    # ASCII case and white space only: `str.lower()` maps U+212A (Kelvin) to "k" and `str.strip()`
    # takes U+00A0, so a header that names no column could name one.
    name = strip_ascii(cell)
    return name.lower() if name.isascii() else name


class CsvProblem(Exception):
    """The file as a whole is not an acceptable CSV (answered 400)."""

    def __init__(self, description: str, *, code: int = 1007) -> None:
        super().__init__(description)
        self.description = description
        self.code = code


@dataclass(frozen=True)
class CsvRow:
    """One data row: 1-based number (header not counted), known columns, and its static error."""

    number: int
    values: dict[str, str]
    error: RowError | None


def _header(reader: Iterator[list[str]], columns: tuple[str, ...]) -> list[str]:
    try:
        header = next(reader)
    except StopIteration:
        raise CsvProblem("The file is empty") from None
    names = [_column_name(cell) for cell in header]
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise CsvProblem(f"The CSV header names the column {name!r} twice")
        seen.add(name)
    if columns[0] not in seen:
        raise CsvProblem(f"The CSV has no {columns[0]} column")
    return names


def read_rows(
    binary: IO[bytes], columns: tuple[str, ...], *, max_records: int, max_field_length: int
) -> Generator[CsvRow, None, None]:
    """Yield the rows of a UTF-8 CSV (BOM, CRLF or LF); raise CsvProblem for a bad file.

    `columns[0]` is the required phone column. Unknown columns are ignored, blank lines skipped.
    A row with more fields than the header, a field too long or holding a control character gets
    INVALID_FORMAT; the phone and email checks follow (see `rules.check_row`).
    """
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    reader = csv.reader(text, strict=True)
    try:
        names = _header(reader, columns)
        count = 0
        for fields in reader:
            if not fields:
                continue
            count += 1
            if count > max_records:
                raise CsvProblem(f"The file has more than {max_records} records", code=1002)
            pairs = zip(names, fields, strict=False)
            values = {name: strip_ascii(value) for name, value in pairs if name in columns}
            error = check_row(values, columns[0], max_field_length)
            if len(fields) > len(names):
                error = RowError(
                    "INVALID_FORMAT", f"The row has {len(fields)} fields, the header {len(names)}"
                )
            yield CsvRow(count, values, error)
        if count == 0:
            raise CsvProblem("The CSV has a header but no data rows")
    except UnicodeDecodeError:
        raise CsvProblem("The file is not UTF-8 text (is it a CSV?)") from None
    except csv.Error as exc:
        raise CsvProblem(f"Malformed CSV: {exc}") from None
    finally:
        text.detach()
