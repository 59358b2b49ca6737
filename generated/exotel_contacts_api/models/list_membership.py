from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ListMembership")


@_attrs_define
class ListMembership:
    """A contact's place in a list.

    Attributes:
        list_id (str): A Campaign id (of a contact, list or CSV upload), 32 lower-case hex digits. Example:
            f121e1f304654a668108127a1412b0fb.
        contact_sid (str): A Campaign id (of a contact, list or CSV upload), 32 lower-case hex digits. Example:
            f121e1f304654a668108127a1412b0fb.
        uri (str | Unset): The membership's path (`removeContactFromList`).
    """

    list_id: str
    contact_sid: str
    uri: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        list_id = self.list_id

        contact_sid = self.contact_sid

        uri = self.uri

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "list_id": list_id,
                "contact_sid": contact_sid,
            }
        )
        if uri is not UNSET:
            field_dict["uri"] = uri

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        list_id = d.pop("list_id")

        contact_sid = d.pop("contact_sid")

        uri = d.pop("uri", UNSET)

        list_membership = cls(
            list_id=list_id,
            contact_sid=contact_sid,
            uri=uri,
        )

        list_membership.additional_properties = d
        return list_membership

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
