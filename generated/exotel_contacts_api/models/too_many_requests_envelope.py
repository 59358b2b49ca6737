from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.http_429 import Http429
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.too_many_requests_error_result import TooManyRequestsErrorResult


T = TypeVar("T", bound="TooManyRequestsEnvelope")


@_attrs_define
class TooManyRequestsEnvelope:
    """The v2 envelope of a 429 answer.

    Attributes:
        response (TooManyRequestsErrorResult): The inner `response` of a 429 answer.
        request_id (str | Unset): Unique id of the request; quote it to Exotel support. Example:
            256c7bb3b18d477a8f11089841841092.
        method (str | Unset): The request's HTTP method (`GET`, `POST`, ...). Example: POST.
        http_code (Http429 | Unset): HTTP 429 (Too Many Requests), repeated in the body (`http_code`, `response.code`).
    """

    response: TooManyRequestsErrorResult
    request_id: str | Unset = UNSET
    method: str | Unset = UNSET
    http_code: Http429 | Unset = UNSET
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
        from ..models.too_many_requests_error_result import TooManyRequestsErrorResult  # noqa: PLC0415

        d = dict(src_dict)
        response = TooManyRequestsErrorResult.from_dict(d.pop("response"))

        request_id = d.pop("request_id", UNSET)

        method = d.pop("method", UNSET)

        _http_code = d.pop("http_code", UNSET)
        http_code: Http429 | Unset
        if isinstance(_http_code, Unset):
            http_code = UNSET
        else:
            http_code = Http429(_http_code)

        too_many_requests_envelope = cls(
            response=response,
            request_id=request_id,
            method=method,
            http_code=http_code,
        )

        too_many_requests_envelope.additional_properties = d
        return too_many_requests_envelope

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
