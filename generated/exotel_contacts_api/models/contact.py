from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.custom_field import CustomField
    from ..models.list_reference import ListReference


T = TypeVar("T", bound="Contact")


@_attrs_define
class Contact:
    """A Campaign contact.

    Attributes:
        sid (str): A Campaign id (of a contact, list or CSV upload), 32 lower-case hex digits. Example:
            f121e1f304654a668108127a1412b0fb.
        number (str): A phone number in E.164 format. Example: +919876543210.
        date_created (str | Unset): RFC 3339 timestamp. Exotel sends up to nanosecond precision
            (`2021-06-03T16:42:26.522002459+05:30`), which several date-time parsers reject, so it is typed as a string with
            the RFC 3339 pattern rather than `format: date-time`. Example: 2021-06-03T16:42:26.522002459+05:30.
        date_updated (str | Unset): RFC 3339 timestamp. Exotel sends up to nanosecond precision
            (`2021-06-03T16:42:26.522002459+05:30`), which several date-time parsers reject, so it is typed as a string with
            the RFC 3339 pattern rather than `format: date-time`. Example: 2021-06-03T16:42:26.522002459+05:30.
        account_sid (str | Unset): The account SID, as in the path. Example: exotel.
        first_name (None | str | Unset):
        last_name (None | str | Unset):
        company_name (None | str | Unset):
        email (None | str | Unset): The one rule for an acceptable email address, in requests (bulk create, both CSV
            uploads) and answers: ASCII only, at most 254 characters, a dot-atom local part (RFC 5322 atext separated by
            single dots; no quoted strings), `@`, and a host name of two or more labels (letters, digits and inner hyphens,
            at most 63 characters each) whose last label starts with a letter. The local part is at most 64 characters (RFC
            5321); the pattern, which has no lookarounds so that generators can draw values from it, says so as: at most 64
            characters without dots, or at most 32 characters besides its dots. The 254-character limit keeps the host name
            under its 253. No domain literals, no internationalised (SMTPUTF8 or IDN) addresses, and no label with hyphens
            in its 3rd and 4th places: those are kept for IDNA A-labels (`xn--...`), which validators that decode them
            refuse unless they are valid punycode, a check no pattern can make. Every address of this form also passes
            `format: email` as JSON Schema validators check it (ajv-formats, as Prism does; jsonschema-rs, as Schemathesis
            does, which also checks the 64 and 63 limits). Null in a `Contact` without an email (nullable here because
            OpenAPI 3.0 cannot make a `$ref` nullable at the point of use).
        tag (None | str | Unset):
        custom_field (CustomField | None | Unset): A contact's custom data: any key-value pairs, as JSON, nested at most
            32 levels (counted from the request body; a deeper body is answered 400, 1007). The seed's table names the field
            `custom`; its examples, and Exotel's, send `custom_field`, the name used here. In a request, null and an omitted
            key both mean no custom data; a created `Contact` always carries the key, null when it has none, like its other
            optional fields (nullable here because OpenAPI 3.0 cannot make a `$ref` nullable at the point of use).
        uri (str | Unset): The contact's path.
        lists (list[ListReference] | Unset): The lists holding the contact; sent only with `filter=show_list`.
    """

    sid: str
    number: str
    date_created: str | Unset = UNSET
    date_updated: str | Unset = UNSET
    account_sid: str | Unset = UNSET
    first_name: None | str | Unset = UNSET
    last_name: None | str | Unset = UNSET
    company_name: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    tag: None | str | Unset = UNSET
    custom_field: CustomField | None | Unset = UNSET
    uri: str | Unset = UNSET
    lists: list[ListReference] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.custom_field import CustomField  # noqa: PLC0415

        sid = self.sid

        number = self.number

        date_created = self.date_created

        date_updated = self.date_updated

        account_sid = self.account_sid

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

        uri = self.uri

        lists: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.lists, Unset):
            lists = []
            for lists_item_data in self.lists:
                lists_item = lists_item_data.to_dict()
                lists.append(lists_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sid": sid,
                "number": number,
            }
        )
        if date_created is not UNSET:
            field_dict["date_created"] = date_created
        if date_updated is not UNSET:
            field_dict["date_updated"] = date_updated
        if account_sid is not UNSET:
            field_dict["account_sid"] = account_sid
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
        if uri is not UNSET:
            field_dict["uri"] = uri
        if lists is not UNSET:
            field_dict["lists"] = lists

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.custom_field import CustomField  # noqa: PLC0415
        from ..models.list_reference import ListReference  # noqa: PLC0415

        d = dict(src_dict)
        sid = d.pop("sid")

        number = d.pop("number")

        date_created = d.pop("date_created", UNSET)

        date_updated = d.pop("date_updated", UNSET)

        account_sid = d.pop("account_sid", UNSET)

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

        uri = d.pop("uri", UNSET)

        _lists = d.pop("lists", UNSET)
        lists: list[ListReference] | Unset = UNSET
        if _lists is not UNSET:
            lists = []
            for lists_item_data in _lists:
                lists_item = ListReference.from_dict(lists_item_data)

                lists.append(lists_item)

        contact = cls(
            sid=sid,
            number=number,
            date_created=date_created,
            date_updated=date_updated,
            account_sid=account_sid,
            first_name=first_name,
            last_name=last_name,
            company_name=company_name,
            email=email,
            tag=tag,
            custom_field=custom_field,
            uri=uri,
            lists=lists,
        )

        contact.additional_properties = d
        return contact

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
