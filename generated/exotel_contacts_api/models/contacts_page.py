from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.http_200 import Http200
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_result import ContactResult
    from ..models.page_metadata import PageMetadata


T = TypeVar("T", bound="ContactsPage")


@_attrs_define
class ContactsPage:
    """One page of contacts (`listContacts`, `listListContacts`).

    Attributes:
        metadata (PageMetadata): Where a page sits in its listing. The listing ends when `offset + count` reaches
            `total`, or with a page shorter than `limit`; there is no next-page link.
        response (list[ContactResult]): The page's contacts, each as an item with `code` 200.
        request_id (str | Unset): Unique id of the request; quote it to Exotel support. Example:
            256c7bb3b18d477a8f11089841841092.
        method (str | Unset): The request's HTTP method (`GET`, `POST`, ...). Example: POST.
        http_code (Http200 | Unset): HTTP 200 (OK), repeated in the body (`http_code`, `response.code`).
    """

    metadata: PageMetadata
    response: list[ContactResult]
    request_id: str | Unset = UNSET
    method: str | Unset = UNSET
    http_code: Http200 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        metadata = self.metadata.to_dict()

        response = []
        for response_item_data in self.response:
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
        from ..models.contact_result import ContactResult  # noqa: PLC0415
        from ..models.page_metadata import PageMetadata  # noqa: PLC0415

        d = dict(src_dict)
        metadata = PageMetadata.from_dict(d.pop("metadata"))

        response = []
        _response = d.pop("response")
        for response_item_data in _response:
            response_item = ContactResult.from_dict(response_item_data)

            response.append(response_item)

        request_id = d.pop("request_id", UNSET)

        method = d.pop("method", UNSET)

        _http_code = d.pop("http_code", UNSET)
        http_code: Http200 | Unset
        if isinstance(_http_code, Unset):
            http_code = UNSET
        else:
            http_code = Http200(_http_code)

        contacts_page = cls(
            metadata=metadata,
            response=response,
            request_id=request_id,
            method=method,
            http_code=http_code,
        )

        contacts_page.additional_properties = d
        return contacts_page

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
