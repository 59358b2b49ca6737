from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.contact_reference import ContactReference


T = TypeVar("T", bound="AddContactsToListRequest")


@_attrs_define
class AddContactsToListRequest:
    """Up to 5000 references to existing contacts.

    Attributes:
        contact_references (list[ContactReference]):
    """

    contact_references: list[ContactReference]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contact_references = []
        for contact_references_item_data in self.contact_references:
            contact_references_item = contact_references_item_data.to_dict()
            contact_references.append(contact_references_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contact_references": contact_references,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_reference import ContactReference  # noqa: PLC0415

        d = dict(src_dict)
        contact_references = []
        _contact_references = d.pop("contact_references")
        for contact_references_item_data in _contact_references:
            contact_references_item = ContactReference.from_dict(
                contact_references_item_data
            )

            contact_references.append(contact_references_item)

        add_contacts_to_list_request = cls(
            contact_references=contact_references,
        )

        add_contacts_to_list_request.additional_properties = d
        return add_contacts_to_list_request

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
