from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContactList")


@_attrs_define
class ContactList:
    """A list of Campaign contacts.

    Attributes:
        sid (str): A Campaign id (of a contact, list or CSV upload), 32 lower-case hex digits. Example:
            f121e1f304654a668108127a1412b0fb.
        name (str):
        date_created (str | Unset): RFC 3339 timestamp. Exotel sends up to nanosecond precision
            (`2021-06-03T16:42:26.522002459+05:30`), which several date-time parsers reject, so it is typed as a string with
            the RFC 3339 pattern rather than `format: date-time`. Example: 2021-06-03T16:42:26.522002459+05:30.
        date_updated (str | Unset): RFC 3339 timestamp. Exotel sends up to nanosecond precision
            (`2021-06-03T16:42:26.522002459+05:30`), which several date-time parsers reject, so it is typed as a string with
            the RFC 3339 pattern rather than `format: date-time`. Example: 2021-06-03T16:42:26.522002459+05:30.
        account_sid (str | Unset): The account SID, as in the path. Example: exotel.
        uri (str | Unset): The list's path.
        tag (None | str | Unset):
        contact_count (int | Unset): Contacts in the list (not counting the upload in progress).
    """

    sid: str
    name: str
    date_created: str | Unset = UNSET
    date_updated: str | Unset = UNSET
    account_sid: str | Unset = UNSET
    uri: str | Unset = UNSET
    tag: None | str | Unset = UNSET
    contact_count: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sid = self.sid

        name = self.name

        date_created = self.date_created

        date_updated = self.date_updated

        account_sid = self.account_sid

        uri = self.uri

        tag: None | str | Unset
        if isinstance(self.tag, Unset):
            tag = UNSET
        else:
            tag = self.tag

        contact_count = self.contact_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sid": sid,
                "name": name,
            }
        )
        if date_created is not UNSET:
            field_dict["date_created"] = date_created
        if date_updated is not UNSET:
            field_dict["date_updated"] = date_updated
        if account_sid is not UNSET:
            field_dict["account_sid"] = account_sid
        if uri is not UNSET:
            field_dict["uri"] = uri
        if tag is not UNSET:
            field_dict["tag"] = tag
        if contact_count is not UNSET:
            field_dict["contact_count"] = contact_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sid = d.pop("sid")

        name = d.pop("name")

        date_created = d.pop("date_created", UNSET)

        date_updated = d.pop("date_updated", UNSET)

        account_sid = d.pop("account_sid", UNSET)

        uri = d.pop("uri", UNSET)

        def _parse_tag(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tag = _parse_tag(d.pop("tag", UNSET))

        contact_count = d.pop("contact_count", UNSET)

        contact_list = cls(
            sid=sid,
            name=name,
            date_created=date_created,
            date_updated=date_updated,
            account_sid=account_sid,
            uri=uri,
            tag=tag,
            contact_count=contact_count,
        )

        contact_list.additional_properties = d
        return contact_list

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
