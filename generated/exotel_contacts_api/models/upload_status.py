from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UploadStatus")


@_attrs_define
class UploadStatus:
    """A CCM upload's status. `successful + failed + duplicates_skipped` rows have been processed; once `completed` that is
    `total_records`.

        Attributes:
            upload_id (str): A CCM upload's id; follow the upload with it. Example: upload_abc123.
            status (str): CCM upload status. Known values: `processing`, `completed`, `failed`. An open set: treat unknown
                values as not yet terminal. Example: processing.
            total_records (int | Unset):
            successful (int | Unset): Rows that created or updated a contact.
            failed (int | Unset): Rows with an error other than a skipped duplicate.
            duplicates_skipped (int | Unset): Rows skipped as duplicates (`duplicate_action=skip`).
            error_file_id (None | str | Unset): Id of the error file (see `downloadErrorFile`); null while there is none.
    """

    upload_id: str
    status: str
    total_records: int | Unset = UNSET
    successful: int | Unset = UNSET
    failed: int | Unset = UNSET
    duplicates_skipped: int | Unset = UNSET
    error_file_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        upload_id = self.upload_id

        status = self.status

        total_records = self.total_records

        successful = self.successful

        failed = self.failed

        duplicates_skipped = self.duplicates_skipped

        error_file_id: None | str | Unset
        if isinstance(self.error_file_id, Unset):
            error_file_id = UNSET
        else:
            error_file_id = self.error_file_id

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
        if successful is not UNSET:
            field_dict["successful"] = successful
        if failed is not UNSET:
            field_dict["failed"] = failed
        if duplicates_skipped is not UNSET:
            field_dict["duplicates_skipped"] = duplicates_skipped
        if error_file_id is not UNSET:
            field_dict["error_file_id"] = error_file_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        upload_id = d.pop("upload_id")

        status = d.pop("status")

        total_records = d.pop("total_records", UNSET)

        successful = d.pop("successful", UNSET)

        failed = d.pop("failed", UNSET)

        duplicates_skipped = d.pop("duplicates_skipped", UNSET)

        def _parse_error_file_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_file_id = _parse_error_file_id(d.pop("error_file_id", UNSET))

        upload_status = cls(
            upload_id=upload_id,
            status=status,
            total_records=total_records,
            successful=successful,
            failed=failed,
            duplicates_skipped=duplicates_skipped,
            error_file_id=error_file_id,
        )

        upload_status.additional_properties = d
        return upload_status

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
