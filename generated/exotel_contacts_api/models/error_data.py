from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_data_code import ErrorDataCode
from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorData")


@_attrs_define
class ErrorData:
    """What went wrong with one failed item of a multi-status answer (`FailedItem`): `code` 1002 (invalid value, item
    `code` 400), 1000 (no such list or contact, 404) or 1008 (duplicate, 409), `message` the category, `description` the
    detail. A successful item carries `error_data: null` instead (`NoErrorData`). Error answers carry their own, non-
    null `error_data` (`<Name>ErrorData`, one per status).

        Attributes:
            code (ErrorDataCode): Exotel error code; see `ApiErrorCode`.
            message (str): The error's category (`Not found`, `Invalid parameter`, ...). Example: Invalid parameter.
            description (str | Unset): The detail of this occurrence. Example: Phone number is not in valid E.164 format.
    """

    code: ErrorDataCode
    message: str
    description: str | Unset = UNSET
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
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = ErrorDataCode(d.pop("code"))

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
