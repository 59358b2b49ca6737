"""Fixtures for overlay unit tests: a scripted fake Exotel (httpx.MockTransport) and both clients."""

from __future__ import annotations

import inspect
import json
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest
import stamina

import exotel_contacts

CANARY = "CANARY-s3cr3t-7f3a"
ACCESS_CANARY = "CANARY-access-91bd"
SID = "acct_test"
CCM = "https://ccm.test"
CAMPAIGN = "https://campaign.test"

Handler = Callable[[httpx.Request], httpx.Response]


def envelope(
    data: Any, *, code: int = 200, status: str = "success", request_id: str = "req_1"
) -> dict[str, Any]:
    """A v2 success envelope."""
    return {
        "request_id": request_id,
        "method": "GET",
        "http_code": code,
        "response": {"code": code, "status": status, "error_data": None, "data": data},
    }


def error_body(
    http: int, code: int, message: str, description: str = "", request_id: str = "req_err"
) -> dict[str, Any]:
    """A v2 error envelope."""
    return {
        "request_id": request_id,
        "method": "GET",
        "http_code": http,
        "response": {
            "code": http,
            "status": "failure",
            "error_data": {"code": code, "message": message, "description": description},
            "data": None,
        },
    }


def ccm_status(status: str = "completed", **counts: Any) -> dict[str, Any]:
    data = {"upload_id": "up_1", "status": status, "total_records": 3, "successful": 3, "failed": 0}
    data.update({"duplicates_skipped": 0, "error_file_id": None}, **counts)
    return envelope(data)


def csv_status(status: str = "completed", **stats: Any) -> dict[str, Any]:
    base = {"duplicate": 0, "total": 2, "success": 2, "failed": 0}
    base.update(stats)
    return envelope({"upload_id": "csv_1", "list_sid": "ls_1", "status": status, "stats": base})


ACCEPTED = {
    "request_id": "r",
    "method": "POST",
    "http_code": 202,
    "response": {
        "code": 202,
        "status": "accepted",
        "data": {
            "upload_id": "up_1",
            "total_records": 3,
            "status": "processing",
            "estimated_time_seconds": 30,
        },
    },
}
CSV_ACCEPTED = envelope(
    {
        "list": {"sid": "ls_1", "name": "mylist", "contact_count": 0},
        "summary": {"upload_id": "csv_1", "list_sid": "ls_1", "status": "in-progress", "Stats": {}},
    }
)


def created(n: int) -> dict[str, Any]:
    items = [
        {
            "code": 200,
            "status": "success",
            "error_data": None,
            "data": {"sid": f"c{i}", "number": f"+9198765432{i:02d}"},
        }
        for i in range(n)
    ]
    return {
        "request_id": "r",
        "http_code": 207,
        "metadata": {"total": n, "success": n, "failed": 0},
        "response": items,
    }


class FakeExotel:
    """A scripted server: a queue of answers per (method, path suffix) plus a request log."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], list[Any]] = {}
        self.requests: list[httpx.Request] = []
        self.bodies: list[bytes] = []

    def add(self, method: str, path: str, *answers: Any) -> None:
        """Queue answers (httpx.Response, dict (JSON 200), exception, or callable) for a route; the last repeats."""
        self.routes.setdefault((method, path), []).extend(answers)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.bodies.append(request.read())
        self.requests.append(request)
        for (method, path), answers in self.routes.items():
            if request.method == method and request.url.path.endswith(path):
                answer = answers.pop(0) if len(answers) > 1 else answers[0]
                if isinstance(answer, Exception):
                    raise answer
                if callable(answer):
                    answer = answer(request)
                if isinstance(answer, dict):
                    return httpx.Response(200, json=answer)
                assert isinstance(answer, httpx.Response)
                # A fresh copy: a Response's stream is spent once sent, and answers repeat.
                return httpx.Response(answer.status_code, content=answer.content, headers=answer.headers)
        return httpx.Response(599, text=f"no route for {request.method} {request.url.path}")

    def count(self, method: str, path: str) -> int:
        return sum(1 for r in self.requests if r.method == method and r.url.path.endswith(path))


@pytest.fixture(autouse=True)
def no_retry_waits() -> Iterator[None]:
    """stamina's test switch: no waits; the policy's own max_attempts still governs (cap=True)."""
    stamina.set_testing(True, attempts=100, cap=True)
    yield
    stamina.set_testing(False)


@pytest.fixture
def fake() -> FakeExotel:
    return FakeExotel()


class Either:
    """One interface over Client and AsyncClient: ``await either.call("method", ...)``."""

    def __init__(self, client: exotel_contacts.Client | exotel_contacts.AsyncClient) -> None:
        self.client = client
        self.is_async = isinstance(client, exotel_contacts.AsyncClient)
        self.sleeps: list[float] = []
        self.now = 0.0
        client._clock = lambda: self.now
        if self.is_async:

            async def asleep(seconds: float) -> None:
                self.sleeps.append(seconds)
                self.now += seconds

            client._sleep = asleep  # type: ignore[assignment]
        else:

            def sleep(seconds: float) -> None:
                self.sleeps.append(seconds)
                self.now += seconds

            client._sleep = sleep

    async def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        result = getattr(self.client, name)(*args, **kwargs)
        if inspect.isawaitable(result):
            result = await result
        return result

    async def call_raw(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """``client.with_raw_response.<name>(...)``, awaited on the async side."""
        result = getattr(self.client.with_raw_response, name)(*args, **kwargs)
        if inspect.isawaitable(result):
            result = await result
        return result

    async def close(self) -> None:
        result = self.client.close()
        if inspect.isawaitable(result):
            await result


def make_client(
    kind: str, fake: FakeExotel, **kwargs: Any
) -> exotel_contacts.Client | exotel_contacts.AsyncClient:
    options: dict[str, Any] = {
        "account_sid": SID,
        "api_key": "key_1",
        "api_token": CANARY,
        "ccm_base_url": CCM,
        "campaign_base_url": CAMPAIGN,
        "rate_limit_per_minute": None,
        "environ": {},
        "transport": httpx.MockTransport(fake),
    }
    options.update(kwargs)
    if kind == "async":
        return exotel_contacts.AsyncClient(**options)
    return exotel_contacts.Client(**options)


@pytest.fixture(params=["sync", "async"])
async def either(request: pytest.FixtureRequest, fake: FakeExotel) -> AsyncIterator[Either]:
    """The same tests run against Client and AsyncClient."""
    wrapper = Either(make_client(request.param, fake))
    yield wrapper
    await wrapper.close()


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    """``"sync"`` or ``"async"``: for tests that build their own clients (real sockets)."""
    return str(request.param)


def real(kind: str, url: str, **kwargs: Any) -> Either:
    """A client of ``kind`` talking to ``url`` over real sockets (tests/hostile_servers.py)."""
    options: dict[str, Any] = {"transport": None, "ccm_base_url": url, "campaign_base_url": url}
    options.update(kwargs)
    return Either(make_client(kind, FakeExotel(), **options))


def json_response(status: int, body: Any, **headers: str) -> httpx.Response:
    return httpx.Response(
        status, content=json.dumps(body).encode(), headers={"content-type": "application/json", **headers}
    )
