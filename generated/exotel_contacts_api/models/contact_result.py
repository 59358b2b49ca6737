from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.result_code import ResultCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact import Contact
    from ..models.error_data import ErrorData


T = TypeVar("T", bound="ContactResult")


@_attrs_define
class ContactResult:
    """The outcome of one input contact: `code` 200 with the contact in `data`, or 400 (invalid, `error_data.code` 1002) /
    409 (duplicate, `error_data.code` 1008) with `data` null.

        Attributes:
            code (ResultCode): The outcome of one item of a multi-status answer (`createContacts`, `updateContacts`,
                `createLists`, `updateLists`, `addContactsToList`), or the single result of a list answer: 200 (done), 400
                (invalid value, `error_data.code` 1002), 404 (no such contact or list, 1000) or 409 (duplicate, 1008).
            status (str): `success` or `failure` (open set of lower-case words).
            error_data (ErrorData | None | Unset): What went wrong with one item of a multi-status answer (or one list or
                membership result): `code` 1002 (invalid value, item `code` 400), 1000 (no such list or contact, 404) or 1008
                (duplicate, 409), `message` the category, `description` the detail. Null on a successful item (nullable here
                because OpenAPI 3.0 cannot make a `$ref` nullable at the point of use). Error answers carry their own, non-null
                `error_data` (`<Name>ErrorData`, one per status).
            data (Contact | None | Unset): A created Campaign contact (null in a failed `ContactResult`; nullable here
                because OpenAPI 3.0 cannot make a `$ref` nullable at the point of use).
    """

    code: ResultCode
    status: str
    error_data: ErrorData | None | Unset = UNSET
    data: Contact | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact import Contact  # noqa: PLC0415
        from ..models.error_data import ErrorData  # noqa: PLC0415

        code = self.code.value

        status = self.status

        error_data: dict[str, Any] | None | Unset
        if isinstance(self.error_data, Unset):
            error_data = UNSET
        elif isinstance(self.error_data, ErrorData):
            error_data = self.error_data.to_dict()
        else:
            error_data = self.error_data

        data: dict[str, Any] | None | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        elif isinstance(self.data, Contact):
            data = self.data.to_dict()
        else:
            data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "status": status,
            }
        )
        if error_data is not UNSET:
            field_dict["error_data"] = error_data
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact import Contact  # noqa: PLC0415
        from ..models.error_data import ErrorData  # noqa: PLC0415

        d = dict(src_dict)
        code = ResultCode(d.pop("code"))

        status = d.pop("status")

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

        def _parse_data(data: object) -> Contact | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_contact_type_0 = Contact.from_dict(data)

                return componentsschemas_contact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Contact | None | Unset, data)

        data = _parse_data(d.pop("data", UNSET))

        contact_result = cls(
            code=code,
            status=status,
            error_data=error_data,
            data=data,
        )

        contact_result.additional_properties = d
        return contact_result

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
