"""What openapi.yaml declares of an operation for clients, as data (:class:`OperationRule`; the
generated ``spec.operations`` holds one per operationId). Light, so the file checks can read it."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

import attrs

if TYPE_CHECKING:
    from exotel_contacts.base.families import Family
    from exotel_contacts.base.rates import RateClass

__all__ = ["AfterReplay", "OperationRule"]

AfterReplay = Literal["done", "ours"]
"""How an answer status reads after a replay: the lost attempt did the work, or made the conflict."""


@attrs.frozen
class OperationRule:
    """What openapi.yaml declares of one operation for clients (see its ``info.description``)."""

    operation_id: str
    method: str
    path: str
    family: Family
    replay_safe: bool
    rate_class: RateClass
    upload_slot: bool = False
    unsafe_when: Mapping[str, frozenset[str]] = attrs.field(factory=dict)
    after_replay: Mapping[int, AfterReplay] = attrs.field(factory=dict)
    limits: Mapping[str, int] = attrs.field(factory=dict)
    item_field: str | None = None
    #: The ``maxLength`` of each string property of an item (one over it fails the whole request).
    item_lengths: Mapping[str, int] = attrs.field(factory=dict)
    comma_separated: frozenset[str] = frozenset()

    def safe_to_replay(self, fields: Mapping[str, object]) -> bool:
        """Whether this request, with these field values (body and query), may be sent again."""
        if not self.replay_safe:
            return False
        for name, values in self.unsafe_when.items():
            value = fields.get(name)
            if isinstance(value, enum.Enum):
                value = value.value
            if isinstance(value, str) and value.strip().lower() in values:
                return False
        return True
