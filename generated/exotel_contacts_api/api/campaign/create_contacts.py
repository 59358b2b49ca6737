from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_contacts_request import CreateContactsRequest
from ...models.create_contacts_response import CreateContactsResponse
from ...models.error_response import ErrorResponse
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
) -> CreateContactsResponse | ErrorResponse | None:
    if response.status_code == 207:
        response_207 = CreateContactsResponse.from_dict(response.json())

        return response_207

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

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
) -> Response[CreateContactsResponse | ErrorResponse]:
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
) -> Response[CreateContactsResponse | ErrorResponse]:
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
        Response[CreateContactsResponse | ErrorResponse]
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
) -> CreateContactsResponse | ErrorResponse | None:
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
        CreateContactsResponse | ErrorResponse
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
) -> Response[CreateContactsResponse | ErrorResponse]:
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
        Response[CreateContactsResponse | ErrorResponse]
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
) -> CreateContactsResponse | ErrorResponse | None:
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
        CreateContactsResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            account_sid=account_sid,
            client=client,
            body=body,
        )
    ).parsed
