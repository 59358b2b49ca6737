"""The optional C accelerator for the file checks' inner loops, or None.

`_speedups.c` is compiled into `_speedups` when the package is installed with a C compiler at hand
(`hatch_build.py`; skipped with EXOTEL_CONTACTS_NO_EXTENSION=1). It holds three loops, each with a
pure-Python twin that the package uses without it and that tests compare it with:

- `record_batch`: a batch of numbers into the duplicate check's table (seen.py's `_record_batch_python`);
- `line_breaks`: the prescan's count of line breaks and search for a NUL byte (seen.py's
  `_line_breaks_python`);
- `not_e164`: the batch check of the phone cells' E.164 shape (checks.py's `bad_phone_lines`, a regex).

The email rule stays in Python (regexes that a property test compares with the spec's pattern).
"""

from __future__ import annotations

from types import ModuleType

__all__ = ["ACCELERATED", "native"]


def _load() -> ModuleType | None:
    try:
        from . import _speedups  # noqa: PLC0415 - optional: built at install when a compiler is there
    except ImportError:
        return None
    return _speedups


native = _load()
ACCELERATED = native is not None
"""Whether the C accelerator is built and in use."""
