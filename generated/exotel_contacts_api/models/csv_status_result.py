from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.csv_status import CsvStatus
    from ..models.error_data import ErrorData


T = TypeVar("T", bound="CsvStatusResult")


@_attrs_define
class CsvStatusResult:
    """
    Attributes:
        code (int): The status of this result (HTTP status semantics).
        status (str): `success`, `accepted` or `failure` (open set).
        data (CsvStatus): A Campaign CSV upload's status.
        error_data (ErrorData | None | Unset): What went wrong. `code` is an Exotel error code (see `ApiErrorCode`; an
            HTTP status is used where Exotel has no code of its own), `message` its category, `description` the detail. Null
            on success (nullable here because OpenAPI 3.0 cannot make a `$ref` nullable at the point of use); always present
            on errors.
    """

    code: int
    status: str
    data: CsvStatus
    error_data: ErrorData | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.error_data import ErrorData  # noqa: PLC0415

        code = self.code

        status = self.status

        data = self.data.to_dict()

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
                "code": code,
                "status": status,
                "data": data,
            }
        )
        if error_data is not UNSET:
            field_dict["error_data"] = error_data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.csv_status import CsvStatus  # noqa: PLC0415
        from ..models.error_data import ErrorData  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        status = d.pop("status")

        data = CsvStatus.from_dict(d.pop("data"))

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

        csv_status_result = cls(
            code=code,
            status=status,
            data=data,
            error_data=error_data,
        )

        csv_status_result.additional_properties = d
        return csv_status_result

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
