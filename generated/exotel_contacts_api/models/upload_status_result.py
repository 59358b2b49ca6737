from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_data import ErrorData
    from ..models.upload_status import UploadStatus


T = TypeVar("T", bound="UploadStatusResult")


@_attrs_define
class UploadStatusResult:
    """
    Attributes:
        data (UploadStatus): A CCM upload's status. `successful + failed + duplicates_skipped` rows have been processed;
            once `completed` that is `total_records`.
        code (int | Unset): The status of this result (HTTP status semantics).
        status (str | Unset): `success`, `accepted` or `failure` (open set).
        error_data (ErrorData | None | Unset): What went wrong. `code` is an Exotel error code (see `ApiErrorCode`; an
            HTTP status is used where Exotel has no code of its own), `message` its category, `description` the detail. Null
            on success (nullable here because OpenAPI 3.0 cannot make a `$ref` nullable at the point of use); always present
            on errors.
    """

    data: UploadStatus
    code: int | Unset = UNSET
    status: str | Unset = UNSET
    error_data: ErrorData | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.error_data import ErrorData  # noqa: PLC0415

        data = self.data.to_dict()

        code = self.code

        status = self.status

        error_data: dict[str, Any] | None | Unset
        if isinstance(self.error_data, Unset):
            error_data = UNSET
        elif isinstance(self.error_data, ErrorData):
            error_data = self.error_data.to_dict()
        else:
            error_data = self.error_data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )
        if code is not UNSET:
            field_dict["code"] = code
        if status is not UNSET:
            field_dict["status"] = status
        if error_data is not UNSET:
            field_dict["error_data"] = error_data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_data import ErrorData  # noqa: PLC0415
        from ..models.upload_status import UploadStatus  # noqa: PLC0415

        d = dict(src_dict)
        data = UploadStatus.from_dict(d.pop("data"))

        code = d.pop("code", UNSET)

        status = d.pop("status", UNSET)

        def _parse_error_data(data: object) -> ErrorData | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_error_data_type_0 = ErrorData.from_dict(data)

                return componentsschemas_error_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ErrorData | None | Unset, data)

        error_data = _parse_error_data(d.pop("error_data", UNSET))

        upload_status_result = cls(
            data=data,
            code=code,
            status=status,
            error_data=error_data,
        )

        upload_status_result.additional_properties = d
        return upload_status_result

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
