from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RestExceptionErrorBodyRestException")


@_attrs_define
class RestExceptionErrorBodyRestException:
    """
    Attributes:
        status (int):  Example: 429.
        message (str):  Example: Rate limit exceeded. Try again in 30 seconds..
        code (str | Unset):  Example: RATE_LIMIT_EXCEEDED.
    """

    status: int
    message: str
    code: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        message = self.message

        code = self.code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Status": status,
                "Message": message,
            }
        )
        if code is not UNSET:
            field_dict["Code"] = code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = d.pop("Status")

        message = d.pop("Message")

        code = d.pop("Code", UNSET)

        rest_exception_error_body_rest_exception = cls(
            status=status,
            message=message,
            code=code,
        )

        rest_exception_error_body_rest_exception.additional_properties = d
        return rest_exception_error_body_rest_exception

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
