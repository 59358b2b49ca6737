from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorData")


@_attrs_define
class ErrorData:
    """What went wrong. `code` is an Exotel error code (see `ApiErrorCode`; an HTTP status is used where Exotel has no code
    of its own), `message` its category, `description` the detail. Null on success (nullable here because OpenAPI 3.0
    cannot make a `$ref` nullable at the point of use); always present on errors.

        Attributes:
            code (int): Exotel error code; known values in `ApiErrorCode`.
            message (str): The error's category.
            description (str | Unset): The detail of this occurrence.
    """

    code: int
    message: str
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        message = d.pop("message")

        description = d.pop("description", UNSET)

        error_data = cls(
            code=code,
            message=message,
            description=description,
        )

        error_data.additional_properties = d
        return error_data

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
