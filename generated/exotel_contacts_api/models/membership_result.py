from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.http_200 import Http200
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.list_membership import ListMembership
    from ..models.no_error_data import NoErrorData


T = TypeVar("T", bound="MembershipResult")


@_attrs_define
class MembershipResult:
    """One membership as an item: `code` 200 and the membership in `data` (`removeContactFromList`, a done item of
    `addContactsToList`).

        Attributes:
            code (Http200): HTTP 200 (OK), repeated in the body (`http_code`, `response.code`).
            status (str): `success` or `accepted` on success answers (open set of lower-case words). Example: success.
            data (ListMembership): A contact's place in a list.
            error_data (NoErrorData | None | Unset): `error_data` of a success answer: always null. (Said as a nullable
                object without properties: `enum: [null]` would be exact, but Prism then silently skips validating the whole
                answer.)
    """

    code: Http200
    status: str
    data: ListMembership
    error_data: NoErrorData | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.no_error_data import NoErrorData  # noqa: PLC0415

        code = self.code.value

        status = self.status

        data = self.data.to_dict()

        error_data: dict[str, Any] | None | Unset
        if isinstance(self.error_data, Unset):
            error_data = UNSET
        elif isinstance(self.error_data, NoErrorData):
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
        from ..models.list_membership import ListMembership  # noqa: PLC0415
        from ..models.no_error_data import NoErrorData  # noqa: PLC0415

        d = dict(src_dict)
        code = Http200(d.pop("code"))

        status = d.pop("status")

        data = ListMembership.from_dict(d.pop("data"))

        def _parse_error_data(data: object) -> NoErrorData | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_no_error_data_type_0 = NoErrorData.from_dict(data)

                return componentsschemas_no_error_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NoErrorData | None | Unset, data)

        error_data = _parse_error_data(d.pop("error_data", UNSET))

        membership_result = cls(
            code=code,
            status=status,
            data=data,
            error_data=error_data,
        )

        membership_result.additional_properties = d
        return membership_result

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
