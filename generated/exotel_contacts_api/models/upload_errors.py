from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.upload_row_error import UploadRowError


T = TypeVar("T", bound="UploadErrors")


@_attrs_define
class UploadErrors:
    """The failed rows of an upload.

    Attributes:
        upload_id (str): A CCM upload's id; follow the upload with it. Example: upload_abc123.
        error_count (int):
        errors (list[UploadRowError]):
        error_file_url (None | str | Unset): Absolute URL of the error CSV (see `downloadErrorFile` for its format),
            pre-signed: fetch it as given, without credentials. Null when there are no failed rows. The pattern keeps host
            names valid (at most six labels of at most 40 characters, so never past DNS's 253); `x-faker` asks random-data
            mocks for a readable URL. Example: https://exotel-ccm-error-files.s3.ap-
            southeast-1.amazonaws.com/AC1234/errors_upload_abc123.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-
            Expires=86400&X-Amz-Signature=3f1c0e5a9b7d.
    """

    upload_id: str
    error_count: int
    errors: list[UploadRowError]
    error_file_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        upload_id = self.upload_id

        error_count = self.error_count

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        error_file_url: None | str | Unset
        if isinstance(self.error_file_url, Unset):
            error_file_url = UNSET
        else:
            error_file_url = self.error_file_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "upload_id": upload_id,
                "error_count": error_count,
                "errors": errors,
            }
        )
        if error_file_url is not UNSET:
            field_dict["error_file_url"] = error_file_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.upload_row_error import UploadRowError  # noqa: PLC0415

        d = dict(src_dict)
        upload_id = d.pop("upload_id")

        error_count = d.pop("error_count")

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = UploadRowError.from_dict(errors_item_data)

            errors.append(errors_item)

        def _parse_error_file_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_file_url = _parse_error_file_url(d.pop("error_file_url", UNSET))

        upload_errors = cls(
            upload_id=upload_id,
            error_count=error_count,
            errors=errors,
            error_file_url=error_file_url,
        )

        upload_errors.additional_properties = d
        return upload_errors

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
