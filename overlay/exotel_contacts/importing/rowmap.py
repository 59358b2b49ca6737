"""Which original row each row of a part is, in a few bytes per run of consecutive rows."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

__all__ = ["PartRows", "RowMap"]


class RowMap(Sequence[int]):
    """A part's row numbers in the original file, kept as runs of consecutive numbers (8 bytes a run;
    a part skips only failed and blank rows). Index it like the list it stands for."""

    __slots__ = ("_firsts", "_last", "_length", "_starts")

    def __init__(self, rows: Sequence[int] = ()) -> None:
        self._starts: array[int] = array("I")
        """Index (in the part) where each run starts."""
        self._firsts: array[int] = array("I")
        """Original row number of each run's first row."""
        self._length = 0
        self._last = -1
        for row in rows:
            self.append(row)

    def append(self, row: int) -> None:
        """Add the original row number of the part's next row."""
        if row != self._last + 1 or not self._length:
            self._starts.append(self._length)
            self._firsts.append(row)
        self._last = row
        self._length += 1

    @property
    def runs(self) -> int:
        """Runs of consecutive row numbers held."""
        return len(self._starts)

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("row map index out of range")
        run = bisect_right(self._starts, index) - 1
        return self._firsts[run] + index - self._starts[run]

    def __contains__(self, row: object) -> bool:
        """Whether the part holds original row `row` (a bisect over the runs, no list of rows)."""
        if not isinstance(row, int) or not self._length:
            return False
        run = bisect_right(self._firsts, row) - 1
        if run < 0:
            return False
        end = self._starts[run + 1] if run + 1 < len(self._starts) else self._length
        return row < self._firsts[run] + end - self._starts[run]

    def __iter__(self) -> Iterator[int]:
        if not self._length:
            return
        ends = [*self._starts[1:], self._length]
        for start, end, first in zip(self._starts, ends, self._firsts, strict=True):
            yield from range(first, first + end - start)

    def __repr__(self) -> str:
        return f"RowMap({self._length} rows in {self.runs} runs)"


class PartRows:
    """Whether a row is in one of several parts' row maps, the parts in file order (docs/decisions/0023):
    a bisect over the parts' first rows finds the one part that could hold a row, and its runs say."""

    __slots__ = ("_firsts", "_maps")

    def __init__(self, row_maps: Iterable[RowMap]) -> None:
        self._maps = [row_map for row_map in row_maps if len(row_map)]
        self._firsts = [row_map[0] for row_map in self._maps]

    def __contains__(self, row: object) -> bool:
        if not isinstance(row, int):
            return False
        at = bisect_right(self._firsts, row) - 1
        return at >= 0 and row in self._maps[at]
