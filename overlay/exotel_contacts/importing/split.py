"""Split a contact file into parts that each fit one upload request (and, for Campaign, one list)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import IO, Literal

from exotel_contacts.base.exceptions import ListCapExceededError
from exotel_contacts.base.settings import check_count
from exotel_contacts.spec.operations import OPERATIONS

from .columns import Family, target_columns
from .reader import ContactSource, ValidationReport
from .rowmap import RowMap

__all__ = ["Limits", "ListKind", "Part", "SplitResult", "split_file"]

ListKind = Literal["static", "dynamic"]
_PROGRESS_EVERY = 5_000
_LARGEST = 2**62
_CCM = OPERATIONS["uploadContacts"].limits
_CAMPAIGN = OPERATIONS["csvUploadContacts"].limits
_MB = 10**6


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps a split must respect; defaults are openapi.yaml's ``x-limits`` of the two upload methods.

    "MB" is read as 10**6 bytes, the smaller of the two readings, so a part never exceeds
    either. Tests pass small values to exercise the boundaries with small files.
    """

    ccm_max_rows: int = _CCM["max_records"]
    """Data rows per CCM upload (header not counted)."""
    ccm_max_bytes: int = _CCM["max_file_mb"] * _MB
    """Bytes per CCM upload file, header included."""
    campaign_max_bytes: int = _CAMPAIGN["max_file_mb"] * _MB
    """Bytes per Campaign CSV upload file, header included."""
    campaign_static_list_cap: int = _CAMPAIGN["static_list_cap"]
    """Contacts a static Campaign list may hold in all."""
    campaign_dynamic_list_cap: int = _CAMPAIGN["dynamic_list_cap"]
    """Contacts a dynamic Campaign list may hold in all."""

    def __post_init__(self) -> None:
        # InvalidSettingError is a ValueError too, as this check's error was.
        for name in self.__dataclass_fields__:
            check_count(getattr(self, name), f"Limits.{name}", minimum=1, maximum=_LARGEST)


@dataclass(frozen=True, slots=True)
class Part:
    """One upload-ready CSV part."""

    index: int
    """1-based position of the part."""
    path: Path
    rows: int
    """Data rows in the part (header not counted)."""
    size_bytes: int
    """Size of the file on disk, header included."""
    row_map: RowMap = field(repr=False)
    """`row_map[i]` is the original row number of the part's data row i + 1 (a few bytes a run)."""

    def original_row(self, part_row: int) -> int:
        """The original file's row number of the part's 1-based data row `part_row`."""
        if not 1 <= part_row <= self.rows:
            raise IndexError(f"part {self.index} has rows 1..{self.rows}, not {part_row}")
        return self.row_map[part_row - 1]


@dataclass(frozen=True, slots=True)
class SplitResult:
    """The parts written, and what the local checks found on the way."""

    family: Family
    parts: tuple[Part, ...]
    columns: tuple[str, ...]
    """The header every part has, in the target family's names."""
    validation: ValidationReport
    """Totals, local failures (ORIGINAL row numbers) and warnings."""
    send_invalid: bool
    """True when failing rows were written too, for the server to judge."""

    @property
    def sent_rows(self) -> int:
        """Rows written to parts."""
        return sum(part.rows for part in self.parts)


class _PartWriter:
    """Writes rows to successive part files, starting a new one before a limit would be crossed."""

    def __init__(self, out_dir: Path, header: list[str], max_rows: int, max_bytes: int) -> None:
        self.out_dir = out_dir
        self.max_rows = max_rows
        self.max_bytes = max_bytes
        self.parts: list[Part] = []
        # Rows are formatted into a reusable buffer first: the byte size must be known before the
        # row is written, to decide whether it still fits in the current part.
        self._buffer = io.StringIO()
        self._format = csv.writer(self._buffer).writerow
        self.header_text, self.header_bytes = self.row_text(header)
        self._handle: IO[str] | None = None
        self._rows = max_rows  # no part open: the first row opens one
        self._bytes = 0
        self._map = RowMap()

    def row_text(self, row: list[str]) -> tuple[str, int]:
        """The CSV text of a row and its size in UTF-8 bytes."""
        buffer = self._buffer
        buffer.seek(0)
        buffer.truncate()
        self._format(row)
        text = buffer.getvalue()
        return text, len(text) if text.isascii() else len(text.encode())

    def write(self, text: str, size: int, row_number: int) -> None:
        """Append a formatted row, opening a new part when the current one is full."""
        if self._bytes + size > self.max_bytes or self._rows >= self.max_rows:
            self.finish()
            path = self.out_dir / f"part-{len(self.parts) + 1:04d}.csv"
            self._handle = path.open("w", encoding="utf-8", newline="")
            self._handle.write(self.header_text)
            self._rows = 0
            self._bytes = self.header_bytes
            self._map = RowMap()
        assert self._handle is not None  # noqa: S101 - a part is open
        self._handle.write(text)
        self._rows += 1
        self._bytes += size
        self._map.append(row_number)

    def finish(self) -> list[Part]:
        """Close the current part, if one is open, and return every part."""
        if self._handle is not None:
            self._handle.close()
            path = Path(self._handle.name)
            self.parts.append(Part(len(self.parts) + 1, path, self._rows, self._bytes, self._map))
            self._handle = None
        return self.parts

    def discard(self) -> None:
        """Close and delete every part written (the split failed)."""
        for part in self.finish():
            part.path.unlink(missing_ok=True)
        self.parts.clear()


