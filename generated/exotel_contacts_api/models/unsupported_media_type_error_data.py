from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.unsupported_media_type_error_data_code import (
    UnsupportedMediaTypeErrorDataCode,
)

T = TypeVar("T", bound="UnsupportedMediaTypeErrorData")


@_attrs_define
class UnsupportedMediaTypeErrorData:
    """What went wrong; always sent with a 415.

    Attributes:
        code (UnsupportedMediaTypeErrorDataCode): The Exotel error code (see `ApiErrorCode`).
        message (str): The error's category (`Not found`, `Invalid parameter`, ...). Example: Invalid parameter.
        description (str): The detail of this occurrence. Example: Phone number is not in valid E.164 format.
    """

    code: UnsupportedMediaTypeErrorDataCode
    message: str
    description: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        message = self.message

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
                "description": description,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = UnsupportedMediaTypeErrorDataCode(d.pop("code"))

        message = d.pop("message")

        description = d.pop("description")

        unsupported_media_type_error_data = cls(
            code=code,
            message=message,
            description=description,
        )

        unsupported_media_type_error_data.additional_properties = d
        return unsupported_media_type_error_data

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
