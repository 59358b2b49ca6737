from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.contact_list import ContactList
    from ..models.csv_upload_summary import CsvUploadSummary


T = TypeVar("T", bound="CsvUploadData")


@_attrs_define
class CsvUploadData:
    """
    Attributes:
        list_ (ContactList): A list of Campaign contacts.
        summary (CsvUploadSummary): The upload started by a CSV upload. The seed spells the counts `Stats` here and
            `stats` in `CsvStatus`; both are modelled as the seed shows.
    """

    list_: ContactList
    summary: CsvUploadSummary
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        list_ = self.list_.to_dict()

        summary = self.summary.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "list": list_,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_list import ContactList  # noqa: PLC0415
        from ..models.csv_upload_summary import CsvUploadSummary  # noqa: PLC0415

        d = dict(src_dict)
        list_ = ContactList.from_dict(d.pop("list"))

        summary = CsvUploadSummary.from_dict(d.pop("summary"))

        csv_upload_data = cls(
            list_=list_,
            summary=summary,
        )

        csv_upload_data.additional_properties = d
        return csv_upload_data

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
