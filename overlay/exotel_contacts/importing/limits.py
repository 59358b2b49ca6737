"""Per-request and per-list limits of the two upload methods: openapi.yaml's ``x-limits`` of
``uploadContacts`` and ``csvUploadContacts`` (seeds 001 and 002)."""

from __future__ import annotations

from dataclasses import dataclass

from exotel_contacts.base.settings import check_count
from exotel_contacts.spec.operations import OPERATIONS

__all__ = ["Limits"]

_LARGEST = 2**62
_CCM = OPERATIONS["uploadContacts"].limits
_CAMPAIGN = OPERATIONS["csvUploadContacts"].limits
#: "MB" read as 10**6 bytes, the smaller of the two readings, so a part never exceeds either.
_MB = 10**6


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps a split must respect; defaults are the documented Exotel limits.

    "MB" is read as 10**6 bytes, the smaller of the two readings, so a part never exceeds
    either. Tests pass small values to exercise the boundaries with small files.
    """

    ccm_max_rows: int = _CCM["max_records"]
    """Data rows per CCM upload (header not counted)."""
    ccm_max_bytes: int = _CCM["max_file_mb"] * _MB
    """Bytes per CCM upload file, header included."""
    campaign_max_bytes: int = _CAMPAIGN["max_file_mb"] * _MB
    """Bytes per Campaign CSV upload file, header included."""
    campaign_static_list_cap: int = _CAMPAIGN["static_list_cap"]
    """Contacts a static Campaign list may hold in all."""
    campaign_dynamic_list_cap: int = _CAMPAIGN["dynamic_list_cap"]
    """Contacts a dynamic Campaign list may hold in all."""

    def __post_init__(self) -> None:
        # InvalidSettingError is a ValueError too, as this check's error was.
        for name in self.__dataclass_fields__:
            check_count(getattr(self, name), f"Limits.{name}", minimum=1, maximum=_LARGEST)
