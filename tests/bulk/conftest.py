"""Fixtures for bulk-create tests: a fake createContacts (httpx.MockTransport) and both clients."""

from __future__ import annotations

import inspect
import json
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest
import stamina

import exotel_contacts

SID = "acct_bulk"
CAMPAIGN = "https://campaign.test"
BAD_PREFIX = "+1000"  # numbers the fake answers 400 / 1002 per item

Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response] | None


def item_error(code: int, exotel_code: int, description: str) -> dict[str, Any]:
    return {
        "code": code,
        "status": "failure",
        "error_data": {"code": exotel_code, "message": "x", "description": description},
        "data": None,
    }


def error_response(status: int, exotel_code: int, description: str = "no") -> httpx.Response:
    body = {
        "request_id": f"req_{status}",
        "http_code": status,
        "response": item_error(status, exotel_code, description),
    }
    return httpx.Response(status, json=body)


class FakeCampaign:
    """createContacts with an address book: 200 (new), 409/1008 (known or earlier in the request),
    400/1002 (numbers starting BAD_PREFIX). ``script`` holds answers for the next requests
    (a Response, an exception to raise, ``"lose"`` to act and then fail with a read error, or None
    to answer normally)."""

    def __init__(self) -> None:
        self.book: dict[str, str] = {}
        self.script: list[Any] = []
        self.bodies: list[list[dict[str, Any]]] = []
        self.extensions: list[dict[str, Any]] = []
        self.schema = False  # True: a first_name over 255 characters refuses the whole request (400)
        self.lock = threading.Lock()  # the sync client sends chunks from several threads

    def answer(self, contacts: list[dict[str, Any]]) -> httpx.Response:
        items = []
        for contact in contacts:
            number = contact["number"]
            if number.startswith(BAD_PREFIX):
                items.append(item_error(400, 1002, "invalid number"))
            elif number in self.book:
                items.append(item_error(409, 1008, "exists"))
            else:
                sid = f"sid{len(self.book)}"
                self.book[number] = sid
                items.append(
                    {
                        "code": 200,
                        "status": "success",
                        "error_data": None,
                        "data": {"sid": sid, "number": number},
                    }
                )
        body = {"request_id": f"req{len(self.bodies)}", "http_code": 207, "metadata": {}, "response": items}
        return httpx.Response(207, json=body)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            return self._handle(request)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        contacts = json.loads(request.read())["contacts"]
        self.bodies.append(contacts)
        self.extensions.append(dict(request.extensions))
        if self.schema and any(len(c.get("first_name", "")) > 255 for c in contacts):
            return error_response(400, 1007, "first_name is too long")
        step = self.script.pop(0) if self.script else None
        if step == "lose":
            self.answer(contacts)
            raise httpx.ReadTimeout("answer lost", request=request)
        if isinstance(step, Exception):
            raise step
        if callable(step):
            return step(request)
        if isinstance(step, httpx.Response):
            return httpx.Response(step.status_code, content=step.content, headers=step.headers)
        return self.answer(contacts)


@pytest.fixture(autouse=True)
def no_retry_waits() -> Iterator[None]:
    stamina.set_testing(True, attempts=100, cap=True)
    yield
    stamina.set_testing(False)


@pytest.fixture
def fake() -> FakeCampaign:
    return FakeCampaign()


class Either:
    """One interface over Client and AsyncClient: ``await either.bulk(contacts, ...)``."""

    def __init__(self, client: exotel_contacts.Client | exotel_contacts.AsyncClient) -> None:
        self.client = client
        self.is_async = isinstance(client, exotel_contacts.AsyncClient)

    async def bulk(self, contacts: Any, **kwargs: Any) -> exotel_contacts.BulkCreateResult:
        result = self.client.create_contacts_bulk(contacts, **kwargs)
        if inspect.isawaitable(result):
            result = await result
        assert isinstance(result, exotel_contacts.BulkCreateResult)
        return result

    async def close(self) -> None:
        result = self.client.close()
        if inspect.isawaitable(result):
            await result


def make_client(kind: str, handler: Callable[[httpx.Request], httpx.Response], **kwargs: Any) -> Any:
    options: dict[str, Any] = {
        "account_sid": SID,
        "api_key": "key",
        "api_token": "token",
        "campaign_base_url": CAMPAIGN,
        "ccm_base_url": "https://ccm.test",
        "rate_limit_per_minute": None,
        "environ": {},
        "transport": httpx.MockTransport(handler),
    }
    options.update(kwargs)
    return exotel_contacts.AsyncClient(**options) if kind == "async" else exotel_contacts.Client(**options)


@pytest.fixture(params=["sync", "async"])
async def either(request: pytest.FixtureRequest, fake: FakeCampaign) -> AsyncIterator[Either]:
    """The same tests run against Client and AsyncClient."""
    wrapper = Either(make_client(request.param, fake))
    yield wrapper
    await wrapper.close()
