from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.custom_field import CustomField


T = TypeVar("T", bound="ContactUpdate")


@_attrs_define
class ContactUpdate:
    """A partial contact: the fields to change (at least one). A field sent as null is cleared (`number` cannot be
    cleared). Unlike `createContacts`, which answers per item, a single update either applies or is refused with 400, so
    its values are constrained here: `number` is E.164 or a national number (a leading 0), `email` follows
    `EmailAddress` (null clears it), the texts hold no control characters other than tab and line breaks.

        Attributes:
            number (str | Unset): E.164, or a national number matched to a country (as in `createContacts`).
            first_name (None | str | Unset):
            last_name (None | str | Unset):
            company_name (None | str | Unset):
            email (None | str | Unset): The `EmailAddress` rule written out (its format, length and pattern, the same); null
                clears it.
            tag (None | str | Unset):
            custom_field (CustomField | None | Unset): A contact's custom data: any key-value pairs, as JSON, nested at most
                32 levels (counted from the request body; a deeper body is answered 400, 1007). The seed's table names the field
                `custom`; its examples, and Exotel's, send `custom_field`, the name used here. In a request, null and an omitted
                key both mean no custom data; a created `Contact` always carries the key, null when it has none, like its other
                optional fields (nullable here because OpenAPI 3.0 cannot make a `$ref` nullable at the point of use).
    """

    number: str | Unset = UNSET
    first_name: None | str | Unset = UNSET
    last_name: None | str | Unset = UNSET
    company_name: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    tag: None | str | Unset = UNSET
    custom_field: CustomField | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.custom_field import CustomField  # noqa: PLC0415

        number = self.number

        first_name: None | str | Unset
        if isinstance(self.first_name, Unset):
            first_name = UNSET
        else:
            first_name = self.first_name

        last_name: None | str | Unset
        if isinstance(self.last_name, Unset):
            last_name = UNSET
        else:
            last_name = self.last_name

        company_name: None | str | Unset
        if isinstance(self.company_name, Unset):
            company_name = UNSET
        else:
            company_name = self.company_name

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        tag: None | str | Unset
        if isinstance(self.tag, Unset):
            tag = UNSET
        else:
            tag = self.tag

        custom_field: dict[str, Any] | None | Unset
        if isinstance(self.custom_field, Unset):
            custom_field = UNSET
        elif isinstance(self.custom_field, CustomField):
            custom_field = self.custom_field.to_dict()
        else:
            custom_field = self.custom_field

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if number is not UNSET:
            field_dict["number"] = number
        if first_name is not UNSET:
            field_dict["first_name"] = first_name
        if last_name is not UNSET:
            field_dict["last_name"] = last_name
        if company_name is not UNSET:
            field_dict["company_name"] = company_name
        if email is not UNSET:
            field_dict["email"] = email
        if tag is not UNSET:
            field_dict["tag"] = tag
        if custom_field is not UNSET:
            field_dict["custom_field"] = custom_field

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.custom_field import CustomField  # noqa: PLC0415

        d = dict(src_dict)
        number = d.pop("number", UNSET)

        def _parse_first_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        first_name = _parse_first_name(d.pop("first_name", UNSET))

        def _parse_last_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_name = _parse_last_name(d.pop("last_name", UNSET))

        def _parse_company_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        company_name = _parse_company_name(d.pop("company_name", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_tag(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tag = _parse_tag(d.pop("tag", UNSET))

        def _parse_custom_field(data: object) -> CustomField | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_custom_field_type_0 = CustomField.from_dict(data)

                return componentsschemas_custom_field_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomField | None | Unset, data)

        custom_field = _parse_custom_field(d.pop("custom_field", UNSET))

        contact_update = cls(
            number=number,
            first_name=first_name,
            last_name=last_name,
            company_name=company_name,
            email=email,
            tag=tag,
            custom_field=custom_field,
        )

        contact_update.additional_properties = d
        return contact_update

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
