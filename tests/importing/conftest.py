"""The `implementation` fixture: a test that uses it runs with the C accelerator and with its pure-Python
twins (`importing/_accel.py`)."""

from __future__ import annotations

import pytest

from exotel_contacts.importing import checks, reader, seen
from exotel_contacts.importing._accel import ACCELERATED


@pytest.fixture(params=["c", "python"])
def implementation(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "python":
        monkeypatch.setattr(seen, "_record_batch", seen._record_batch_python)
        monkeypatch.setattr(reader, "line_breaks", seen._line_breaks_python)
        monkeypatch.setattr(checks, "bad_phone_lines", checks._bad_phone_lines_python)
        monkeypatch.setattr(checks, "bad_email_cells", checks._bad_email_cells_python)
    elif not ACCELERATED:
        pytest.skip("the C accelerator is not in use (test_extension_build.py fails for a missing one)")
    return str(request.param)
