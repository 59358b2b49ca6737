from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_gateway_error_response import BadGatewayErrorResponse
from ...models.forbidden_error_response import ForbiddenErrorResponse
from ...models.gateway_timeout_error_response import GatewayTimeoutErrorResponse
from ...models.internal_error_response import InternalErrorResponse
from ...models.legs_error_body import LegsErrorBody
from ...models.list_response import ListResponse
from ...models.not_found_error_response import NotFoundErrorResponse
from ...models.rest_exception_error_body import RestExceptionErrorBody
from ...models.service_unavailable_error_response import ServiceUnavailableErrorResponse
from ...models.too_many_requests_envelope import TooManyRequestsEnvelope
from ...models.unauthorized_error_response import UnauthorizedErrorResponse
from ...types import Response


def _get_kwargs(
    account_sid: str,
    list_sid: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v2/accounts/{account_sid}/lists/{list_sid}".format(
            account_sid=quote(str(account_sid), safe=""),
            list_sid=quote(str(list_sid), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    BadGatewayErrorResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | ListResponse
    | NotFoundErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | None
):
    if response.status_code == 200:
        response_200 = ListResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = UnauthorizedErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ForbiddenErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = NotFoundErrorResponse.from_dict(response.json())

        return response_404

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
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | ListResponse
    | NotFoundErrorResponse
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
    list_sid: str,
    *,
    client: AuthenticatedClient,
) -> Response[
    BadGatewayErrorResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | ListResponse
    | NotFoundErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
]:
    """Delete a list (Campaign)

     Deletes the list; its contacts stay in the address book. Answers 200 with the list as it was;
    an unknown `sid` is 404 (so a replay after a lost answer answers 404: the list is gone).

    Args:
        account_sid (str):
        list_sid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadGatewayErrorResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | ListResponse | NotFoundErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse]
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
) -> (
    BadGatewayErrorResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | ListResponse
    | NotFoundErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | None
):
    """Delete a list (Campaign)

     Deletes the list; its contacts stay in the address book. Answers 200 with the list as it was;
    an unknown `sid` is 404 (so a replay after a lost answer answers 404: the list is gone).

    Args:
        account_sid (str):
        list_sid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadGatewayErrorResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | ListResponse | NotFoundErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse
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
) -> Response[
    BadGatewayErrorResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | ListResponse
    | NotFoundErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
]:
    """Delete a list (Campaign)

     Deletes the list; its contacts stay in the address book. Answers 200 with the list as it was;
    an unknown `sid` is 404 (so a replay after a lost answer answers 404: the list is gone).

    Args:
        account_sid (str):
        list_sid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadGatewayErrorResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | ListResponse | NotFoundErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse]
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
) -> (
    BadGatewayErrorResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | ListResponse
    | NotFoundErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | None
):
    """Delete a list (Campaign)

     Deletes the list; its contacts stay in the address book. Answers 200 with the list as it was;
    an unknown `sid` is 404 (so a replay after a lost answer answers 404: the list is gone).

    Args:
        account_sid (str):
        list_sid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadGatewayErrorResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | ListResponse | NotFoundErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse
    """

    return (
        await asyncio_detailed(
            account_sid=account_sid,
            list_sid=list_sid,
            client=client,
        )
    ).parsed
