from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UploadAccepted")


@_attrs_define
class UploadAccepted:
    """An accepted CCM upload.

    Attributes:
        upload_id (str): A CCM upload's id; follow the upload with it. Example: upload_abc123.
        status (str): CCM upload status. Known values: `processing`, `completed`, `failed`. An open set: treat unknown
            values as not yet terminal. Example: processing.
        total_records (int | Unset): Data rows in the file (the header is not counted).
        estimated_time_seconds (int | Unset): How long processing is expected to take (at most a day); a good first wait
            before polling.
    """

    upload_id: str
    status: str
    total_records: int | Unset = UNSET
    estimated_time_seconds: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        upload_id = self.upload_id

        status = self.status

        total_records = self.total_records

        estimated_time_seconds = self.estimated_time_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "upload_id": upload_id,
                "status": status,
            }
        )
        if total_records is not UNSET:
            field_dict["total_records"] = total_records
        if estimated_time_seconds is not UNSET:
            field_dict["estimated_time_seconds"] = estimated_time_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        upload_id = d.pop("upload_id")

        status = d.pop("status")

        total_records = d.pop("total_records", UNSET)

        estimated_time_seconds = d.pop("estimated_time_seconds", UNSET)

        upload_accepted = cls(
            upload_id=upload_id,
            status=status,
            total_records=total_records,
            estimated_time_seconds=estimated_time_seconds,
        )

        upload_accepted.additional_properties = d
        return upload_accepted

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
