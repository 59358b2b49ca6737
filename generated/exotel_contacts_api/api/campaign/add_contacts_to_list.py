from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.add_contacts_to_list_request import AddContactsToListRequest
from ...models.bad_gateway_error_response import BadGatewayErrorResponse
from ...models.bad_request_error_response import BadRequestErrorResponse
from ...models.forbidden_error_response import ForbiddenErrorResponse
from ...models.gateway_timeout_error_response import GatewayTimeoutErrorResponse
from ...models.internal_error_response import InternalErrorResponse
from ...models.legs_error_body import LegsErrorBody
from ...models.memberships_multi_status import MembershipsMultiStatus
from ...models.not_found_error_response import NotFoundErrorResponse
from ...models.payload_too_large_error_response import PayloadTooLargeErrorResponse
from ...models.rest_exception_error_body import RestExceptionErrorBody
from ...models.service_unavailable_error_response import ServiceUnavailableErrorResponse
from ...models.too_many_requests_envelope import TooManyRequestsEnvelope
from ...models.unauthorized_error_response import UnauthorizedErrorResponse
from ...models.unsupported_media_type_error_response import (
    UnsupportedMediaTypeErrorResponse,
)
from ...types import Response


def _get_kwargs(
    account_sid: str,
    list_sid: str,
    *,
    body: AddContactsToListRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/accounts/{account_sid}/lists/{list_sid}/contacts".format(
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
) -> (
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | MembershipsMultiStatus
    | NotFoundErrorResponse
    | PayloadTooLargeErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | UnsupportedMediaTypeErrorResponse
    | None
):
    if response.status_code == 207:
        response_207 = MembershipsMultiStatus.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = NotFoundErrorResponse.from_dict(response.json())

        return response_404

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
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | MembershipsMultiStatus
    | NotFoundErrorResponse
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
    list_sid: str,
    *,
    client: AuthenticatedClient,
    body: AddContactsToListRequest,
) -> Response[
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | MembershipsMultiStatus
    | NotFoundErrorResponse
    | PayloadTooLargeErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | UnsupportedMediaTypeErrorResponse
]:
    """Add contacts to a list (Campaign)

     Adds existing contacts (from `createContacts` or a CSV upload) to the list, at most 5000
    references per request (more: 400 for the whole request). 207 multi-status with `metadata`
    `{total, success, failed}` and one item per reference, in input order: `code` 200 with the
    membership in `data` (`list_id`, `contact_sid`), or
    - 404 (`error_data.code` 1000): no contact with this sid;
    - 409 (1008): the contact is in the list already (or earlier in the same request); the list
      is unchanged, so adding a member twice is harmless and a replay answers 409 for the members
      its lost attempt added;
    - 400 (1002): the list is full (100,000 contacts for a static list, 500,000 for a dynamic one).
    An unknown list is 404 for the whole request.

    Args:
        account_sid (str):
        list_sid (str):
        body (AddContactsToListRequest): Up to 5000 references to existing contacts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadGatewayErrorResponse | BadRequestErrorResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | MembershipsMultiStatus | NotFoundErrorResponse | PayloadTooLargeErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse | UnsupportedMediaTypeErrorResponse]
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
    body: AddContactsToListRequest,
) -> (
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | MembershipsMultiStatus
    | NotFoundErrorResponse
    | PayloadTooLargeErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | UnsupportedMediaTypeErrorResponse
    | None
):
    """Add contacts to a list (Campaign)

     Adds existing contacts (from `createContacts` or a CSV upload) to the list, at most 5000
    references per request (more: 400 for the whole request). 207 multi-status with `metadata`
    `{total, success, failed}` and one item per reference, in input order: `code` 200 with the
    membership in `data` (`list_id`, `contact_sid`), or
    - 404 (`error_data.code` 1000): no contact with this sid;
    - 409 (1008): the contact is in the list already (or earlier in the same request); the list
      is unchanged, so adding a member twice is harmless and a replay answers 409 for the members
      its lost attempt added;
    - 400 (1002): the list is full (100,000 contacts for a static list, 500,000 for a dynamic one).
    An unknown list is 404 for the whole request.

    Args:
        account_sid (str):
        list_sid (str):
        body (AddContactsToListRequest): Up to 5000 references to existing contacts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadGatewayErrorResponse | BadRequestErrorResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | MembershipsMultiStatus | NotFoundErrorResponse | PayloadTooLargeErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse | UnsupportedMediaTypeErrorResponse
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
    body: AddContactsToListRequest,
) -> Response[
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | MembershipsMultiStatus
    | NotFoundErrorResponse
    | PayloadTooLargeErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | UnsupportedMediaTypeErrorResponse
]:
    """Add contacts to a list (Campaign)

     Adds existing contacts (from `createContacts` or a CSV upload) to the list, at most 5000
    references per request (more: 400 for the whole request). 207 multi-status with `metadata`
    `{total, success, failed}` and one item per reference, in input order: `code` 200 with the
    membership in `data` (`list_id`, `contact_sid`), or
    - 404 (`error_data.code` 1000): no contact with this sid;
    - 409 (1008): the contact is in the list already (or earlier in the same request); the list
      is unchanged, so adding a member twice is harmless and a replay answers 409 for the members
      its lost attempt added;
    - 400 (1002): the list is full (100,000 contacts for a static list, 500,000 for a dynamic one).
    An unknown list is 404 for the whole request.

    Args:
        account_sid (str):
        list_sid (str):
        body (AddContactsToListRequest): Up to 5000 references to existing contacts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadGatewayErrorResponse | BadRequestErrorResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | MembershipsMultiStatus | NotFoundErrorResponse | PayloadTooLargeErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse | UnsupportedMediaTypeErrorResponse]
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
    body: AddContactsToListRequest,
) -> (
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | MembershipsMultiStatus
    | NotFoundErrorResponse
    | PayloadTooLargeErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | UnsupportedMediaTypeErrorResponse
    | None
):
    """Add contacts to a list (Campaign)

     Adds existing contacts (from `createContacts` or a CSV upload) to the list, at most 5000
    references per request (more: 400 for the whole request). 207 multi-status with `metadata`
    `{total, success, failed}` and one item per reference, in input order: `code` 200 with the
    membership in `data` (`list_id`, `contact_sid`), or
    - 404 (`error_data.code` 1000): no contact with this sid;
    - 409 (1008): the contact is in the list already (or earlier in the same request); the list
      is unchanged, so adding a member twice is harmless and a replay answers 409 for the members
      its lost attempt added;
    - 400 (1002): the list is full (100,000 contacts for a static list, 500,000 for a dynamic one).
    An unknown list is 404 for the whole request.

    Args:
        account_sid (str):
        list_sid (str):
        body (AddContactsToListRequest): Up to 5000 references to existing contacts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadGatewayErrorResponse | BadRequestErrorResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | MembershipsMultiStatus | NotFoundErrorResponse | PayloadTooLargeErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse | UnsupportedMediaTypeErrorResponse
    """

    return (
        await asyncio_detailed(
            account_sid=account_sid,
            list_sid=list_sid,
            client=client,
            body=body,
        )
    ).parsed
