from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UploadRowError")


@_attrs_define
class UploadRowError:
    """One failed row of an upload.

    Attributes:
        row_number (int): 1-based data row number in the uploaded file (the header is not counted).
        error_code (str): Why the row failed. Known values in `ContactUploadErrorCode` (`INVALID_PHONE`,
            `DUPLICATE_ENTRY`, `MISSING_REQUIRED`, `INVALID_FORMAT`, `QUOTA_EXCEEDED`, `INVALID_EMAIL`); a string, not a
            closed enum, so that new codes do not break clients.
        phone_number (str | Unset): The row's phone number as sent (may be invalid or empty).
        error_message (str | Unset): The reason in words.
    """

    row_number: int
    error_code: str
    phone_number: str | Unset = UNSET
    error_message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        row_number = self.row_number

        error_code = self.error_code

        phone_number = self.phone_number

        error_message = self.error_message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "row_number": row_number,
                "error_code": error_code,
            }
        )
        if phone_number is not UNSET:
            field_dict["phone_number"] = phone_number
        if error_message is not UNSET:
            field_dict["error_message"] = error_message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        row_number = d.pop("row_number")

        error_code = d.pop("error_code")

        phone_number = d.pop("phone_number", UNSET)

        error_message = d.pop("error_message", UNSET)

        upload_row_error = cls(
            row_number=row_number,
            error_code=error_code,
            phone_number=phone_number,
            error_message=error_message,
        )

        upload_row_error.additional_properties = d
        return upload_row_error

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
