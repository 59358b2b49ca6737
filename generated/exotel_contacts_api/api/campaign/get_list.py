from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.list_response import ListResponse
from ...types import Response


def _get_kwargs(
    account_sid: str,
    list_sid: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v2/accounts/{account_sid}/lists/{list_sid}".format(
            account_sid=quote(str(account_sid), safe=""),
            list_sid=quote(str(list_sid), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ListResponse | None:
    if response.status_code == 200:
        response_200 = ListResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if response.status_code == 502:
        response_502 = ErrorResponse.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = ErrorResponse.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = ErrorResponse.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | ListResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_sid: str,
    list_sid: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorResponse | ListResponse]:
    """Get one list (Campaign)

     The list with this `sid` and its `contact_count`; 404 (1000) when the account has none.

    Args:
        account_sid (str):
        list_sid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListResponse]
    """

    kwargs = _get_kwargs(
        account_sid=account_sid,
        list_sid=list_sid,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_sid: str,
    list_sid: str,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | ListResponse | None:
    """Get one list (Campaign)

     The list with this `sid` and its `contact_count`; 404 (1000) when the account has none.

    Args:
        account_sid (str):
        list_sid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListResponse
    """

    return sync_detailed(
        account_sid=account_sid,
        list_sid=list_sid,
        client=client,
    ).parsed


async def asyncio_detailed(
    account_sid: str,
    list_sid: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorResponse | ListResponse]:
    """Get one list (Campaign)

     The list with this `sid` and its `contact_count`; 404 (1000) when the account has none.

    Args:
        account_sid (str):
        list_sid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListResponse]
    """

    kwargs = _get_kwargs(
        account_sid=account_sid,
        list_sid=list_sid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_sid: str,
    list_sid: str,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | ListResponse | None:
    """Get one list (Campaign)

     The list with this `sid` and its `contact_count`; 404 (1000) when the account has none.

    Args:
        account_sid (str):
        list_sid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListResponse
    """

    return (
        await asyncio_detailed(
            account_sid=account_sid,
            list_sid=list_sid,
            client=client,
        )
    ).parsed
