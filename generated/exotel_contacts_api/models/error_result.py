from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_data import ErrorData


T = TypeVar("T", bound="ErrorResult")


@_attrs_define
class ErrorResult:
    """The inner `response` of an error answer.

    Attributes:
        code (int): The HTTP status, repeated.
        status (str): `failure` for errors.
        error_data (ErrorData): What went wrong. `code` is an Exotel error code (see `ApiErrorCode`; an HTTP status is
            used where Exotel has no code of its own), `message` its category, `description` the detail.
        data (Any | Unset): Always null on errors.
    """

    code: int
    status: str
    error_data: ErrorData
    data: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        status = self.status

        error_data = self.error_data.to_dict()

        data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "status": status,
                "error_data": error_data,
            }
        )
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_data import ErrorData  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        status = d.pop("status")

        error_data = ErrorData.from_dict(d.pop("error_data"))

        data = d.pop("data", UNSET)

        error_result = cls(
            code=code,
            status=status,
            error_data=error_data,
            data=data,
        )

        error_result.additional_properties = d
        return error_result

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
