from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.rest_exception_error_body_rest_exception import (
        RestExceptionErrorBodyRestException,
    )


T = TypeVar("T", bound="RestExceptionErrorBody")


@_attrs_define
class RestExceptionErrorBody:
    """The v1 APIs' error body: `{"RestException": {"Status", "Message", "Code"}}`.

    Attributes:
        rest_exception (RestExceptionErrorBodyRestException):
    """

    rest_exception: RestExceptionErrorBodyRestException
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rest_exception = self.rest_exception.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "RestException": rest_exception,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rest_exception_error_body_rest_exception import (
            RestExceptionErrorBodyRestException,  # noqa: PLC0415
        )

        d = dict(src_dict)
        rest_exception = RestExceptionErrorBodyRestException.from_dict(
            d.pop("RestException")
        )

        rest_exception_error_body = cls(
            rest_exception=rest_exception,
        )

        rest_exception_error_body.additional_properties = d
        return rest_exception_error_body

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
