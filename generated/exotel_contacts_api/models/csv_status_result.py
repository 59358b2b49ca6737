from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.http_200 import Http200
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.csv_status import CsvStatus


T = TypeVar("T", bound="CsvStatusResult")


@_attrs_define
class CsvStatusResult:
    """
    Attributes:
        code (Http200): HTTP 200 (OK), repeated in the body (`http_code`, `response.code`).
        status (str): `success` or `accepted` on success answers (open set of lower-case words). Example: success.
        data (CsvStatus): A Campaign CSV upload's status.
        error_data (None | Unset):
    """

    code: Http200
    status: str
    data: CsvStatus
    error_data: None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        status = self.status

        data = self.data.to_dict()

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

        d = dict(src_dict)
        code = Http200(d.pop("code"))

        status = d.pop("status")

        data = CsvStatus.from_dict(d.pop("data"))

        error_data = d.pop("error_data", UNSET)

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
