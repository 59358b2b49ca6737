"""Griffe extension for the docs site: the docstrings' Sphinx roles as Markdown.

The docstrings name other objects the Sphinx way (``:class:`~exotel_contacts.ClientConfig```,
``:meth:`close```), which mkdocstrings would print as they are. This turns each role into code, and a
role naming a public name of ``exotel_contacts`` into a link to its entry in the API reference (every
public name has one: tests/docs/test_docs_sources.py). Other targets (private modules, methods) stay
plain code, so no link can dangle.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

import exotel_contacts

_ROLE = re.compile(r":(?:class|meth|func|attr|exc|data|mod|obj):`(~?)([^`]+)`")
_PUBLIC = frozenset(exotel_contacts.__all__)


def _markdown(match: re.Match[str]) -> str:
    short, target = match.group(1), match.group(2)
    text = target.rsplit(".", 1)[-1] if short else target
    name = target.removeprefix("exotel_contacts.")
    if name in _PUBLIC and "." not in name:
        return f"[`{text}`][exotel_contacts.{name}]"
    return f"`{text}`"


class SphinxRoles(griffe.Extension):
    """Rewrite Sphinx cross-reference roles in every docstring."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Rewrite this object's docstring, if it has one."""
        if obj.docstring is not None:
            obj.docstring.value = _ROLE.sub(_markdown, obj.docstring.value)
