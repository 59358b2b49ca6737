"""The mock stands alone: it serves with the client packages (`exotel_contacts`, the generated
`exotel_contacts_api`) unimportable; it reads the spec from its own package or the checkout."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sys

    class BlockTheClient:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("exotel_contacts", "exotel_contacts_api"):
                raise ImportError(f"the mock imported {name}")
            return None

    sys.meta_path.insert(0, BlockTheClient())

    import httpx
    from exotel_contacts_mock.background import running_mock

    with running_mock() as mock:
        auth = (mock.api_key, mock.api_token)
        created = httpx.post(
            f"{mock.base_url}/v2/accounts/demo/contacts",
            json={"contacts": [{"number": "+919876543210"}]},
            auth=auth,
        )
        assert created.status_code == 207, created.text
        upload = httpx.post(
            f"{mock.base_url}/v2/accounts/demo/contacts/upload",
            files={"file": ("a.csv", b"phone_number\\n+919876543211\\n")},
            auth=auth,
        )
        assert upload.status_code == 202, upload.text
    loaded = sorted(n for n in sys.modules if n.split(".")[0] in ("exotel_contacts", "exotel_contacts_api"))
    assert not loaded, loaded
    print("served without exotel_contacts")
    """
)


def test_the_mock_serves_without_the_client_package() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], check=False, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "served without exotel_contacts" in done.stdout
