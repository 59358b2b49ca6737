from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_gateway_error_response import BadGatewayErrorResponse
from ...models.bad_request_error_response import BadRequestErrorResponse
from ...models.create_contacts_response import CreateContactsResponse
from ...models.forbidden_error_response import ForbiddenErrorResponse
from ...models.gateway_timeout_error_response import GatewayTimeoutErrorResponse
from ...models.internal_error_response import InternalErrorResponse
from ...models.legs_error_body import LegsErrorBody
from ...models.payload_too_large_error_response import PayloadTooLargeErrorResponse
from ...models.rest_exception_error_body import RestExceptionErrorBody
from ...models.service_unavailable_error_response import ServiceUnavailableErrorResponse
from ...models.too_many_requests_envelope import TooManyRequestsEnvelope
from ...models.unauthorized_error_response import UnauthorizedErrorResponse
from ...models.unsupported_media_type_error_response import (
    UnsupportedMediaTypeErrorResponse,
)
from ...models.update_contacts_request import UpdateContactsRequest
from ...types import Response


def _get_kwargs(
    account_sid: str,
    *,
    body: UpdateContactsRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v2/accounts/{account_sid}/contacts".format(
            account_sid=quote(str(account_sid), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | CreateContactsResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | PayloadTooLargeErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | UnsupportedMediaTypeErrorResponse
    | None
):
    if response.status_code == 207:
        response_207 = CreateContactsResponse.from_dict(response.json())

        return response_207

    if response.status_code == 400:
        response_400 = BadRequestErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = UnauthorizedErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ForbiddenErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 413:
        response_413 = PayloadTooLargeErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = UnsupportedMediaTypeErrorResponse.from_dict(response.json())

        return response_415

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
    | CreateContactsResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | PayloadTooLargeErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | UnsupportedMediaTypeErrorResponse
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
    body: UpdateContactsRequest,
) -> Response[
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | CreateContactsResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | PayloadTooLargeErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | UnsupportedMediaTypeErrorResponse
]:
    """Update up to 5000 contacts in one request (Campaign)

     Updates the fields given for each contact (`sid` names it; fields left out stay as they are). The
    answer is 207 multi-status like `createContacts`: one item per input contact, in input order, with
    `code` 200 and the updated contact, or `code` 404 (no such contact, `error_data.code` 1000),
    400 (an invalid number or email, 1002) or 409 (the new number belongs to another contact, 1008).

    The reference gives no limit for this operation; the 5000 of `createContacts` applies here
    (more: 400 for the whole request). Sending the same update again gives the same contacts, so
    the request is safe to replay.

    Args:
        account_sid (str):
        body (UpdateContactsRequest): Up to 5000 partial contacts, each named by its `sid`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadGatewayErrorResponse | BadRequestErrorResponse | CreateContactsResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | PayloadTooLargeErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse | UnsupportedMediaTypeErrorResponse]
    """

    kwargs = _get_kwargs(
        account_sid=account_sid,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_sid: str,
    *,
    client: AuthenticatedClient,
    body: UpdateContactsRequest,
) -> (
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | CreateContactsResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | PayloadTooLargeErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | UnsupportedMediaTypeErrorResponse
    | None
):
    """Update up to 5000 contacts in one request (Campaign)

     Updates the fields given for each contact (`sid` names it; fields left out stay as they are). The
    answer is 207 multi-status like `createContacts`: one item per input contact, in input order, with
    `code` 200 and the updated contact, or `code` 404 (no such contact, `error_data.code` 1000),
    400 (an invalid number or email, 1002) or 409 (the new number belongs to another contact, 1008).

    The reference gives no limit for this operation; the 5000 of `createContacts` applies here
    (more: 400 for the whole request). Sending the same update again gives the same contacts, so
    the request is safe to replay.

    Args:
        account_sid (str):
        body (UpdateContactsRequest): Up to 5000 partial contacts, each named by its `sid`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadGatewayErrorResponse | BadRequestErrorResponse | CreateContactsResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | PayloadTooLargeErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse | UnsupportedMediaTypeErrorResponse
    """

    return sync_detailed(
        account_sid=account_sid,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    account_sid: str,
    *,
    client: AuthenticatedClient,
    body: UpdateContactsRequest,
) -> Response[
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | CreateContactsResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | PayloadTooLargeErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | UnsupportedMediaTypeErrorResponse
]:
    """Update up to 5000 contacts in one request (Campaign)

     Updates the fields given for each contact (`sid` names it; fields left out stay as they are). The
    answer is 207 multi-status like `createContacts`: one item per input contact, in input order, with
    `code` 200 and the updated contact, or `code` 404 (no such contact, `error_data.code` 1000),
    400 (an invalid number or email, 1002) or 409 (the new number belongs to another contact, 1008).

    The reference gives no limit for this operation; the 5000 of `createContacts` applies here
    (more: 400 for the whole request). Sending the same update again gives the same contacts, so
    the request is safe to replay.

    Args:
        account_sid (str):
        body (UpdateContactsRequest): Up to 5000 partial contacts, each named by its `sid`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadGatewayErrorResponse | BadRequestErrorResponse | CreateContactsResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | PayloadTooLargeErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse | UnsupportedMediaTypeErrorResponse]
    """

    kwargs = _get_kwargs(
        account_sid=account_sid,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_sid: str,
    *,
    client: AuthenticatedClient,
    body: UpdateContactsRequest,
) -> (
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | CreateContactsResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | PayloadTooLargeErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | UnsupportedMediaTypeErrorResponse
    | None
):
    """Update up to 5000 contacts in one request (Campaign)

     Updates the fields given for each contact (`sid` names it; fields left out stay as they are). The
    answer is 207 multi-status like `createContacts`: one item per input contact, in input order, with
    `code` 200 and the updated contact, or `code` 404 (no such contact, `error_data.code` 1000),
    400 (an invalid number or email, 1002) or 409 (the new number belongs to another contact, 1008).

    The reference gives no limit for this operation; the 5000 of `createContacts` applies here
    (more: 400 for the whole request). Sending the same update again gives the same contacts, so
    the request is safe to replay.

    Args:
        account_sid (str):
        body (UpdateContactsRequest): Up to 5000 partial contacts, each named by its `sid`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadGatewayErrorResponse | BadRequestErrorResponse | CreateContactsResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | PayloadTooLargeErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse | UnsupportedMediaTypeErrorResponse
    """

    return (
        await asyncio_detailed(
            account_sid=account_sid,
            client=client,
            body=body,
        )
    ).parsed
