"""Store work runs off the event loop: a slow bulk create never holds up another request."""

from __future__ import annotations

import threading
from typing import Any

import httpx
import pytest

from exotel_contacts_mock.background import RunningMock


def test_a_status_get_answers_while_a_bulk_create_is_in_the_store(
    exotel_mock: RunningMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    entered, release = threading.Event(), threading.Event()
    original = exotel_mock.store.directory.create_contacts

    def slow(*args: Any) -> Any:
        entered.set()
        release.wait(20)  # on the event loop, this would stall every other request until released
        return original(*args)

    monkeypatch.setattr(exotel_mock.store.directory, "create_contacts", slow)
    auth = (exotel_mock.api_key, exotel_mock.api_token)
    answers: list[httpx.Response] = []
    bulk = threading.Thread(
        target=lambda: answers.append(
            httpx.post(
                f"{exotel_mock.base_url}/v2/accounts/demo/contacts",
                json={"contacts": [{"number": "+919876543210"}]},
                auth=auth,
                timeout=30,
            )
        )
    )
    bulk.start()
    try:
        assert entered.wait(10)
        status = httpx.get(
            f"{exotel_mock.base_url}/v2/accounts/demo/contacts/upload/nope", auth=auth, timeout=5
        )
        assert status.status_code == 404
        assert not answers  # the bulk request is still inside the store
    finally:
        release.set()
        bulk.join(30)
    assert answers[0].status_code == 207
