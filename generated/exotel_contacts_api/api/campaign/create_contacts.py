from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_gateway_error_response import BadGatewayErrorResponse
from ...models.bad_request_error_response import BadRequestErrorResponse
from ...models.conflict_error_response import ConflictErrorResponse
from ...models.create_contacts_request import CreateContactsRequest
from ...models.create_contacts_response import CreateContactsResponse
from ...models.forbidden_error_response import ForbiddenErrorResponse
from ...models.gateway_timeout_error_response import GatewayTimeoutErrorResponse
from ...models.internal_error_response import InternalErrorResponse
from ...models.legs_error_body import LegsErrorBody
from ...models.payload_too_large_error_response import PayloadTooLargeErrorResponse
from ...models.payment_required_error_response import PaymentRequiredErrorResponse
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
    *,
    body: CreateContactsRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
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
    | ConflictErrorResponse
    | CreateContactsResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | PayloadTooLargeErrorResponse
    | PaymentRequiredErrorResponse
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

    if response.status_code == 402:
        response_402 = PaymentRequiredErrorResponse.from_dict(response.json())

        return response_402

    if response.status_code == 403:
        response_403 = ForbiddenErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = ConflictErrorResponse.from_dict(response.json())

        return response_409

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
    | ConflictErrorResponse
    | CreateContactsResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | PayloadTooLargeErrorResponse
    | PaymentRequiredErrorResponse
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
    body: CreateContactsRequest,
) -> Response[
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | ConflictErrorResponse
    | CreateContactsResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | PayloadTooLargeErrorResponse
    | PaymentRequiredErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | UnsupportedMediaTypeErrorResponse
]:
    """Create up to 5000 contacts in one request (Campaign)

     Creates contacts in the Campaigns address book. At most 5000 contacts per request (more:
    400 for the whole request). The answer is 207 multi-status with `metadata` counts and one
    item in `response` per input contact, in input order: `code` 200 and the created contact in
    `data`, or `code` 400 / 409 with `error_data`.

    Per-contact checks are answered per item, not by failing the request, so one bad contact
    does not sink the other 4999; that is why the item schema constrains types, not values:
    - an invalid number, or an email that is not an `EmailAddress`: item `code` 400,
      `error_data.code` 1002;
    - a number the account's address book already has, or that appears earlier in the same
      request: item `code` 409, `error_data.code` 1008 (duplicate resource), and nothing is
      created. This is the same rule as the CSV upload's duplicate count. Exotel publishes no
      example of this case; 409 + 1008 is what its v2 platform answers for duplicates.
      Because of this rule, sending the same contacts again never creates a second copy.

    Request-level answers: 402 when the account is over its plan's limit or out of balance (nothing
    is created); 409 (`error_data.code` 1008) when the v2 platform answers the request as a whole
    as a duplicate rather than item by item (sometimes with `http_code` 200 and the inner code 409,
    see the `Conflict` response); nothing is created then either.

    `number` is E.164 (`+919876543210`); a national number is also accepted and matched to a
    country, and a landline takes its STD code (`0XXXXXX2400`).

    The seed's parameter table calls the custom data `custom`; its examples and Exotel's own
    examples send `custom_field` (an object), which is what this operation takes.

    The body may be sent with `Content-Length` or `Transfer-Encoding: chunked`. A body nested
    more than 32 levels deep is answered 400 (`error_data.code` 1007) as a whole.

    Args:
        account_sid (str):
        body (CreateContactsRequest): Up to 5000 contacts. The body nests at most `x-max-depth`
            levels (this object is level 1, `contacts` level 2, a contact level 3); a deeper one is
            answered 400 (1007) as a whole.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadGatewayErrorResponse | BadRequestErrorResponse | ConflictErrorResponse | CreateContactsResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | PayloadTooLargeErrorResponse | PaymentRequiredErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse | UnsupportedMediaTypeErrorResponse]
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
    body: CreateContactsRequest,
) -> (
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | ConflictErrorResponse
    | CreateContactsResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | PayloadTooLargeErrorResponse
    | PaymentRequiredErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | UnsupportedMediaTypeErrorResponse
    | None
):
    """Create up to 5000 contacts in one request (Campaign)

     Creates contacts in the Campaigns address book. At most 5000 contacts per request (more:
    400 for the whole request). The answer is 207 multi-status with `metadata` counts and one
    item in `response` per input contact, in input order: `code` 200 and the created contact in
    `data`, or `code` 400 / 409 with `error_data`.

    Per-contact checks are answered per item, not by failing the request, so one bad contact
    does not sink the other 4999; that is why the item schema constrains types, not values:
    - an invalid number, or an email that is not an `EmailAddress`: item `code` 400,
      `error_data.code` 1002;
    - a number the account's address book already has, or that appears earlier in the same
      request: item `code` 409, `error_data.code` 1008 (duplicate resource), and nothing is
      created. This is the same rule as the CSV upload's duplicate count. Exotel publishes no
      example of this case; 409 + 1008 is what its v2 platform answers for duplicates.
      Because of this rule, sending the same contacts again never creates a second copy.

    Request-level answers: 402 when the account is over its plan's limit or out of balance (nothing
    is created); 409 (`error_data.code` 1008) when the v2 platform answers the request as a whole
    as a duplicate rather than item by item (sometimes with `http_code` 200 and the inner code 409,
    see the `Conflict` response); nothing is created then either.

    `number` is E.164 (`+919876543210`); a national number is also accepted and matched to a
    country, and a landline takes its STD code (`0XXXXXX2400`).

    The seed's parameter table calls the custom data `custom`; its examples and Exotel's own
    examples send `custom_field` (an object), which is what this operation takes.

    The body may be sent with `Content-Length` or `Transfer-Encoding: chunked`. A body nested
    more than 32 levels deep is answered 400 (`error_data.code` 1007) as a whole.

    Args:
        account_sid (str):
        body (CreateContactsRequest): Up to 5000 contacts. The body nests at most `x-max-depth`
            levels (this object is level 1, `contacts` level 2, a contact level 3); a deeper one is
            answered 400 (1007) as a whole.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadGatewayErrorResponse | BadRequestErrorResponse | ConflictErrorResponse | CreateContactsResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | PayloadTooLargeErrorResponse | PaymentRequiredErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse | UnsupportedMediaTypeErrorResponse
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
    body: CreateContactsRequest,
) -> Response[
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | ConflictErrorResponse
    | CreateContactsResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | PayloadTooLargeErrorResponse
    | PaymentRequiredErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | UnsupportedMediaTypeErrorResponse
]:
    """Create up to 5000 contacts in one request (Campaign)

     Creates contacts in the Campaigns address book. At most 5000 contacts per request (more:
    400 for the whole request). The answer is 207 multi-status with `metadata` counts and one
    item in `response` per input contact, in input order: `code` 200 and the created contact in
    `data`, or `code` 400 / 409 with `error_data`.

    Per-contact checks are answered per item, not by failing the request, so one bad contact
    does not sink the other 4999; that is why the item schema constrains types, not values:
    - an invalid number, or an email that is not an `EmailAddress`: item `code` 400,
      `error_data.code` 1002;
    - a number the account's address book already has, or that appears earlier in the same
      request: item `code` 409, `error_data.code` 1008 (duplicate resource), and nothing is
      created. This is the same rule as the CSV upload's duplicate count. Exotel publishes no
      example of this case; 409 + 1008 is what its v2 platform answers for duplicates.
      Because of this rule, sending the same contacts again never creates a second copy.

    Request-level answers: 402 when the account is over its plan's limit or out of balance (nothing
    is created); 409 (`error_data.code` 1008) when the v2 platform answers the request as a whole
    as a duplicate rather than item by item (sometimes with `http_code` 200 and the inner code 409,
    see the `Conflict` response); nothing is created then either.

    `number` is E.164 (`+919876543210`); a national number is also accepted and matched to a
    country, and a landline takes its STD code (`0XXXXXX2400`).

    The seed's parameter table calls the custom data `custom`; its examples and Exotel's own
    examples send `custom_field` (an object), which is what this operation takes.

    The body may be sent with `Content-Length` or `Transfer-Encoding: chunked`. A body nested
    more than 32 levels deep is answered 400 (`error_data.code` 1007) as a whole.

    Args:
        account_sid (str):
        body (CreateContactsRequest): Up to 5000 contacts. The body nests at most `x-max-depth`
            levels (this object is level 1, `contacts` level 2, a contact level 3); a deeper one is
            answered 400 (1007) as a whole.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadGatewayErrorResponse | BadRequestErrorResponse | ConflictErrorResponse | CreateContactsResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | PayloadTooLargeErrorResponse | PaymentRequiredErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse | UnsupportedMediaTypeErrorResponse]
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
    body: CreateContactsRequest,
) -> (
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | ConflictErrorResponse
    | CreateContactsResponse
    | ForbiddenErrorResponse
    | GatewayTimeoutErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | PayloadTooLargeErrorResponse
    | PaymentRequiredErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | UnsupportedMediaTypeErrorResponse
    | None
):
    """Create up to 5000 contacts in one request (Campaign)

     Creates contacts in the Campaigns address book. At most 5000 contacts per request (more:
    400 for the whole request). The answer is 207 multi-status with `metadata` counts and one
    item in `response` per input contact, in input order: `code` 200 and the created contact in
    `data`, or `code` 400 / 409 with `error_data`.

    Per-contact checks are answered per item, not by failing the request, so one bad contact
    does not sink the other 4999; that is why the item schema constrains types, not values:
    - an invalid number, or an email that is not an `EmailAddress`: item `code` 400,
      `error_data.code` 1002;
    - a number the account's address book already has, or that appears earlier in the same
      request: item `code` 409, `error_data.code` 1008 (duplicate resource), and nothing is
      created. This is the same rule as the CSV upload's duplicate count. Exotel publishes no
      example of this case; 409 + 1008 is what its v2 platform answers for duplicates.
      Because of this rule, sending the same contacts again never creates a second copy.

    Request-level answers: 402 when the account is over its plan's limit or out of balance (nothing
    is created); 409 (`error_data.code` 1008) when the v2 platform answers the request as a whole
    as a duplicate rather than item by item (sometimes with `http_code` 200 and the inner code 409,
    see the `Conflict` response); nothing is created then either.

    `number` is E.164 (`+919876543210`); a national number is also accepted and matched to a
    country, and a landline takes its STD code (`0XXXXXX2400`).

    The seed's parameter table calls the custom data `custom`; its examples and Exotel's own
    examples send `custom_field` (an object), which is what this operation takes.

    The body may be sent with `Content-Length` or `Transfer-Encoding: chunked`. A body nested
    more than 32 levels deep is answered 400 (`error_data.code` 1007) as a whole.

    Args:
        account_sid (str):
        body (CreateContactsRequest): Up to 5000 contacts. The body nests at most `x-max-depth`
            levels (this object is level 1, `contacts` level 2, a contact level 3); a deeper one is
            answered 400 (1007) as a whole.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadGatewayErrorResponse | BadRequestErrorResponse | ConflictErrorResponse | CreateContactsResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | PayloadTooLargeErrorResponse | PaymentRequiredErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse | UnsupportedMediaTypeErrorResponse
    """

    return (
        await asyncio_detailed(
            account_sid=account_sid,
            client=client,
            body=body,
        )
    ).parsed
