"""Credentials: connexion's Basic and Bearer handlers, checked against the store.

The spec's `security` decides where each scheme applies: Bearer is declared on the CCM operations
only, so a Bearer token on a Campaign operation is answered 401. Valid credentials for another
account than the one in the path are answered 403 (1003, "the credentials do not give access to
this account"), which every authenticated operation declares; see `require_account`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from connexion.security import BasicSecurityHandler, BearerSecurityHandler

from .envelope import MockError
from .store import Store

__all__ = ["require_account", "security_map"]


def security_map(store: Store) -> dict[str, type]:
    """Connexion security handlers that resolve credentials to an account sid."""

    # Connexion hands over the header's text decoded as Latin-1 (Basic after base64 too), which
    # maps every byte to one character: encoding it back gives exactly the bytes the client sent,
    # whatever they are (UTF-8 "tökén", raw b"\xff\xfe"), and bytes are what is compared.
    # The look-ups run in a thread, like every store call of a request (see `handlers.Handlers`).
    async def basic_info(username: str, password: str) -> dict[str, Any] | None:
        key, token = username.encode("latin-1"), password.encode("latin-1")
        sid = await asyncio.to_thread(store.accounts.for_basic, key, token)
        return None if sid is None else {"sub": sid, "scheme": "basic"}

    async def bearer_info(token: str) -> dict[str, Any] | None:
        sid = await asyncio.to_thread(store.accounts.for_bearer, token.encode("latin-1"))
        return None if sid is None else {"sub": sid, "scheme": "bearer"}

    class Basic(BasicSecurityHandler):  # type: ignore[misc]
        def _resolve_func(self, security_scheme: dict[str, Any]) -> Callable[..., Any]:
            return basic_info

    class Bearer(BearerSecurityHandler):  # type: ignore[misc]
        def _resolve_func(self, security_scheme: dict[str, Any]) -> Callable[..., Any]:
            return bearer_info

    return {"basic": Basic, "bearer": Bearer}


def require_account(context: dict[str, Any], account_sid: str) -> None:
    """403 unless the request's credentials belong to `account_sid`."""
    if context.get("user") != account_sid:
        raise MockError(403, "The credentials do not give access to this account")
