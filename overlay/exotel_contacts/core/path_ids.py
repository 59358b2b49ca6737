"""Path parameters that cannot change which resource a request names (docs/guides/retries-and-bounds.md,
"Ids"): every generated request is built through :func:`path_request`.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from exotel_contacts.base.exceptions import InvalidInputError

from .otel import ROUTE

__all__ = ["check_path_id", "is_path_id", "path_request"]


def check_path_id(name: str, value: object) -> str:
    """``value`` if it is a usable path segment, else :class:`InvalidInputError` naming ``name``."""
    if not isinstance(value, str):
        raise InvalidInputError(f"{name} must be a string, got {type(value).__name__}")
    if not value.strip():
        raise InvalidInputError(f"{name} must be a non-empty string, got {value!r}")
    if value != value.strip():
        raise InvalidInputError(f"{name} has spaces around it: {value!r}; pass the id exactly")
    if not value.strip("."):
        raise InvalidInputError(
            f"{name} {value!r} is not an id: a path segment of dots would name another resource"
        )
    return value


def is_path_id(value: object) -> bool:
    """Whether ``value`` can be sent as a path segment (an id the server hands out must be one)."""
    try:
        check_path_id("id", value)
    except InvalidInputError:
        return False
    return True


@functools.cache
def _path_parameters(get_kwargs: Callable[..., dict[str, Any]]) -> tuple[str, ...]:
    # The generator puts path parameters first, positional; query and body parameters are keyword-only.
    return tuple(
        p.name
        for p in inspect.signature(get_kwargs).parameters.values()
        if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    )


def path_request(
    get_kwargs: Callable[..., dict[str, Any]], *path: str, route: str, **options: Any
) -> dict[str, Any]:
    """``get_kwargs(*path, **options)`` (a generated endpoint's request builder), each path value
    checked; the request's extensions carry ``route``, the spec's template
    (:data:`exotel_contacts.core.otel.ROUTE`)."""
    names = _path_parameters(get_kwargs)
    if len(names) != len(path):
        raise TypeError(f"{get_kwargs.__module__} takes path parameters {names}, got {len(path)} values")
    for name, value in zip(names, path, strict=True):
        check_path_id(name, value)
    kwargs = get_kwargs(*path, **options)
    kwargs["extensions"] = {**kwargs.get("extensions", {}), ROUTE: route}
    return kwargs
