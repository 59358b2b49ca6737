from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_gateway_error_response import BadGatewayErrorResponse
from ...models.bad_request_error_response import BadRequestErrorResponse
from ...models.forbidden_error_response import ForbiddenErrorResponse
from ...models.gateway_timeout_error_response import GatewayTimeoutErrorResponse
from ...models.internal_error_response import InternalErrorResponse
from ...models.legs_error_body import LegsErrorBody
from ...models.lists_page import ListsPage
from ...models.rest_exception_error_body import RestExceptionErrorBody
from ...models.service_unavailable_error_response import ServiceUnavailableErrorResponse
from ...models.sort_order import SortOrder
from ...models.too_many_requests_envelope import TooManyRequestsEnvelope
from ...models.unauthorized_error_response import UnauthorizedErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    account_sid: str,
    *,
    offset: int | Unset = 0,
    limit: int | Unset = 20,
    name: str | Unset = UNSET,
    sort_by: SortOrder | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["offset"] = offset

    params["limit"] = limit

    params["name"] = name

    json_sort_by: str | Unset = UNSET
    if not isinstance(sort_by, Unset):
        json_sort_by = sort_by.value

    params["sort_by"] = json_sort_by

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v2/accounts/{account_sid}/lists".format(
            account_sid=quote(str(account_sid), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | ListsPage
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | None
):
    if response.status_code == 200:
        response_200 = ListsPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = BadRequestErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = UnauthorizedErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ForbiddenErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 429:

        def _parse_response_429(
            data: object,
        ) -> LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_too_many_requests_error_response_type_0 = (
                    TooManyRequestsEnvelope.from_dict(data)
                )

                return componentsschemas_too_many_requests_error_response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_too_many_requests_error_response_type_1 = (
                    RestExceptionErrorBody.from_dict(data)
                )

                return componentsschemas_too_many_requests_error_response_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_too_many_requests_error_response_type_2 = (
                LegsErrorBody.from_dict(data)
            )

            return componentsschemas_too_many_requests_error_response_type_2

        response_429 = _parse_response_429(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = InternalErrorResponse.from_dict(response.json())

        return response_500

    if response.status_code == 502:
        response_502 = BadGatewayErrorResponse.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = ServiceUnavailableErrorResponse.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = GatewayTimeoutErrorResponse.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | ListsPage
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_sid: str,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = 0,
    limit: int | Unset = 20,
    name: str | Unset = UNSET,
    sort_by: SortOrder | Unset = UNSET,
) -> Response[
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | ListsPage
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
]:
    """List the account's lists, a page at a time (Campaign)

     One page of the account's lists, each with its `contact_count`. Paging as in `listContacts`
    (`offset`, `limit` at most 20, no next-page link). `name` keeps the lists whose name contains
    the text, ignoring case; `sort_by` `name:...` sorts by list name.

    Args:
        account_sid (str):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 20.
        name (str | Unset):
        sort_by (SortOrder | Unset): The order of a listing (`sort_by`); `date_created:asc` when
            not given.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadGatewayErrorResponse | BadRequestErrorResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | ListsPage | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse]
    """

    kwargs = _get_kwargs(
        account_sid=account_sid,
        offset=offset,
        limit=limit,
        name=name,
        sort_by=sort_by,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_sid: str,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = 0,
    limit: int | Unset = 20,
    name: str | Unset = UNSET,
    sort_by: SortOrder | Unset = UNSET,
) -> (
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | ListsPage
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | None
):
    """List the account's lists, a page at a time (Campaign)

     One page of the account's lists, each with its `contact_count`. Paging as in `listContacts`
    (`offset`, `limit` at most 20, no next-page link). `name` keeps the lists whose name contains
    the text, ignoring case; `sort_by` `name:...` sorts by list name.

    Args:
        account_sid (str):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 20.
        name (str | Unset):
        sort_by (SortOrder | Unset): The order of a listing (`sort_by`); `date_created:asc` when
            not given.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadGatewayErrorResponse | BadRequestErrorResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | ListsPage | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse
    """

    return sync_detailed(
        account_sid=account_sid,
        client=client,
        offset=offset,
        limit=limit,
        name=name,
        sort_by=sort_by,
    ).parsed


async def asyncio_detailed(
    account_sid: str,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = 0,
    limit: int | Unset = 20,
    name: str | Unset = UNSET,
    sort_by: SortOrder | Unset = UNSET,
) -> Response[
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | ListsPage
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
]:
    """List the account's lists, a page at a time (Campaign)

     One page of the account's lists, each with its `contact_count`. Paging as in `listContacts`
    (`offset`, `limit` at most 20, no next-page link). `name` keeps the lists whose name contains
    the text, ignoring case; `sort_by` `name:...` sorts by list name.

    Args:
        account_sid (str):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 20.
        name (str | Unset):
        sort_by (SortOrder | Unset): The order of a listing (`sort_by`); `date_created:asc` when
            not given.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadGatewayErrorResponse | BadRequestErrorResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | ListsPage | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse]
    """

    kwargs = _get_kwargs(
        account_sid=account_sid,
        offset=offset,
        limit=limit,
        name=name,
        sort_by=sort_by,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_sid: str,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = 0,
    limit: int | Unset = 20,
    name: str | Unset = UNSET,
    sort_by: SortOrder | Unset = UNSET,
) -> (
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | ListsPage
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | None
):
    """List the account's lists, a page at a time (Campaign)

     One page of the account's lists, each with its `contact_count`. Paging as in `listContacts`
    (`offset`, `limit` at most 20, no next-page link). `name` keeps the lists whose name contains
    the text, ignoring case; `sort_by` `name:...` sorts by list name.

    Args:
        account_sid (str):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 20.
        name (str | Unset):
        sort_by (SortOrder | Unset): The order of a listing (`sort_by`); `date_created:asc` when
            not given.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadGatewayErrorResponse | BadRequestErrorResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | ListsPage | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse
    """

    return (
        await asyncio_detailed(
            account_sid=account_sid,
            client=client,
            offset=offset,
            limit=limit,
            name=name,
            sort_by=sort_by,
        )
    ).parsed
