from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.http_207 import Http207
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bulk_metadata import BulkMetadata
    from ..models.failed_item import FailedItem
    from ..models.membership_result import MembershipResult


T = TypeVar("T", bound="MembershipsMultiStatus")


@_attrs_define
class MembershipsMultiStatus:
    """The 207 answer of `addContactsToList`.

    Attributes:
        metadata (BulkMetadata): Counts of a bulk request.
        response (list[FailedItem | MembershipResult]): One item per reference, in input order (so at most 5000, the
            request's `maxItems`; not repeated here as `maxItems`, which random-data mocks such as Prism's take as the
            length to generate).
        request_id (str | Unset): Unique id of the request; quote it to Exotel support. Example:
            256c7bb3b18d477a8f11089841841092.
        method (str | Unset): The request's HTTP method (`GET`, `POST`, ...). Example: POST.
        http_code (Http207 | Unset): HTTP 207 (Multi-Status), repeated in the body (`http_code`, `response.code`).
    """

    metadata: BulkMetadata
    response: list[FailedItem | MembershipResult]
    request_id: str | Unset = UNSET
    method: str | Unset = UNSET
    http_code: Http207 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.failed_item import FailedItem  # noqa: PLC0415

        metadata = self.metadata.to_dict()

        response = []
        for response_item_data in self.response:
            response_item: dict[str, Any]
            if isinstance(response_item_data, FailedItem):
                response_item = response_item_data.to_dict()
            else:
                response_item = response_item_data.to_dict()

            response.append(response_item)

        request_id = self.request_id

        method = self.method

        http_code: int | Unset = UNSET
        if not isinstance(self.http_code, Unset):
            http_code = self.http_code.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "metadata": metadata,
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
        from ..models.bulk_metadata import BulkMetadata  # noqa: PLC0415
        from ..models.failed_item import FailedItem  # noqa: PLC0415
        from ..models.membership_result import MembershipResult  # noqa: PLC0415

        d = dict(src_dict)
        metadata = BulkMetadata.from_dict(d.pop("metadata"))

        response = []
        _response = d.pop("response")
        for response_item_data in _response:

            def _parse_response_item(data: object) -> FailedItem | MembershipResult:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    response_item_type_0 = FailedItem.from_dict(data)

                    return response_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                response_item_type_1 = MembershipResult.from_dict(data)

                return response_item_type_1

            response_item = _parse_response_item(response_item_data)

            response.append(response_item)

        request_id = d.pop("request_id", UNSET)

        method = d.pop("method", UNSET)

        _http_code = d.pop("http_code", UNSET)
        http_code: Http207 | Unset
        if isinstance(_http_code, Unset):
            http_code = UNSET
        else:
            http_code = Http207(_http_code)

        memberships_multi_status = cls(
            metadata=metadata,
            response=response,
            request_id=request_id,
            method=method,
            http_code=http_code,
        )

        memberships_multi_status.additional_properties = d
        return memberships_multi_status

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
