"""The kill tests run the mock in a process of its own (``benchmarks/quota_harness.py``): a client
killed in the middle of a request must not leave anything behind in the test's own process."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