def split_file(
    path: str | Path,
    *,
    family: Family,
    out_dir: str | Path,
    limits: Limits | None = None,
    list_type: ListKind = "static",
    existing_contacts: int = 0,
    send_invalid: bool = False,
    strict: bool = False,
    default_region: str | None = None,
    detect_duplicates: bool = True,
    on_rows: Callable[[int], object] | None = None,
) -> SplitResult:
    """Check a contact file and write it as upload-sized parts in `out_dir`, streaming.

    Only rows that pass the local checks are written, unless `send_invalid` is set: then failing
    rows are written as they are (the server judges them) and still reported locally; rows with the
    wrong number of fields are never written, as they cannot be mapped to columns. Phone numbers of
    passing rows are written normalised (trimmed; E.164 when `default_region` is given).

    Campaign parts all go into one list, so when the rows to send plus `existing_contacts` exceed
    the list cap, `ListCapExceededError` is raised and no part is left behind. Other file-level
    problems raise their `ContactFileError` subclass. `on_rows` is called now and then with the
    number of rows read so far (progress display).
    """
    limits = limits or Limits()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if family == "ccm":
        max_rows, max_bytes = limits.ccm_max_rows, limits.ccm_max_bytes
        cap: int | None = None
    elif family == "campaign":
        max_rows = _LARGEST
        max_bytes = limits.campaign_max_bytes
        cap = limits.campaign_static_list_cap if list_type == "static" else limits.campaign_dynamic_list_cap
    else:
        raise ValueError(f"family must be 'ccm' or 'campaign', not {family!r}")

    with ContactSource(
        path, strict=strict, default_region=default_region, detect_duplicates=detect_duplicates
    ) as source:
        plan = source.plan
        pairs = target_columns(family, tuple(plan.index))
        positions = [plan.index[canonical] for canonical, _ in pairs]
        header = [name for _, name in pairs]
        dropped = sorted(set(plan.index) - {canonical for canonical, _ in pairs})
        writer = _PartWriter(out, header, max_rows, max_bytes)
        sent = 0
        # Progress every _PROGRESS_EVERY rows: one comparison per row, a call only now and then.
        report_at = _PROGRESS_EVERY if on_rows is not None else -1
        try:
            for row_number, row, phone in source.rows(send_invalid=send_invalid):
                if row_number >= report_at > 0 and on_rows is not None:
                    on_rows(row_number)
                    report_at = row_number + _PROGRESS_EVERY
                values = [row[position].strip() for position in positions]
                values[0] = phone  # the phone column comes first in both families
                text, size = writer.row_text(values)
                if writer.header_bytes + size > max_bytes:  # not even alone in a part
                    message = f"Row is {size} bytes, more than fits in one upload of {max_bytes} bytes; "
                    source.fail(row_number, row, "INVALID_FORMAT", message + "shorten its fields", phone)
                    continue
                sent += 1
                if cap is not None and sent + existing_contacts > cap:
                    raise ListCapExceededError(
                        f"more than {cap - existing_contacts} contacts to send, but a {list_type} list "
                        f"holds at most {cap} ({existing_contacts} there already); split the file into "
                        "several lists" + (" or use a dynamic list" if list_type == "static" else ""),
                        path=source.path,
                        cap=cap,
                        count=sent + existing_contacts,
                    )
                writer.write(text, size, row_number)
            parts = writer.finish()
        except BaseException:
            writer.discard()
            raise
        validation = source.validation(
            sorted(source.failures, key=attrgetter("row_number")),
            tuple(
                f"column {name!r} is dropped: the Campaign CSV upload takes no {name} column"
                for name in dropped
            ),
        )
    return SplitResult(
        family=family,
        parts=tuple(parts),
        columns=tuple(header),
        validation=validation,
        send_invalid=send_invalid,
    )
