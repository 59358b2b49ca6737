from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.conflict_error_response_http_code import ConflictErrorResponseHttpCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conflict_error_result import ConflictErrorResult


T = TypeVar("T", bound="ConflictErrorResponse")


@_attrs_define
class ConflictErrorResponse:
    """The v2 envelope of a 409 answer.

    Attributes:
        response (ConflictErrorResult): The inner `response` of a 409 answer.
        request_id (str | Unset): Unique id of the request; quote it to Exotel support. Example:
            256c7bb3b18d477a8f11089841841092.
        method (str | Unset): The request's HTTP method (`GET`, `POST`, ...). Example: POST.
        http_code (ConflictErrorResponseHttpCode | Unset): The HTTP status, repeated; or 200, a seen quirk (see the
            `Conflict` response).
    """

    response: ConflictErrorResult
    request_id: str | Unset = UNSET
    method: str | Unset = UNSET
    http_code: ConflictErrorResponseHttpCode | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        response = self.response.to_dict()

        request_id = self.request_id

        method = self.method

        http_code: int | Unset = UNSET
        if not isinstance(self.http_code, Unset):
            http_code = self.http_code.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "response": response,
            }
        )
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if method is not UNSET:
            field_dict["method"] = method
        if http_code is not UNSET:
            field_dict["http_code"] = http_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conflict_error_result import ConflictErrorResult  # noqa: PLC0415

        d = dict(src_dict)
        response = ConflictErrorResult.from_dict(d.pop("response"))

        request_id = d.pop("request_id", UNSET)

        method = d.pop("method", UNSET)

        _http_code = d.pop("http_code", UNSET)
        http_code: ConflictErrorResponseHttpCode | Unset
        if isinstance(_http_code, Unset):
            http_code = UNSET
        else:
            http_code = ConflictErrorResponseHttpCode(_http_code)

        conflict_error_response = cls(
            response=response,
            request_id=request_id,
            method=method,
            http_code=http_code,
        )

        conflict_error_response.additional_properties = d
        return conflict_error_response

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
