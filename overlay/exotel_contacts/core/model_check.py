"""Does a parsed answer hold what its model's annotations promise? The generated parsers hand back the
raw value where a union does not parse; ``parse_model`` turns it into an ``InvalidResponseError``.
"""

from __future__ import annotations

import functools
import sys
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from exotel_contacts_api import models

__all__ = ["first_mismatch"]

Checker = Callable[[Any], str | None]
"""None when the value fits, else the path below it that does not ("" for the value itself)."""


def _fits(value: Any) -> str | None:
    return None


def _list_of(item: Checker) -> Checker:
    def check(value: Any) -> str | None:
        if not isinstance(value, list):
            return ""
        for index, element in enumerate(value):
            found = item(element)
            if found is not None:
                return f"[{index}]{found}"
        return None

    return check


def _one_of(plain: tuple[type, ...], models_: tuple[type, ...], others: tuple[Checker, ...]) -> Checker:
    def check(value: Any) -> str | None:
        if isinstance(value, plain):
            return None
        if isinstance(value, models_):
            kind: Any = type(value)  # mypy takes type[object] for unhashable
            return _model(kind)(value)
        if any(other(value) is None for other in others):
            return None
        return ""

    return check


@functools.cache
def _checker(hint: Any) -> Checker:
    # Every annotation is read as a union (of one member, for most): plain types, models, and the rest.
    origin = typing.get_origin(hint)
    if origin is list:
        return _list_of(_checker(typing.get_args(hint)[0]))
    if origin is dict:
        return _one_of((dict,), (), ())
    union = origin is typing.Union or origin is types.UnionType
    if not union and not isinstance(hint, type):
        return _fits  # Any, and anything the generator may add that this does not know
    members = typing.get_args(hint) if union else (hint,)
    simple = [m for m in members if isinstance(m, type) and typing.get_origin(m) is None]
    plain = tuple(m for m in simple if not attrs.has(m))
    plain += (int,) if float in plain else ()
    return _one_of(
        plain,
        tuple(m for m in simple if attrs.has(m)),
        tuple(_checker(m) for m in members if m not in simple),
    )


@functools.cache
def _model(cls: Any) -> Checker:
    # The generated modules import their models under TYPE_CHECKING only: resolve the annotations
    # against the models package as well as the module's own names.
    namespace = {**vars(models), **vars(sys.modules[cls.__module__])}
    hints = typing.get_type_hints(cls, globalns=namespace)
    fields = [(f.name, hints[f.name]) for f in attrs.fields(cls) if f.name != "additional_properties"]
    compiled: list[tuple[str, Checker]] = []

    def check(value: Any) -> str | None:
        if not compiled:  # filled on first use: a model may refer to itself through a field
            compiled.extend((name, _checker(hint)) for name, hint in fields)
        for name, field_check in compiled:
            found = field_check(getattr(value, name))
            if found is not None:
                return f".{name}{found}"
        return None

    return check


def first_mismatch(model: Any) -> str | None:
    """The dotted path of the first field whose value its annotation does not allow, or None."""
    kind: Any = type(model)
    found = _model(kind)(model)
    return None if found is None else found.removeprefix(".")
