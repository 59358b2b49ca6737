"""The package and the command line load the heavy modules only when something needs them."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import exotel_contacts

HEAVY = (
    "httpx",
    "asyncio",
    "exotel_contacts_api",
    "phonenumbers",
    "email_validator",
    "stamina",
)

_PROBE = """
import json, sys
{code}
print(json.dumps(sorted({{m.split(".")[0] for m in sys.modules}} & set({heavy!r}))))
"""


def loaded_after(code: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(code=code, heavy=HEAVY)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    result: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_import_loads_none_of_the_heavy_modules() -> None:
    assert loaded_after("import exotel_contacts") == []


def test_first_use_loads_the_name_from_its_module() -> None:
    assert loaded_after("import exotel_contacts; exotel_contacts.ExotelError") == []
    assert "httpx" in loaded_after("import exotel_contacts; exotel_contacts.Client")


def test_every_public_name_is_the_object_its_module_defines() -> None:
    for name in exotel_contacts.__all__:
        if name == "__version__":
            continue
        module = importlib.import_module(exotel_contacts._MODULE_OF[name], "exotel_contacts")
        assert getattr(exotel_contacts, name) is getattr(module, name), name
    assert set(exotel_contacts._MODULE_OF) == set(exotel_contacts.__all__) - {"__version__"}
    assert set(exotel_contacts.__all__) <= set(dir(exotel_contacts))


def test_help_and_validate_send_nothing_and_load_nothing_heavy(tmp_path: Path) -> None:
    small = tmp_path / "small.csv"
    small.write_text("phone_number,first_name\n+919876543210,A\n", encoding="utf-8")
    for argv in (["exotel-contacts", "--help"], ["exotel-contacts", "validate", str(small)]):
        code = (
            "from exotel_contacts.cli import main\n"
            f"sys.argv = {argv!r}\n"
            "try:\n    main()\nexcept SystemExit:\n    pass"
        )
        assert loaded_after(code) == [], argv
