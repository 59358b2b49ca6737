from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CustomField")


@_attrs_define
class CustomField:
    """A contact's custom data: any key-value pairs, as JSON, nested at most 32 levels (counted from the request body; a
    deeper body is answered 400, 1007). The seed's table names the field `custom`; its examples, and Exotel's, send
    `custom_field`, the name used here. In a request, null and an omitted key both mean no custom data; a created
    `Contact` always carries the key, null when it has none, like its other optional fields (nullable here because
    OpenAPI 3.0 cannot make a `$ref` nullable at the point of use).

    """

    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        custom_field = cls()

        custom_field.additional_properties = d
        return custom_field

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
