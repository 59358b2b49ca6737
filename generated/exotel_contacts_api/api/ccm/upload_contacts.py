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
from ...models.payload_too_large_error_response import PayloadTooLargeErrorResponse
from ...models.payment_required_error_response import PaymentRequiredErrorResponse
from ...models.rest_exception_error_body import RestExceptionErrorBody
from ...models.service_unavailable_error_response import ServiceUnavailableErrorResponse
from ...models.too_many_requests_envelope import TooManyRequestsEnvelope
from ...models.unauthorized_error_response import UnauthorizedErrorResponse
from ...models.unsupported_media_type_error_response import (
    UnsupportedMediaTypeErrorResponse,
)
from ...models.upload_accepted_response import UploadAcceptedResponse
from ...models.upload_contacts_request import UploadContactsRequest
from ...types import Response


def _get_kwargs(
    account_sid: str,
    *,
    body: UploadContactsRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/accounts/{account_sid}/contacts/upload".format(
            account_sid=quote(str(account_sid), safe=""),
        ),
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

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
    | PayloadTooLargeErrorResponse
    | PaymentRequiredErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | UnsupportedMediaTypeErrorResponse
    | UploadAcceptedResponse
    | None
):
    if response.status_code == 202:
        response_202 = UploadAcceptedResponse.from_dict(response.json())

        return response_202

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
    | PayloadTooLargeErrorResponse
    | PaymentRequiredErrorResponse
    | ServiceUnavailableErrorResponse
    | UnauthorizedErrorResponse
    | UnsupportedMediaTypeErrorResponse
    | UploadAcceptedResponse
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
    body: UploadContactsRequest,
) -> Response[
    BadGatewayErrorResponse
    | BadRequestErrorResponse
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
    | UploadAcceptedResponse
]:
    """Upload contacts from a CSV file (CCM)

     Uploads a CSV of contacts for contact center campaigns and call queues. The upload is
    processed asynchronously: the answer is 202 with an `upload_id` to follow with
    `getUploadStatus` and `getUploadErrors`.

    CSV columns: `phone_number` (required, E.164, e.g. `+919876543210`), `first_name`,
    `last_name`, `email`, `company`, `tag`, `custom_field_1`. The first line is the header.

    Limits: the file is at most 10 MB (larger: 413) and 50,000 records (more: 400); `.csv`
    only; at most 5 uploads in progress per account (a sixth: 429). An account over its plan's
    limit or out of balance gets 402 for the whole upload (rows that would only pass the
    account's contact limit fail one by one with `QUOTA_EXCEEDED`).

    Each row is checked and a failing row gets one of the `ContactUploadErrorCode` codes:
    `INVALID_PHONE` (not E.164), `MISSING_REQUIRED` (no phone number), `INVALID_EMAIL` (a
    non-empty email that is not an `EmailAddress`), `INVALID_FORMAT`, `DUPLICATE_ENTRY` (the number
    exists already, or earlier in the file,
    and `duplicate_action` is `skip`), `QUOTA_EXCEEDED` (the account's contact limit).

    `duplicate_action` says what happens to a row whose phone number the account already has:
    `skip` (default) leaves the existing contact and counts the row in `duplicates_skipped`
    with a `DUPLICATE_ENTRY` error row; `update` overwrites the existing contact's fields;
    `create_new` adds another contact with the same number. With `skip` or `update`,
    uploading the same file twice leaves the same contacts as uploading it once.

    Args:
        account_sid (str):
        body (UploadContactsRequest): The multipart form of a CCM contact upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadGatewayErrorResponse | BadRequestErrorResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | PayloadTooLargeErrorResponse | PaymentRequiredErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse | UnsupportedMediaTypeErrorResponse | UploadAcceptedResponse]
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
    body: UploadContactsRequest,
) -> (
    BadGatewayErrorResponse
    | BadRequestErrorResponse
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
    | UploadAcceptedResponse
    | None
):
    """Upload contacts from a CSV file (CCM)

     Uploads a CSV of contacts for contact center campaigns and call queues. The upload is
    processed asynchronously: the answer is 202 with an `upload_id` to follow with
    `getUploadStatus` and `getUploadErrors`.

    CSV columns: `phone_number` (required, E.164, e.g. `+919876543210`), `first_name`,
    `last_name`, `email`, `company`, `tag`, `custom_field_1`. The first line is the header.

    Limits: the file is at most 10 MB (larger: 413) and 50,000 records (more: 400); `.csv`
    only; at most 5 uploads in progress per account (a sixth: 429). An account over its plan's
    limit or out of balance gets 402 for the whole upload (rows that would only pass the
    account's contact limit fail one by one with `QUOTA_EXCEEDED`).

    Each row is checked and a failing row gets one of the `ContactUploadErrorCode` codes:
    `INVALID_PHONE` (not E.164), `MISSING_REQUIRED` (no phone number), `INVALID_EMAIL` (a
    non-empty email that is not an `EmailAddress`), `INVALID_FORMAT`, `DUPLICATE_ENTRY` (the number
    exists already, or earlier in the file,
    and `duplicate_action` is `skip`), `QUOTA_EXCEEDED` (the account's contact limit).

    `duplicate_action` says what happens to a row whose phone number the account already has:
    `skip` (default) leaves the existing contact and counts the row in `duplicates_skipped`
    with a `DUPLICATE_ENTRY` error row; `update` overwrites the existing contact's fields;
    `create_new` adds another contact with the same number. With `skip` or `update`,
    uploading the same file twice leaves the same contacts as uploading it once.

    Args:
        account_sid (str):
        body (UploadContactsRequest): The multipart form of a CCM contact upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadGatewayErrorResponse | BadRequestErrorResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | PayloadTooLargeErrorResponse | PaymentRequiredErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse | UnsupportedMediaTypeErrorResponse | UploadAcceptedResponse
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
    body: UploadContactsRequest,
) -> Response[
    BadGatewayErrorResponse
    | BadRequestErrorResponse
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
    | UploadAcceptedResponse
]:
    """Upload contacts from a CSV file (CCM)

     Uploads a CSV of contacts for contact center campaigns and call queues. The upload is
    processed asynchronously: the answer is 202 with an `upload_id` to follow with
    `getUploadStatus` and `getUploadErrors`.

    CSV columns: `phone_number` (required, E.164, e.g. `+919876543210`), `first_name`,
    `last_name`, `email`, `company`, `tag`, `custom_field_1`. The first line is the header.

    Limits: the file is at most 10 MB (larger: 413) and 50,000 records (more: 400); `.csv`
    only; at most 5 uploads in progress per account (a sixth: 429). An account over its plan's
    limit or out of balance gets 402 for the whole upload (rows that would only pass the
    account's contact limit fail one by one with `QUOTA_EXCEEDED`).

    Each row is checked and a failing row gets one of the `ContactUploadErrorCode` codes:
    `INVALID_PHONE` (not E.164), `MISSING_REQUIRED` (no phone number), `INVALID_EMAIL` (a
    non-empty email that is not an `EmailAddress`), `INVALID_FORMAT`, `DUPLICATE_ENTRY` (the number
    exists already, or earlier in the file,
    and `duplicate_action` is `skip`), `QUOTA_EXCEEDED` (the account's contact limit).

    `duplicate_action` says what happens to a row whose phone number the account already has:
    `skip` (default) leaves the existing contact and counts the row in `duplicates_skipped`
    with a `DUPLICATE_ENTRY` error row; `update` overwrites the existing contact's fields;
    `create_new` adds another contact with the same number. With `skip` or `update`,
    uploading the same file twice leaves the same contacts as uploading it once.

    Args:
        account_sid (str):
        body (UploadContactsRequest): The multipart form of a CCM contact upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadGatewayErrorResponse | BadRequestErrorResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | PayloadTooLargeErrorResponse | PaymentRequiredErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse | UnsupportedMediaTypeErrorResponse | UploadAcceptedResponse]
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
    body: UploadContactsRequest,
) -> (
    BadGatewayErrorResponse
    | BadRequestErrorResponse
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
    | UploadAcceptedResponse
    | None
):
    """Upload contacts from a CSV file (CCM)

     Uploads a CSV of contacts for contact center campaigns and call queues. The upload is
    processed asynchronously: the answer is 202 with an `upload_id` to follow with
    `getUploadStatus` and `getUploadErrors`.

    CSV columns: `phone_number` (required, E.164, e.g. `+919876543210`), `first_name`,
    `last_name`, `email`, `company`, `tag`, `custom_field_1`. The first line is the header.

    Limits: the file is at most 10 MB (larger: 413) and 50,000 records (more: 400); `.csv`
    only; at most 5 uploads in progress per account (a sixth: 429). An account over its plan's
    limit or out of balance gets 402 for the whole upload (rows that would only pass the
    account's contact limit fail one by one with `QUOTA_EXCEEDED`).

    Each row is checked and a failing row gets one of the `ContactUploadErrorCode` codes:
    `INVALID_PHONE` (not E.164), `MISSING_REQUIRED` (no phone number), `INVALID_EMAIL` (a
    non-empty email that is not an `EmailAddress`), `INVALID_FORMAT`, `DUPLICATE_ENTRY` (the number
    exists already, or earlier in the file,
    and `duplicate_action` is `skip`), `QUOTA_EXCEEDED` (the account's contact limit).

    `duplicate_action` says what happens to a row whose phone number the account already has:
    `skip` (default) leaves the existing contact and counts the row in `duplicates_skipped`
    with a `DUPLICATE_ENTRY` error row; `update` overwrites the existing contact's fields;
    `create_new` adds another contact with the same number. With `skip` or `update`,
    uploading the same file twice leaves the same contacts as uploading it once.

    Args:
        account_sid (str):
        body (UploadContactsRequest): The multipart form of a CCM contact upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadGatewayErrorResponse | BadRequestErrorResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | PayloadTooLargeErrorResponse | PaymentRequiredErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse | UnsupportedMediaTypeErrorResponse | UploadAcceptedResponse
    """

    return (
        await asyncio_detailed(
            account_sid=account_sid,
            client=client,
            body=body,
        )
    ).parsed
