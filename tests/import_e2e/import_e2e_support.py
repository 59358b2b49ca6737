"""Helpers of the end-to-end import tests: contact files built row by row with their expected
outcome (computed here, independently of the code under test), clients on a running mock, and a
transport that counts the requests a client sends."""

from __future__ import annotations

import asyncio
import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

import exotel_contacts as ec
from exotel_contacts_mock.background import RunningMock

CCM_HEADER = ("phone_number", "first_name", "last_name", "email", "company", "tag")


@dataclass
class Row:
    """One data row of a generated file and what must happen to it (None: accepted)."""

    phone: str
    first: str
    last: str = "Test"
    email: str = ""
    company: str = "Acme"
    tag: str = "t"
    expect: str | None = None
    """Expected error code, or None when the row must be imported."""
    local: bool = False
    """True when the client must catch it before sending."""

    def cells(self) -> list[str]:
        return [self.phone, self.first, self.last, self.email, self.company, self.tag]


@dataclass
class ContactFile:
    """A generated CSV and its rows (row i is data row i + 1 of the file)."""

    path: Path
    rows: list[Row] = field(default_factory=list)

    def expected(self) -> dict[int, str]:
        return {number: row.expect for number, row in enumerate(self.rows, 1) if row.expect}

    def accepted_numbers(self) -> list[str]:
        return [row.phone for row in self.rows if row.expect is None]


def write_rows(path: Path, rows: list[Row], header: tuple[str, ...] = CCM_HEADER) -> ContactFile:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row.cells())
    return ContactFile(path, rows)


def phone(i: int, prefix: str = "+9198") -> str:
    return f"{prefix}{i:08d}"


def client_options(mock: RunningMock, **overrides: Any) -> dict[str, Any]:
    return {
        "account_sid": mock.account_sid,
        "api_key": mock.api_key,
        "api_token": mock.api_token,
        "campaign_base_url": mock.base_url,
        "ccm_base_url": mock.base_url,
        "environ": {},
        "rate_limit_per_minute": None,
        **overrides,
    }


class CountingTransport(httpx.HTTPTransport):
    """Counts requests by (method, path suffix) before sending them."""

    def __init__(self, seen: Counter[str]) -> None:
        super().__init__()
        self.seen = seen

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.seen[f"{request.method} {request.url.path.rsplit('/', 1)[-1]}"] += 1
        return super().handle_request(request)


class AsyncCountingTransport(httpx.AsyncHTTPTransport):
    def __init__(self, seen: Counter[str]) -> None:
        super().__init__()
        self.seen = seen

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.seen[f"{request.method} {request.url.path.rsplit('/', 1)[-1]}"] += 1
        return await super().handle_async_request(request)


@dataclass
class Importer:
    """Runs `import_contacts` with a sync or an async client (the parametrised fixture's value)."""

    mode: str
    seen: Counter[str] = field(default_factory=Counter)

    def __call__(
        self, mock: RunningMock, path: Path, client: dict[str, Any] | None = None, **kwargs: Any
    ) -> ec.ImportResult:
        options = client_options(mock, **(client or {}))
        if self.mode == "sync":
            with ec.Client(transport=CountingTransport(self.seen), **options) as sync_client:
                return sync_client.import_contacts(path, **kwargs)

        async def run() -> ec.ImportResult:
            async with ec.AsyncClient(transport=AsyncCountingTransport(self.seen), **options) as aclient:
                return await aclient.import_contacts(path, **kwargs)

        return asyncio.run(run())

    @property
    def uploads(self) -> int:
        """Upload requests sent (CCM and Campaign)."""
        return self.seen["POST upload"] + self.seen["POST csv-upload"]


def codes(result: ec.ImportResult) -> dict[int, str]:
    """Original row number -> error code of every failure (one failure a row is checked too)."""
    failures = result.failures()
    rows = [failure.row_number for failure in failures]
    assert len(rows) == len(set(rows)), f"a row is reported twice: {Counter(rows).most_common(3)}"
    return {failure.row_number: failure.error_code for failure in failures}


def ccm_numbers(mock: RunningMock) -> Counter[str]:
    return Counter(row["phone_number"] for row in mock.store.ccm.contacts(mock.account_sid))
