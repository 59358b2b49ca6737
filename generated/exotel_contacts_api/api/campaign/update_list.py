from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.list_response import ListResponse
from ...models.list_update import ListUpdate
from ...types import Response


def _get_kwargs(
    account_sid: str,
    list_sid: str,
    *,
    body: ListUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v2/accounts/{account_sid}/lists/{list_sid}".format(
            account_sid=quote(str(account_sid), safe=""),
            list_sid=quote(str(list_sid), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ListResponse | None:
    if response.status_code == 200:
        response_200 = ListResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ErrorResponse.from_dict(response.json())

        return response_415

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
    body: ListUpdate,
) -> Response[ErrorResponse | ListResponse]:
    """Update one list (Campaign)

     Renames or re-tags the list (Exotel's newer reference only; the classic one has the bulk
    form). A name another list has is 409 (1008); an unknown `sid` is 404. Safe to replay.

    Args:
        account_sid (str):
        list_sid (str):
        body (ListUpdate): The list's fields to change (at least one); a `tag` sent as null is
            cleared.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListResponse]
    """

    kwargs = _get_kwargs(
        account_sid=account_sid,
        list_sid=list_sid,
        body=body,
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
    body: ListUpdate,
) -> ErrorResponse | ListResponse | None:
    """Update one list (Campaign)

     Renames or re-tags the list (Exotel's newer reference only; the classic one has the bulk
    form). A name another list has is 409 (1008); an unknown `sid` is 404. Safe to replay.

    Args:
        account_sid (str):
        list_sid (str):
        body (ListUpdate): The list's fields to change (at least one); a `tag` sent as null is
            cleared.

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
        body=body,
    ).parsed


async def asyncio_detailed(
    account_sid: str,
    list_sid: str,
    *,
    client: AuthenticatedClient,
    body: ListUpdate,
) -> Response[ErrorResponse | ListResponse]:
    """Update one list (Campaign)

     Renames or re-tags the list (Exotel's newer reference only; the classic one has the bulk
    form). A name another list has is 409 (1008); an unknown `sid` is 404. Safe to replay.

    Args:
        account_sid (str):
        list_sid (str):
        body (ListUpdate): The list's fields to change (at least one); a `tag` sent as null is
            cleared.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListResponse]
    """

    kwargs = _get_kwargs(
        account_sid=account_sid,
        list_sid=list_sid,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_sid: str,
    list_sid: str,
    *,
    client: AuthenticatedClient,
    body: ListUpdate,
) -> ErrorResponse | ListResponse | None:
    """Update one list (Campaign)

     Renames or re-tags the list (Exotel's newer reference only; the classic one has the bulk
    form). A name another list has is 409 (1008); an unknown `sid` is 404. Safe to replay.

    Args:
        account_sid (str):
        list_sid (str):
        body (ListUpdate): The list's fields to change (at least one); a `tag` sent as null is
            cleared.

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
            body=body,
        )
    ).parsed
