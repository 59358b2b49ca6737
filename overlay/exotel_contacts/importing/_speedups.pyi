# The optional C accelerator built from _speedups.c (see _accel.py; seen.py and checks.py hold
# the pure-Python twins).
from array import array

SOURCE_SHA256: str

def record_batch(
    slots: array[int],
    size: int,
    row_bits: int,
    numbers: list[str],
    base: int,
    start: int,
    probe_limit: int,
    /,
) -> tuple[int, list[tuple[int, int]]]: ...
def line_breaks(chunk: bytes, /) -> tuple[int, int]: ...
def not_e164(cells: list[str], /) -> list[int]: ...
def bad_emails(cells: list[str], /) -> list[int]: ...
