"""The operations of openapi.yaml, resolved by operationId (see `Handlers.resolve`)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import math
import time
from collections.abc import Callable, Generator
from typing import IO, Any

from connexion import context as connexion_context
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response

from .auth import require_account
from .config import MockConfig
from .csvfile import CAMPAIGN_COLUMNS, CCM_COLUMNS, CsvProblem, CsvRow, read_rows
from .directory_handlers import DirectoryHandlers
from .envelope import MockError, new_request_id, success_body
from .forms import parsed_form
from .rules import check_email, check_fields, normalise_number
from .spec import rules
from .store import Store
from .worker import Worker

__all__ = ["Handlers"]

_RULES = rules()
# The error file's header; a test pins it to the pattern of the spec's `downloadErrorFile` answer.
_ERROR_CSV_HEADER = ("row_number", "phone_number", "first_name", "last_name", "error_code", "error_message")


def _json(body: Any, status: int) -> Response:
    return Response(json.dumps(body), status_code=status, media_type="application/json")


def _request() -> Request:
    scope = connexion_context.scope
    return Request(scope)


def _file_part(form: FormData, name: str) -> IO[bytes]:
    value = form.get(name)
    if isinstance(value, UploadFile):
        value.file.seek(0)
        return value.file
    if isinstance(value, str):
        return io.BytesIO(value.encode("utf-8"))
    raise MockError(400, f"The part {name} is missing", code=1001)


def _string_part(form: FormData, name: str, default: str | None) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) else default


class Handlers:
    """One async method per operationId; the store, config and worker they share.

    Every store call runs in a worker thread (`asyncio.to_thread`): the store serialises its work
    behind one lock, and waiting for that lock on the event loop stalled every request at once.
    """

    def __init__(self, store: Store, config: MockConfig, worker: Worker) -> None:
        self.store = store
        self.config = config
        self.worker = worker
        self.directory = DirectoryHandlers(store, config)

    def resolve(self, operation_id: str) -> Callable[..., Any]:
        """The handler of an operationId (connexion's resolver function): uploads here, the contact
        and list operations in `DirectoryHandlers`."""
        owner = self if hasattr(self, operation_id) else self.directory
        handler: Callable[..., Any] = getattr(owner, operation_id)
        return handler

    def _authorise(self, account_sid: str) -> None:
        require_account(dict(connexion_context.context), account_sid)

    async def _estimate(self) -> int:
        rate = self.config.processing_rate
        return 0 if rate <= 0 else math.ceil(await asyncio.to_thread(self.store.backlog) / rate)

    @staticmethod
    async def _read_upload(
        rows_of: Callable[[], Generator[CsvRow, None, None]],
        create: Callable[[Generator[CsvRow, None, None]], Any],
    ) -> Any:
        def run() -> Any:
            rows = rows_of()
            try:
                return create(rows)
            finally:
                rows.close()  # now, not at garbage collection: the reader must let go of the file first

        try:
            return await asyncio.to_thread(run)
        except CsvProblem as exc:
            raise MockError(400, exc.description, code=exc.code) from None

    # ---- CCM ---------------------------------------------------------------------------------
    async def uploadContacts(self, account_sid: str) -> Response:
        """POST /v2/accounts/{account_sid}/contacts/upload: 202 and the upload in the background."""
        form = parsed_form(connexion_context.scope)
        try:
            return await self._upload_contacts(account_sid, form)
        finally:
            await form.close()

    async def _upload_contacts(self, account_sid: str, form: FormData) -> Response:
        self._authorise(account_sid)
        in_progress = await asyncio.to_thread(self.store.ccm.in_progress, account_sid)
        if in_progress >= self.config.ccm_max_concurrent_uploads:
            raise MockError(
                429,
                f"At most {self.config.ccm_max_concurrent_uploads} uploads may be in progress per account",
                code=429,
                headers={"Retry-After": str(max(1, await self._estimate()))},
            )
        file = _file_part(form, "file")
        action = _string_part(form, "duplicate_action", None) or _RULES.duplicate_action_default
        list_id = _string_part(form, "list_id", None)
        upload_id, total = await self._read_upload(
            lambda: read_rows(
                file,
                CCM_COLUMNS,
                max_records=self.config.ccm_max_records,
                max_field_length=self.config.max_field_length,
            ),
            lambda rows: self.store.ccm.create(account_sid, rows, duplicate_action=action, list_id=list_id),
        )
        self.worker.wake()
        data = {
            "upload_id": upload_id,
            "total_records": total,
            "status": "processing",
            "estimated_time_seconds": await self._estimate(),
        }
        return _json(success_body("POST", 202, data, result_status="accepted"), 202)

    async def _ccm_upload(self, account_sid: str, upload_id: str) -> dict[str, Any]:
        self._authorise(account_sid)
        upload = await asyncio.to_thread(self.store.ccm.upload, account_sid, upload_id)
        if upload is None:
            raise MockError(404, "Upload ID doesn't exist")
        return upload

    async def getUploadStatus(self, account_sid: str, upload_id: str) -> Response:
        """GET /v2/accounts/{account_sid}/contacts/upload/{upload_id}."""
        upload = await self._ccm_upload(account_sid, upload_id)
        data = {
            key: upload[key]
            for key in ("upload_id", "status", "successful", "failed", "duplicates_skipped", "error_file_id")
        }
        data["total_records"] = upload["total"]
        return _json(success_body("GET", 200, data), 200)

    async def _check_expiry(self, error_file_id: str | None) -> None:
        if error_file_id is None:
            return
        found = await asyncio.to_thread(self.store.ccm.error_file, error_file_id)
        if found is not None and found[1] <= time.time():
            raise MockError(410, "Error file has expired", code=1000)

    async def getUploadErrors(self, account_sid: str, upload_id: str) -> Response:
        """GET .../upload/{upload_id}/errors: failed rows and the absolute URL of their CSV."""
        upload = await self._ccm_upload(account_sid, upload_id)
        await self._check_expiry(upload["error_file_id"])
        rows = await asyncio.to_thread(self.store.ccm.error_rows, upload_id)
        url = None
        if upload["error_file_id"]:
            base = str(_request().base_url).rstrip("/")
            url = f"{base}/v2/error-files/{upload['error_file_id']}"
        errors = [
            {key: row[key] for key in ("row_number", "phone_number", "error_code", "error_message")}
            for row in rows
        ]
        data = {"upload_id": upload_id, "error_count": len(errors), "errors": errors, "error_file_url": url}
        return _json(success_body("GET", 200, data), 200)

    async def downloadErrorFile(self, error_file_id: str) -> Response:
        """GET /v2/error-files/{error_file_id}: the error CSV; the unguessable id is the credential."""
        found = await asyncio.to_thread(self.store.ccm.error_file, error_file_id)
        if found is None:
            raise MockError(404, "Error file doesn't exist")
        await self._check_expiry(error_file_id)
        text = await asyncio.to_thread(self._error_csv, found[0])
        return Response(text, media_type="text/csv", headers={"X-Request-Id": new_request_id()})

    def _error_csv(self, upload_id: str) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(_ERROR_CSV_HEADER)
        for row in self.store.ccm.error_rows(upload_id):
            writer.writerow([row[key] for key in _ERROR_CSV_HEADER])
        return out.getvalue()

    # ---- Campaign ----------------------------------------------------------------------------
    async def csvUploadContacts(self, account_sid: str) -> Response:
        """POST .../contacts/csv-upload: the list (created if new) and the upload's summary."""
        form = parsed_form(connexion_context.scope)
        try:
            return await self._csv_upload(account_sid, form)
        finally:
            await form.close()

    async def _csv_upload(self, account_sid: str, form: FormData) -> Response:
        self._authorise(account_sid)
        file = _file_part(form, "file_name")
        list_name = _string_part(form, "list_name", "") or ""
        list_type = _string_part(form, "type", None) or _RULES.list_type_default
        existing = await asyncio.to_thread(self.store.directory.list_by_name, account_sid, list_name)
        if existing is not None:
            list_type = existing["type"]
        cap = self.config.dynamic_list_cap if list_type == "dynamic" else self.config.static_list_cap
        try:
            list_row, upload = await self._read_upload(
                lambda: read_rows(
                    file, CAMPAIGN_COLUMNS, max_records=cap, max_field_length=self.config.max_field_length
                ),
                lambda rows: self.store.campaign.create(account_sid, list_name, list_type, rows, cap),
            )
        except ValueError as exc:
            raise MockError(400, str(exc)) from None
        self.worker.wake()
        uri_base = f"/v2/accounts/{account_sid}"
        data = {
            "list": {
                "sid": list_row["sid"],
                "date_created": list_row["date_created"],
                "date_updated": list_row["date_updated"],
                "account_sid": account_sid,
                "name": list_row["name"],
                "uri": f"{uri_base}/lists/{list_row['sid']}",
                "tag": None,
                "contact_count": list_row["contact_count"],
            },
            "summary": {
                **_csv_status(account_sid, upload),
                "Stats": {"duplicate": None, "total": None, "success": None, "failed": None},
            },
        }
        return _json(success_body("POST", 200, data), 200)

    async def getCsvUploadStatus(self, account_sid: str, upload_id: str) -> Response:
        """GET .../csv-status/{upload_id}: status and stats (null counts while in progress)."""
        self._authorise(account_sid)
        upload = await asyncio.to_thread(self.store.campaign.upload, account_sid, upload_id)
        if upload is None:
            raise MockError(404, "Upload ID doesn't exist")
        done = upload["status"] == "completed"
        stats = {key: upload[key] if done else None for key in ("duplicate", "success", "failed")}
        stats["total"] = upload["total"]
        data = {**_csv_status(account_sid, upload), "stats": stats}
        return _json(success_body("GET", 200, data), 200)

    async def createContacts(self, account_sid: str, body: dict[str, Any]) -> Response:
        """POST .../contacts: 207 with one item per contact, in input order."""
        self._authorise(account_sid)
        # Checking, storing and rendering 5000 contacts takes tens of milliseconds: in a thread, so
        # the event loop keeps answering other requests meanwhile.
        answer = await asyncio.to_thread(self._create_contacts, account_sid, body["contacts"])
        return Response(answer, status_code=207, media_type="application/json")

    def _create_contacts(self, account_sid: str, contacts: list[dict[str, Any]]) -> str:
        prepared: list[dict[str, Any] | None] = []
        problems: list[str | None] = []
        for given in contacts:
            problem, ready = self._prepare_contact(given)
            prepared.append(ready)
            problems.append(problem)
        created = self.store.directory.create_contacts(account_sid, prepared)
        items: list[dict[str, Any]] = []
        for problem, contact in zip(problems, created, strict=True):
            if problem is not None:
                items.append(_item(400, 1002, "Invalid parameter", problem))
            elif contact is None:
                items.append(
                    _item(409, 1008, "Duplicate resource", "A contact with this number exists already")
                )
            else:
                items.append({"code": 200, "status": "success", "error_data": None, "data": contact})
        success = sum(1 for item in items if item["code"] == 200)
        return json.dumps(
            {
                "request_id": new_request_id(),
                "method": "POST",
                "http_code": 207,
                "metadata": {"total": len(items), "success": success, "failed": len(items) - success},
                "response": items,
            }
        )

    def _prepare_contact(self, contact: dict[str, Any]) -> tuple[str | None, dict[str, Any] | None]:
        number = normalise_number(str(contact["number"]), self.config.default_country_code)
        if number is None:
            return "The number is neither E.164 nor a national number", None
        email = str(contact.get("email") or "")
        if check_email(email):
            return "The email address is invalid", None
        texts: dict[str, str] = {
            k: str(contact[k]) for k in ("first_name", "last_name", "company_name", "tag") if k in contact
        }
        if check_fields(texts, self.config.max_field_length):
            return "A field holds a control character", None
        return None, {
            **texts,
            "number": number,
            "email": email or None,
            "custom_field": contact.get("custom_field"),
        }


def _item(status: int, code: int, message: str, description: str) -> dict[str, Any]:
    return {
        "code": status,
        "status": "failure",
        "error_data": {"code": code, "message": message, "description": description},
        "data": None,
    }


def _csv_status(account_sid: str, upload: dict[str, Any]) -> dict[str, Any]:
    return {
        "upload_id": upload["upload_id"],
        "list_sid": upload["list_sid"],
        "url": f"/v2/accounts/{account_sid}/csv-status/{upload['upload_id']}",
        "accountSid": account_sid,
        "date_created": upload["date_created"],
        "date_updated": upload["date_updated"],
        "status": upload["status"],
    }
