from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.failure_status import FailureStatus
from ..models.result_code import ResultCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_data import ErrorData
    from ..models.no_data import NoData


T = TypeVar("T", bound="FailedItem")


@_attrs_define
class FailedItem:
    """One input of a multi-status answer that was not done: `code` 400, 404 or 409 with its `error_data`, `status`
    `failure`, `data` null.

        Attributes:
            code (ResultCode): The code of one failed item of a multi-status answer (`createContacts`, `updateContacts`,
                `createLists`, `updateLists`, `addContactsToList`): 400 (invalid value, `error_data.code` 1002), 404 (no such
                contact or list, 1000) or 409 (duplicate, 1008). A done item has `code` 200 (`Http200`) and is a
                `ContactResult`, `ListResult` or `MembershipResult`.
            status (FailureStatus): `failure` on every error answer.
            error_data (ErrorData): What went wrong with one failed item of a multi-status answer (`FailedItem`): `code`
                1002 (invalid value, item `code` 400), 1000 (no such list or contact, 404) or 1008 (duplicate, 409), `message`
                the category, `description` the detail. A successful item carries `error_data: null` instead (`NoErrorData`).
                Error answers carry their own, non-null `error_data` (`<Name>ErrorData`, one per status).
            data (NoData | None | Unset): `data` of an error answer: always null (see `NoErrorData` for the form).
    """

    code: ResultCode
    status: FailureStatus
    error_data: ErrorData
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
        from ..models.error_data import ErrorData  # noqa: PLC0415
        from ..models.no_data import NoData  # noqa: PLC0415

        d = dict(src_dict)
        code = ResultCode(d.pop("code"))

        status = FailureStatus(d.pop("status"))

        error_data = ErrorData.from_dict(d.pop("error_data"))

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

        failed_item = cls(
            code=code,
            status=status,
            error_data=error_data,
            data=data,
        )

        failed_item.additional_properties = d
        return failed_item

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
