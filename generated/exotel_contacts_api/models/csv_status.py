from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.csv_upload_stats import CsvUploadStats


T = TypeVar("T", bound="CsvStatus")


@_attrs_define
class CsvStatus:
    """A Campaign CSV upload's status.

    Attributes:
        upload_id (str): A Campaign id (of a contact, list or CSV upload), 32 lower-case hex digits. Example:
            f121e1f304654a668108127a1412b0fb.
        status (str): Campaign CSV upload status. Known values: `in-progress`, `completed`, `failed`. An open set: treat
            unknown values as not yet terminal. Example: in-progress.
        list_sid (str | Unset): A Campaign id (of a contact, list or CSV upload), 32 lower-case hex digits. Example:
            f121e1f304654a668108127a1412b0fb.
        url (str | Unset): Path of this status.
        account_sid (str | Unset): The account SID, as in the path. Example: exotel.
        date_created (str | Unset): RFC 3339 timestamp. Exotel sends up to nanosecond precision
            (`2021-06-03T16:42:26.522002459+05:30`), which several date-time parsers reject, so it is typed as a string with
            the RFC 3339 pattern rather than `format: date-time`. Example: 2021-06-03T16:42:26.522002459+05:30.
        date_updated (str | Unset): RFC 3339 timestamp. Exotel sends up to nanosecond precision
            (`2021-06-03T16:42:26.522002459+05:30`), which several date-time parsers reject, so it is typed as a string with
            the RFC 3339 pattern rather than `format: date-time`. Example: 2021-06-03T16:42:26.522002459+05:30.
        stats (CsvUploadStats | Unset): Counts of a CSV upload; null while unknown.
    """

    upload_id: str
    status: str
    list_sid: str | Unset = UNSET
    url: str | Unset = UNSET
    account_sid: str | Unset = UNSET
    date_created: str | Unset = UNSET
    date_updated: str | Unset = UNSET
    stats: CsvUploadStats | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        upload_id = self.upload_id

        status = self.status

        list_sid = self.list_sid

        url = self.url

        account_sid = self.account_sid

        date_created = self.date_created

        date_updated = self.date_updated

        stats: dict[str, Any] | Unset = UNSET
        if not isinstance(self.stats, Unset):
            stats = self.stats.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "upload_id": upload_id,
                "status": status,
            }
        )
        if list_sid is not UNSET:
            field_dict["list_sid"] = list_sid
        if url is not UNSET:
            field_dict["url"] = url
        if account_sid is not UNSET:
            field_dict["accountSid"] = account_sid
        if date_created is not UNSET:
            field_dict["date_created"] = date_created
        if date_updated is not UNSET:
            field_dict["date_updated"] = date_updated
        if stats is not UNSET:
            field_dict["stats"] = stats

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.csv_upload_stats import CsvUploadStats  # noqa: PLC0415

        d = dict(src_dict)
        upload_id = d.pop("upload_id")

        status = d.pop("status")

        list_sid = d.pop("list_sid", UNSET)

        url = d.pop("url", UNSET)

        account_sid = d.pop("accountSid", UNSET)

        date_created = d.pop("date_created", UNSET)

        date_updated = d.pop("date_updated", UNSET)

        _stats = d.pop("stats", UNSET)
        stats: CsvUploadStats | Unset
        if isinstance(_stats, Unset):
            stats = UNSET
        else:
            stats = CsvUploadStats.from_dict(_stats)

        csv_status = cls(
            upload_id=upload_id,
            status=status,
            list_sid=list_sid,
            url=url,
            account_sid=account_sid,
            date_created=date_created,
            date_updated=date_updated,
            stats=stats,
        )

        csv_status.additional_properties = d
        return csv_status

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
