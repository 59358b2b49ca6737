from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PageMetadata")


@_attrs_define
class PageMetadata:
    """Where a page sits in its listing. The listing ends when `offset + count` reaches `total`, or with a page shorter
    than `limit`; there is no next-page link.

        Attributes:
            count (int): Records on this page.
            offset (int): The `offset` asked for.
            limit (int): The `limit` asked for (20 when not given).
            total (int): Records in the whole listing (with its filters).
    """

    count: int
    offset: int
    limit: int
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        offset = self.offset

        limit = self.limit

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "offset": offset,
                "limit": limit,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        count = d.pop("count")

        offset = d.pop("offset")

        limit = d.pop("limit")

        total = d.pop("total")

        page_metadata = cls(
            count=count,
            offset=offset,
            limit=limit,
            total=total,
        )

        page_metadata.additional_properties = d
        return page_metadata

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
