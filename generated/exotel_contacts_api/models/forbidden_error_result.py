from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.failure_status import FailureStatus
from ..models.http_403 import Http403
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.forbidden_error_data import ForbiddenErrorData
    from ..models.no_data import NoData


T = TypeVar("T", bound="ForbiddenErrorResult")


@_attrs_define
class ForbiddenErrorResult:
    """The inner `response` of a 403 answer.

    Attributes:
        code (Http403): HTTP 403 (Forbidden), repeated in the body (`http_code`, `response.code`).
        status (FailureStatus): `failure` on every error answer.
        error_data (ForbiddenErrorData): What went wrong; always sent with a 403.
        data (NoData | None | Unset): `data` of an error answer: always null (see `NoErrorData` for the form).
    """

    code: Http403
    status: FailureStatus
    error_data: ForbiddenErrorData
    data: NoData | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.no_data import NoData  # noqa: PLC0415

        code = self.code.value

        status = self.status.value

        error_data = self.error_data.to_dict()

        data: dict[str, Any] | None | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        elif isinstance(self.data, NoData):
            data = self.data.to_dict()
        else:
            data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "status": status,
                "error_data": error_data,
            }
        )
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.forbidden_error_data import ForbiddenErrorData  # noqa: PLC0415
        from ..models.no_data import NoData  # noqa: PLC0415

        d = dict(src_dict)
        code = Http403(d.pop("code"))

        status = FailureStatus(d.pop("status"))

        error_data = ForbiddenErrorData.from_dict(d.pop("error_data"))

        def _parse_data(data: object) -> NoData | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_no_data_type_0 = NoData.from_dict(data)

                return componentsschemas_no_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NoData | None | Unset, data)

        data = _parse_data(d.pop("data", UNSET))

        forbidden_error_result = cls(
            code=code,
            status=status,
            error_data=error_data,
            data=data,
        )

        forbidden_error_result.additional_properties = d
        return forbidden_error_result

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
