"""The in-file duplicate check's table: one 64-bit slot a distinct number (docs/decisions/0023).

A taken slot of the `array('Q')` holds ``((quotient << PROBE_BITS) | probe) << row_bits | first_row``,
where ``number = quotient * size + home`` (`size` a random prime, the home slot implied by the
position) and `probe` counts steps of ``1 + quotient % (size - 1)`` from home.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Iterator

__all__ = [
    "LOAD",
    "MAX_NUMBER",
    "PROBE_BITS",
    "PROBE_LIMIT",
    "SeenNumbers",
    "next_prime",
]

LOAD = 0.85
"""Rows per slot at most (the bound on rows / `size`)."""
MAX_NUMBER = 10**15 - 1
"""The largest E.164 number as an integer (15 digits)."""
PROBE_BITS = 12
_PROBE_MASK = (1 << PROBE_BITS) - 1
PROBE_LIMIT = _PROBE_MASK
"""Steps from home a slot may sit; at load 0.85 double hashing needs ~2.2 on average."""
_MIN_SIZE = 257
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


def _record_batch(  # noqa: PLR0917 - one call a batch, positional for speed
    slots: array[int], size: int, row_bits: int, numbers: list[str], base: int, start: int, probe_limit: int
) -> tuple[int, list[tuple[int, int]]]:
    """Records `numbers[start:]` (E.164 digits, "+" optional; "0" for a row to skip) as seen in rows
    `base + index`, in order. Returns (the index it stopped at: `len(numbers)`, or the number whose
    probe ran past `probe_limit` steps, not recorded; (index, first row) of every number already held).
    The walk of `SeenNumbers._walk` is inline: a call a row would cost a sixth of the check.
    """
    duplicates: list[tuple[int, int]] = []
    row_mask = (1 << row_bits) - 1
    step_modulus = size - 1
    for index in range(start, len(numbers)):
        number = int(numbers[index])
        if not number:
            continue
        quotient, slot = divmod(number, size)
        key = quotient << PROBE_BITS
        last = key | probe_limit
        step = 0
        while True:  # SeenNumbers._walk: home first, then double hashing
            held = slots[slot]
            if not held:
                slots[slot] = key << row_bits | (base + index)
                break
            if held >> row_bits == key:
                duplicates.append((index, held & row_mask))
                break
            if key == last:
                return index, duplicates
            step = step or 1 + quotient % step_modulus
            key += 1
            slot += step
            if slot >= size:
                slot -= size
    return len(numbers), duplicates


class SeenNumbers:
    """Phone numbers seen so far in a file, each with its first row (docs/decisions/0023)."""

    __slots__ = ("largest", "row_bits", "row_mask", "rows", "shift", "size", "slots")

    def __init__(self, rows: int, largest: int | None = None) -> None:
        """A table for at most `rows` distinct numbers, each with a row (a value) of 1..`largest`.

        `largest` defaults to `rows`: a file's row numbers. Other callers keep a small value instead
        (a flag: the Campaign reconciliation's "in the address book before the import").
        """
        self.rows = rows = max(rows, 1)
        """The most numbers the table holds (under its load limit)."""
        self.largest = largest = rows if largest is None else max(largest, 1)
        """The largest row (value) a slot holds."""
        self.row_bits = largest.bit_length()
        self.row_mask = (1 << self.row_bits) - 1
        self.shift = PROBE_BITS + self.row_bits
        # Large row numbers leave fewer bits for the quotient: then more slots than the load needs (a
        # few rows in a file of many lines), so that `MAX_NUMBER // size` fits what is left.
        wanted = max(_MIN_SIZE, int(rows / LOAD) + 1, (MAX_NUMBER >> (64 - self.shift)) + 1)
        # Any prime in [wanted, 1.02 wanted): which one is not predictable from the file.
        self.size = next_prime(wanted + random.randrange(max(1, wanted // 50)))  # noqa: S311 - spreading
        """`quotient << shift | row` is a slot at its home (probe 0)."""
        if (MAX_NUMBER // self.size).bit_length() + self.shift > 64:
            raise ValueError(f"{rows} rows do not fit a 64-bit slot")  # over 10**14 rows: not a CSV file
        self.slots: array[int] = array("Q", [0]) * self.size  # no temporary: bytes(n) would double the peak

    @property
    def nbytes(self) -> int:
        """Bytes the table holds."""
        return self.slots.itemsize * self.size

    def _walk(self, quotient: int, home: int) -> tuple[int, int, int] | None:
        """(slot, key, held): the slot along the number's probe sequence that holds it (held != 0) or
        where it goes (held == 0), and its key there; None past `PROBE_LIMIT` steps."""
        slots, size, row_bits = self.slots, self.size, self.row_bits
        key = quotient << PROBE_BITS
        last = key | PROBE_LIMIT
        slot, step = home, 1 + quotient % (size - 1)
        while True:  # as in _record_batch, which walks it inline
            held = slots[slot]
            if not held or held >> row_bits == key:
                return slot, key, held
            if key == last:
                return None
            key += 1
            slot += step
            if slot >= size:
                slot -= size

    def record(self, number: int, row_number: int) -> tuple[SeenNumbers, int]:
        """The row that first had `number`, recording `row_number` as first if none did, rebuilding
        larger when the table is too full for the number: (the table to use from now on, the first row)."""
        duplicate = self.record_batch([str(number)], row_number)
        return self, duplicate[0][1] if duplicate else row_number

    def find(self, number: int) -> int | None:
        """The row (value) held for `number`, or None; records nothing."""
        found = self._walk(*divmod(number, self.size))  # None: a number is never held past the limit
        return int(found[2] & self.row_mask) if found and found[2] else None

    def entries(self) -> Iterator[tuple[int, int]]:
        """(number, first row) of every number held, in slot order (rebuilds and tests)."""
        size, row_bits, row_mask = self.size, self.row_bits, self.row_mask
        for slot, held in enumerate(self.slots):
            if held:
                key = held >> row_bits
                quotient, probe = key >> PROBE_BITS, key & _PROBE_MASK
                home = (slot - probe * (1 + quotient % (size - 1))) % size
                yield quotient * size + home, held & row_mask

    def record_batch(self, numbers: list[str], base: int) -> list[tuple[int, int]]:
        """Record `numbers[i]` (E.164 digits; "0" for a row not to record) as seen in row `base + i`,
        in order, and return (i, first row) for each that an earlier row already had; rebuilds the
        table larger in place when it must."""
        if base + len(numbers) - 1 > self.largest:  # the file grew after the prescan
            self._become(self.grown(self.rows, base + 2 * len(numbers) + 4096))
        duplicates: list[tuple[int, int]] = []
        start = 0
        while True:
            start, found = _record_batch(
                self.slots, self.size, self.row_bits, numbers, base, start, PROBE_LIMIT
            )
            duplicates.extend(found)
            if start == len(numbers):
                return duplicates
            self._become(self.grown(self.rows))  # about never: a probe past the limit

    def _become(self, other: SeenNumbers) -> None:
        for name in SeenNumbers.__slots__:
            setattr(self, name, getattr(other, name))

    def grown(self, rows: int, largest: int | None = None) -> SeenNumbers:
        """A table for `rows` numbers (at least 1.5 times this one's) with the same entries, and
        rows (values) up to `largest` (at least this one's)."""
        wanted = max(rows, self.rows * 3 // 2)
        largest = max(largest or 0, self.largest)
        while True:
            bigger = SeenNumbers(wanted, largest)
            for number, row in self.entries():  # distinct numbers: each takes a free slot
                found = bigger._walk(*divmod(number, bigger.size))
                if found is None:
                    break
                bigger.slots[found[0]] = found[1] << bigger.row_bits | row
            else:
                return bigger
            wanted = wanted * 3 // 2
