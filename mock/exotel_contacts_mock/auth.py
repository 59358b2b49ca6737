"""Credentials: connexion's Basic and Bearer handlers, checked against the store.

The spec's `security` decides where each scheme applies: Bearer is declared on the CCM operations
only, so a Bearer token on a Campaign operation is answered 401. Valid credentials for another
account than the one in the path are answered 403 (1003, "the credentials do not give access to
this account"), which every authenticated operation declares; see `require_account`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from connexion.security import BasicSecurityHandler, BearerSecurityHandler

from .envelope import MockError
from .store import Store

__all__ = ["require_account", "security_map"]


def security_map(store: Store) -> dict[str, type]:
    """Connexion security handlers that resolve credentials to an account sid."""

    def basic_info(username: str, password: str) -> dict[str, Any] | None:
        sid = store.account_for_basic(username, password)
        return None if sid is None else {"sub": sid, "scheme": "basic"}

    def bearer_info(token: str) -> dict[str, Any] | None:
        sid = store.account_for_bearer(token)
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
