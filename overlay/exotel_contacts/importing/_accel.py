"""The optional C accelerator for the file checks' inner loops, or None.

`_speedups.c` is compiled into `_speedups` when the package is installed with a C compiler at hand
(`hatch_build.py`; skipped with EXOTEL_CONTACTS_NO_EXTENSION=1), and used unless the process starts
with EXOTEL_CONTACTS_PURE_PYTHON=1. It holds four loops, each with a pure-Python twin that the package
uses without it and that tests compare it with:

- `record_batch`: a batch of numbers into the duplicate check's table (seen.py's `_record_batch_python`);
- `line_breaks`: the prescan's count of line breaks and search for a NUL byte (seen.py's
  `_line_breaks_python`);
- `not_e164`: the batch check of the phone cells' E.164 shape (checks.py's `_bad_phone_lines_python`,
  a regex over the batch);
- `bad_emails`: the batch check of the email cells by the spec's `EmailAddress` rule (checks.py's
  `_bad_email_cells_python`, regexes over the batch).

Only the batch checks are in C: a row they stop at takes the per-row path in Python, which says what is
wrong, so every message comes from one place.
"""

from __future__ import annotations

import os
from types import ModuleType

__all__ = ["ACCELERATED", "native"]


def _load() -> ModuleType | None:
    if os.environ.get("EXOTEL_CONTACTS_PURE_PYTHON", "") not in ("", "0"):
        return None
    try:
        from . import _speedups  # noqa: PLC0415 - optional: built at install when a compiler is there
    except ImportError:
        return None
    return _speedups


native = _load()
ACCELERATED = native is not None
"""Whether the C accelerator is built and in use."""
