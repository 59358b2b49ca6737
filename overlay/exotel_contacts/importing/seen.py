"""The in-file duplicate check's table: about 17 bytes a row, whatever the numbers.

A dict of the numbers seen costs ~140 bytes a distinct number (the str key, the int value, the
entry), which made an import's memory grow with its file. An E.164 number is at most 15 digits
after the plus with no leading zero, so `int(phone)` is exact, injective and fits in 64 bits. The
table keeps:

- `numbers`: one 64-bit integer per data row (index = row number - 1), the row's number or 0 when
  the row is not a candidate (it failed a check or is blank); 8 bytes a row.
- `slots`: an open-addressing index of row numbers (0 = free), at most half full, linear probing;
  ~9 bytes a row. A slot's number is `numbers[slot_value - 1]`, so a duplicate names its first row.

A number's home slot is the number modulo the table size, a prime picked at random near the
wanted size: numbers in arithmetic progression spread evenly, and a file crafted to pile its
numbers onto one slot would need to know the prime. The reader's hot loop does the common case
inline (append, modulo, one look, one store; see `reader.ContactSource._scan`); `settle` handles a
taken home slot and `grow` a table about to pass half full. Growth estimates the file's row count
from the bytes read so far, so one resize usually sizes the table for the whole file.
"""

from __future__ import annotations

import random
from array import array

__all__ = ["SeenNumbers", "next_prime"]

_FIRST_SIZE = 16_411
"""Slots of a new table (a prime): room for 8,205 rows before the first resize."""
_SPARE = 2.2
"""Slots per expected row after a resize (load 0.45), so the table ends under half full."""
_MR_BASES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)
"""Miller-Rabin with these bases is exact for every n < 3.3 * 10**24."""


def _is_prime(n: int) -> bool:
    if n < 2:
        return False
    for p in _MR_BASES:
        if n % p == 0:
            return n == p
    d, r = n - 1, 0
    while d % 2 == 0:
        d //= 2
        r += 1
    for a in _MR_BASES:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def next_prime(n: int) -> int:
    """The smallest prime >= n."""
    n = max(n, 2)
    while not _is_prime(n):
        n += 1
    return n


def _slot_array(size: int) -> array[int]:
    # 'I' is 4 bytes on every platform CPython supports today; 'L' where it is not.
    code = "I" if array("I").itemsize >= 4 else "L"
    return array(code, [0]) * size


class SeenNumbers:
    """Phone numbers seen so far in a file, by row; see the module docstring."""

    __slots__ = ("limit", "numbers", "size", "slots")

    def __init__(self, size: int = _FIRST_SIZE) -> None:
        self.numbers: array[int] = array("q")
        self.size = next_prime(size)
        self.slots: array[int] = _slot_array(self.size)
        self.limit = self.size // 2
        """Grow before a row number passes this (inserts never outnumber rows, so load stays < 0.5)."""

    @property
    def nbytes(self) -> int:
        """Bytes the two arrays hold."""
        return self.numbers.itemsize * len(self.numbers) + self.slots.itemsize * self.size

    def settle(self, number: int, slot: int, row_number: int) -> int:
        """From a taken `slot`, find `number`: its first row, or `row_number` once recorded there."""
        slots, size, numbers = self.slots, self.size, self.numbers
        while held := slots[slot]:
            if numbers[held - 1] == number:
                return held
            slot += 1
            if slot == size:
                slot = 0
        slots[slot] = row_number
        return row_number

    def first_row(self, number: int, row_number: int) -> int:
        """`settle` from the number's home slot (slow paths; the hot loop inlines the first look)."""
        slot = number % self.size
        if not self.slots[slot]:
            self.slots[slot] = row_number
            return row_number
        return self.settle(number, slot, row_number)

    def grow(self, rows_expected: int) -> None:
        """Resize for `rows_expected` rows in all (at least doubling) and re-index every first row."""
        wanted = max(2 * self.size, int(rows_expected * _SPARE))
        # Any prime in [wanted, 1.1 wanted): which one is not predictable from the file.
        start = wanted + random.randrange(max(1, wanted // 10))  # noqa: S311 - spreading, not secrecy
        size = next_prime(start)
        slots = _slot_array(size)
        numbers = self.numbers
        for row_number, number in enumerate(numbers, 1):
            if not number:
                continue
            slot = number % size
            while held := slots[slot]:
                if numbers[held - 1] == number:
                    break
                slot += 1
                if slot == size:
                    slot = 0
            else:
                slots[slot] = row_number
        self.slots, self.size, self.limit = slots, size, size // 2
