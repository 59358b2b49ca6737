"""Admin routes under `/_mock` (outside the public spec, never fuzzed, never faulted, no auth).

* `GET  /_mock/health`: `{"status": "ok"}`.
* `GET  /_mock/accounts/{sid}/contacts`: the account's Campaign address book.
* `GET  /_mock/accounts/{sid}/ccm-contacts`: the account's CCM contacts.
* `GET  /_mock/accounts/{sid}/lists`: the account's lists with their member numbers.
* `POST /_mock/accounts`: JSON `{account_sid, api_key, api_token, access_token}` adds an account.
* `GET  /_mock/accounts/{sid}/rate-limits`: the account's limit per category, 429 shape and window.
* `PUT  /_mock/accounts/{sid}/rate-limits`: JSON `{"limits": {"campaign": 90}, "shape": "rest"}` sets
  them (a limit `null` goes back to the default; 0 = not limited); the account's windows start over.
* `POST /_mock/reset`: forget everything but the configured accounts.
"""

from __future__ import annotations

import json

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .config import Credentials
from .ratelimit import RateLimit
from .store import Store

__all__ = ["admin_app"]


def admin_app(store: Store, rates: RateLimit | None = None) -> Starlette:
    """The `/_mock` routes over `store` (and the rate limits, when given)."""

    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def contacts(request: Request) -> JSONResponse:
        return JSONResponse(store.directory.contacts(request.path_params["sid"]))

    async def ccm_contacts(request: Request) -> JSONResponse:
        return JSONResponse(store.ccm.contacts(request.path_params["sid"]))

    async def lists(request: Request) -> JSONResponse:
        return JSONResponse(store.directory.lists_with_numbers(request.path_params["sid"]))

    async def add_account(request: Request) -> JSONResponse:
        try:
            data = json.loads(await request.body())
            credentials = Credentials(
                str(data["account_sid"]),
                str(data["api_key"]),
                str(data["api_token"]),
                str(data["access_token"]),
            )
        except (KeyError, TypeError, ValueError, RecursionError):
            return JSONResponse(
                {"error": "account_sid, api_key, api_token and access_token are required"}, 400
            )
        store.accounts.add(credentials)
        return JSONResponse({"account_sid": credentials.account_sid}, 201)

    async def rate_limits(request: Request) -> JSONResponse:
        sid = request.path_params["sid"]
        if rates is None:
            return JSONResponse({"error": "this mock has no rate limits"}, 404)
        if request.method == "PUT":
            try:
                rates.configure(sid, json.loads(await request.body()))
            except (TypeError, ValueError, AttributeError, RecursionError) as exc:
                return JSONResponse({"error": str(exc)[:300]}, 400)
        return JSONResponse(rates.describe(sid))

    async def reset(request: Request) -> JSONResponse:
        store.reset()
        return JSONResponse({"status": "reset"})

    return Starlette(
        routes=[
            Route("/_mock/health", health),
            Route("/_mock/accounts/{sid}/contacts", contacts),
            Route("/_mock/accounts/{sid}/ccm-contacts", ccm_contacts),
            Route("/_mock/accounts/{sid}/lists", lists),
            Route("/_mock/accounts/{sid}/rate-limits", rate_limits, methods=["GET", "PUT"]),
            Route("/_mock/accounts", add_account, methods=["POST"]),
            Route("/_mock/reset", reset, methods=["POST"]),
        ]
    )
