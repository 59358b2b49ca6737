from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.list_type import ListType
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="CsvUploadRequest")


@_attrs_define
class CsvUploadRequest:
    """The multipart form of a Campaign CSV upload.

    Attributes:
        list_name (str): The list the contacts are added to; created when it does not exist.
        file_name (File): The CSV file (at most 60 MB). Columns: `number` (required, E.164), `first_name`, `last_name`,
            `company_name`, `email`, `tag`.
        type_ (ListType | Unset): `static` (default; at most 100,000 contacts in the list) or `dynamic` (at most
            500,000, with up to 5 variables; use it to personalise calls or SMS with the contact's metadata).
    """

    list_name: str
    file_name: File
    type_: ListType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        list_name = self.list_name

        file_name = self.file_name.to_tuple()

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "list_name": list_name,
                "file_name": file_name,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("list_name", (None, str(self.list_name).encode(), "text/plain")))

        files.append(("file_name", self.file_name.to_tuple()))

        if not isinstance(self.type_, Unset):
            files.append(("type", (None, str(self.type_.value).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        list_name = d.pop("list_name")

        file_name = File(payload=BytesIO(d.pop("file_name")))

        _type_ = d.pop("type", UNSET)
        type_: ListType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = ListType(_type_)

        csv_upload_request = cls(
            list_name=list_name,
            file_name=file_name,
            type_=type_,
        )

        csv_upload_request.additional_properties = d
        return csv_upload_request

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
