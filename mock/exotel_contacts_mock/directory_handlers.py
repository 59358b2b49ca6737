"""The contact and list operations of openapi.yaml (Campaign), resolved by operationId."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from connexion import context as connexion_context
from starlette.responses import Response

from .auth import require_account
from .config import MockConfig
from .directory import Outcome, Page
from .envelope import MESSAGES, MockError, new_request_id, success_body
from .rules import check_email, check_fields, normalise_number
from .spec import rules
from .store import Store

__all__ = ["DirectoryHandlers"]

_TEXT_FIELDS = ("first_name", "last_name", "company_name", "tag")
_PAGE_DEFAULT = rules().page_size_default


def _json(body: Any, status: int) -> Response:
    return Response(json.dumps(body), status_code=status, media_type="application/json")


def _item(outcome: Outcome) -> dict[str, Any]:
    if outcome.status == 200:
        return {"code": 200, "status": "success", "error_data": None, "data": outcome.data}
    return {
        "code": outcome.status,
        "status": "failure",
        "error_data": {
            "code": outcome.code,
            "message": MESSAGES.get(outcome.status, "Error"),
            "description": outcome.reason,
        },
        "data": None,
    }


def _multi_status(method: str, outcomes: Sequence[Outcome]) -> Response:
    items = [_item(outcome) for outcome in outcomes]
    success = sum(1 for outcome in outcomes if outcome.status == 200)
    body = {
        "request_id": new_request_id(),
        "method": method,
        "http_code": 207,
        "metadata": {"total": len(items), "success": success, "failed": len(items) - success},
        "response": items,
    }
    return _json(body, 207)


def _page(page: Page, offset: int, limit: int) -> Response:
    body = {
        "request_id": new_request_id(),
        "method": "GET",
        "http_code": 200,
        "metadata": {"count": len(page.records), "offset": offset, "limit": limit, "total": page.total},
        "response": [_item(Outcome(200, record)) for record in page.records],
    }
    return _json(body, 200)


def _one(method: str, record: dict[str, Any] | None, missing: str) -> Response:
    if record is None:
        raise MockError(404, missing)
    return _json(success_body(method, 200, record), 200)


def _sids(value: object) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.split(",")
    return [str(sid) for sid in value]  # type: ignore[attr-defined]


class DirectoryHandlers:
    """One async method per contact or list operationId."""

    def __init__(self, store: Store, config: MockConfig) -> None:
        self.config = config
        self.directory = store.directory

    def _authorise(self, account_sid: str) -> None:
        require_account(dict(connexion_context.context), account_sid)

    # ---- checks shared by the contact updates -------------------------------------------------
    def _contact_change(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """The change to store; a `problem` key when a value is refused (400, 1002)."""
        change: dict[str, Any] = {k: given[k] for k in ("sid", *_TEXT_FIELDS, "custom_field") if k in given}
        texts = {k: str(given[k]) for k in (*_TEXT_FIELDS, "email") if given.get(k) is not None}
        if "number" in given:
            number = normalise_number(str(given["number"]), self.config.default_country_code)
            if number is None:
                return {**change, "problem": "The number is neither E.164 nor a national number"}
            change["number"] = number
        if "email" in given:
            if check_email(str(given["email"] or "")):
                return {**change, "problem": "The email address is invalid"}
            change["email"] = given["email"] or None
        if check_fields(texts, self.config.max_field_length):
            return {**change, "problem": "A field holds a control character"}
        return change

    def _name_problem(self, given: Mapping[str, Any]) -> str | None:
        texts = {k: str(given[k]) for k in ("name", "tag") if given.get(k) is not None}
        if "name" in given and not str(given["name"]).strip():  # any Unicode space is blank
            return "The list name is blank"
        return (
            "A field holds a control character" if check_fields(texts, self.config.max_field_length) else None
        )

    # ---- contacts ----------------------------------------------------------------------------
    async def listContacts(
        self,
        account_sid: str,
        *,
        offset: int = 0,
        limit: int = _PAGE_DEFAULT,
        name: str | None = None,
        sort_by: str | None = None,
        list_sids: object = None,
        filter: str | None = None,
    ) -> Response:
        """GET .../contacts: a page of the address book."""
        self._authorise(account_sid)
        page = self.directory.contacts_page(
            account_sid,
            offset=offset,
            limit=limit,
            name=name,
            sort_by=sort_by,
            list_sids=_sids(list_sids),
            show_lists=filter == "show_list",
        )
        return _page(page, offset, limit)

    async def updateContacts(self, account_sid: str, body: dict[str, Any]) -> Response:
        """PUT .../contacts: 207, one item per contact."""
        self._authorise(account_sid)
        changes = [self._contact_change(given) for given in body["contacts"]]
        return _multi_status("PUT", self.directory.update_contacts(account_sid, changes))

    async def getContact(
        self,
        account_sid: str,
        contact_sid: str,
        filter: str | None = None,
    ) -> Response:
        """GET .../contacts/{contact_sid}."""
        self._authorise(account_sid)
        found = self.directory.contact(account_sid, contact_sid, show_lists=filter == "show_list")
        return _one("GET", found, "No contact with this sid")

    async def updateContact(self, account_sid: str, contact_sid: str, body: dict[str, Any]) -> Response:
        """PUT .../contacts/{contact_sid}: a partial update."""
        self._authorise(account_sid)
        change = self._contact_change({**body, "sid": contact_sid})
        (outcome,) = self.directory.update_contacts(account_sid, [change])
        if outcome.status != 200:
            raise MockError(outcome.status, outcome.reason, code=outcome.code)
        return _json(success_body("PUT", 200, outcome.data), 200)

    async def deleteContact(self, account_sid: str, contact_sid: str) -> Response:
        """DELETE .../contacts/{contact_sid}: out of the address book and every list."""
        self._authorise(account_sid)
        return _one(
            "DELETE", self.directory.delete_contact(account_sid, contact_sid), "No contact with this sid"
        )

    # ---- lists -------------------------------------------------------------------------------
    async def createLists(self, account_sid: str, body: dict[str, Any]) -> Response:
        """POST .../lists: 207, one item per list (409 for a taken name)."""
        self._authorise(account_sid)
        lists = [{**given, "problem": self._name_problem(given)} for given in body["lists"]]
        return _multi_status("POST", self.directory.create_lists(account_sid, lists))

    async def listLists(
        self,
        account_sid: str,
        offset: int = 0,
        limit: int = _PAGE_DEFAULT,
        name: str | None = None,
        sort_by: str | None = None,
    ) -> Response:
        """GET .../lists: a page of lists."""
        self._authorise(account_sid)
        page = self.directory.lists_page(account_sid, offset=offset, limit=limit, name=name, sort_by=sort_by)
        return _page(page, offset, limit)

    async def updateLists(self, account_sid: str, body: dict[str, Any]) -> Response:
        """PUT .../lists: 207, one item per list."""
        self._authorise(account_sid)
        changes = [{**given, "problem": self._name_problem(given)} for given in body["lists"]]
        return _multi_status("PUT", self.directory.update_lists(account_sid, changes))

    async def getList(self, account_sid: str, list_sid: str) -> Response:
        """GET .../lists/{list_sid}."""
        self._authorise(account_sid)
        return _one("GET", self.directory.get_list(account_sid, list_sid), "No list with this sid")

    async def updateList(self, account_sid: str, list_sid: str, body: dict[str, Any]) -> Response:
        """PUT .../lists/{list_sid}."""
        self._authorise(account_sid)
        change = {**body, "sid": list_sid, "problem": self._name_problem(body)}
        (outcome,) = self.directory.update_lists(account_sid, [change])
        if outcome.status != 200:
            raise MockError(outcome.status, outcome.reason, code=outcome.code)
        return _json(success_body("PUT", 200, outcome.data), 200)

    async def deleteList(self, account_sid: str, list_sid: str) -> Response:
        """DELETE .../lists/{list_sid}: the contacts stay."""
        self._authorise(account_sid)
        return _one("DELETE", self.directory.delete_list(account_sid, list_sid), "No list with this sid")

    # ---- membership --------------------------------------------------------------------------
    async def addContactsToList(self, account_sid: str, list_sid: str, body: dict[str, Any]) -> Response:
        """POST .../lists/{list_sid}/contacts: 207, one item per reference."""
        self._authorise(account_sid)
        sids = [str(ref["contact_sid"]) for ref in body["contact_references"]]
        outcomes = self.directory.add_members(account_sid, list_sid, sids)
        if outcomes is None:
            raise MockError(404, "No list with this sid")
        return _multi_status("POST", outcomes)

    async def listListContacts(
        self, account_sid: str, list_sid: str, offset: int = 0, limit: int = _PAGE_DEFAULT
    ) -> Response:
        """GET .../lists/{list_sid}/contacts: a page of the list's contacts."""
        self._authorise(account_sid)
        page = self.directory.members_page(account_sid, list_sid, offset=offset, limit=limit)
        if page is None:
            raise MockError(404, "No list with this sid")
        return _page(page, offset, limit)

    async def removeContactFromList(self, account_sid: str, list_sid: str, contact_sid: str) -> Response:
        """DELETE .../lists/{list_sid}/contacts/{contact_sid}: the contact stays."""
        self._authorise(account_sid)
        removed = self.directory.remove_member(account_sid, list_sid, contact_sid)
        return _one("DELETE", removed, "The list does not hold this contact")
