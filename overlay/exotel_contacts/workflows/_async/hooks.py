"""What bulk create and import need of a client, as a Protocol (the seam they are typed against)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

import httpx

from exotel_contacts.core.base_client import BaseHooks, Sent

if TYPE_CHECKING:
    from exotel_contacts.base.families import Family
    from exotel_contacts.core.files import FileInput
    from exotel_contacts.core.polling import UploadProgress
    from exotel_contacts_api.models import (
        CsvStatus,
        CsvUploadData,
        UploadAccepted,
        UploadErrors,
        UploadStatus,
    )

__all__ = ["AsyncClientHooks"]


class AsyncClientHooks(BaseHooks, Protocol):
    """The client's side-specific hooks, on top of :class:`~exotel_contacts.core.base_client.BaseHooks`."""

    def _http(self, family: Family) -> httpx.AsyncClient: ...

    async def _upload_contacts(
        self, file: FileInput, *, list_id: str | None, duplicate_action: str
    ) -> Sent[UploadAccepted]: ...

    async def _csv_upload(self, file: FileInput, *, list_name: str, type: str) -> Sent[CsvUploadData]: ...

    async def get_upload_errors(self, upload_id: str) -> UploadErrors: ...

    async def wait_for_upload(
        self,
        upload_id: str,
        *,
        timeout: float | None = ...,
        first_wait: float = ...,
        on_progress: Callable[[UploadProgress], Any] | None = ...,
        raise_on_failure: bool = ...,
    ) -> UploadStatus: ...

    async def wait_for_csv_upload(
        self,
        upload_id: str,
        *,
        timeout: float | None = ...,
        first_wait: float = ...,
        on_progress: Callable[[UploadProgress], Any] | None = ...,
        raise_on_failure: bool = ...,
    ) -> CsvStatus: ...
