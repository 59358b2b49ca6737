from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.duplicate_action import DuplicateAction
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="UploadContactsRequest")


@_attrs_define
class UploadContactsRequest:
    """The multipart form of a CCM contact upload.

    Attributes:
        file (File): The CSV file (`.csv`, at most 10 MB and 50,000 records). Columns: `phone_number` (required, E.164),
            `first_name`, `last_name`, `email`, `company`, `tag`, `custom_field_1`.
        list_id (str | Unset): Associate the contacts with this list.
        duplicate_action (DuplicateAction | Unset): What to do with a row whose phone number the account already has:
            `skip` (default; the row is reported as `DUPLICATE_ENTRY` and counted in `duplicates_skipped`), `update`
            (overwrite the existing contact), `create_new` (add another contact with the same number).
    """

    file: File
    list_id: str | Unset = UNSET
    duplicate_action: DuplicateAction | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        list_id = self.list_id

        duplicate_action: str | Unset = UNSET
        if not isinstance(self.duplicate_action, Unset):
            duplicate_action = self.duplicate_action.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
            }
        )
        if list_id is not UNSET:
            field_dict["list_id"] = list_id
        if duplicate_action is not UNSET:
            field_dict["duplicate_action"] = duplicate_action

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.list_id, Unset):
            files.append(("list_id", (None, str(self.list_id).encode(), "text/plain")))

        if not isinstance(self.duplicate_action, Unset):
            files.append(
                (
                    "duplicate_action",
                    (None, str(self.duplicate_action.value).encode(), "text/plain"),
                )
            )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        list_id = d.pop("list_id", UNSET)

        _duplicate_action = d.pop("duplicate_action", UNSET)
        duplicate_action: DuplicateAction | Unset
        if isinstance(_duplicate_action, Unset):
            duplicate_action = UNSET
        else:
            duplicate_action = DuplicateAction(_duplicate_action)

        upload_contacts_request = cls(
            file=file,
            list_id=list_id,
            duplicate_action=duplicate_action,
        )

        upload_contacts_request.additional_properties = d
        return upload_contacts_request

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
