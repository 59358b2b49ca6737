from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_gateway_error_response import BadGatewayErrorResponse
from ...models.bad_request_error_response import BadRequestErrorResponse
from ...models.csv_upload_request import CsvUploadRequest
from ...models.csv_upload_response import CsvUploadResponse
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
    body: CsvUploadRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/accounts/{account_sid}/contacts/csv-upload".format(
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
    | CsvUploadResponse
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
    if response.status_code == 200:
        response_200 = CsvUploadResponse.from_dict(response.json())

        return response_200

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
    | CsvUploadResponse
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
    body: CsvUploadRequest,
) -> Response[
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | CsvUploadResponse
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
    """Add contacts to a named list from a CSV file (Campaign)

     Adds the contacts of a CSV to the list named `list_name`, creating the list when it does
    not exist. Asynchronous: the answer carries the list and an upload `summary` whose `url`
    (and `upload_id`) is followed with `getCsvUploadStatus`.

    CSV columns: `number` (required, E.164), `first_name`, `last_name`, `company_name`, `email`,
    `tag`. No custom fields in this method.

    Limits: the file is at most 60 MB (larger: 413). A `static` list holds at most 100,000
    (1 lakh) contacts in all, a `dynamic` list 500,000 (5 lakh) with up to 5 variables; an upload
    that would take the list past its cap is refused with 400. An account over its plan's limit or
    out of balance gets 402.

    A number the account's address book already has is counted in `stats.duplicate` and not
    created again, as is a number repeated within the file; rows with an invalid number, or a
    non-empty email that is not an `EmailAddress`, are counted in `stats.failed`.

    The seeds' code samples send JSON with a multipart content type and a key `filepath`; Exotel's
    reference page and public client code send the file as the multipart part `file_name`,
    which is what this operation takes.

    Args:
        account_sid (str):
        body (CsvUploadRequest): The multipart form of a Campaign CSV upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadGatewayErrorResponse | BadRequestErrorResponse | CsvUploadResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | PayloadTooLargeErrorResponse | PaymentRequiredErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse | UnsupportedMediaTypeErrorResponse]
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
    body: CsvUploadRequest,
) -> (
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | CsvUploadResponse
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
    """Add contacts to a named list from a CSV file (Campaign)

     Adds the contacts of a CSV to the list named `list_name`, creating the list when it does
    not exist. Asynchronous: the answer carries the list and an upload `summary` whose `url`
    (and `upload_id`) is followed with `getCsvUploadStatus`.

    CSV columns: `number` (required, E.164), `first_name`, `last_name`, `company_name`, `email`,
    `tag`. No custom fields in this method.

    Limits: the file is at most 60 MB (larger: 413). A `static` list holds at most 100,000
    (1 lakh) contacts in all, a `dynamic` list 500,000 (5 lakh) with up to 5 variables; an upload
    that would take the list past its cap is refused with 400. An account over its plan's limit or
    out of balance gets 402.

    A number the account's address book already has is counted in `stats.duplicate` and not
    created again, as is a number repeated within the file; rows with an invalid number, or a
    non-empty email that is not an `EmailAddress`, are counted in `stats.failed`.

    The seeds' code samples send JSON with a multipart content type and a key `filepath`; Exotel's
    reference page and public client code send the file as the multipart part `file_name`,
    which is what this operation takes.

    Args:
        account_sid (str):
        body (CsvUploadRequest): The multipart form of a Campaign CSV upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadGatewayErrorResponse | BadRequestErrorResponse | CsvUploadResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | PayloadTooLargeErrorResponse | PaymentRequiredErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse | UnsupportedMediaTypeErrorResponse
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
    body: CsvUploadRequest,
) -> Response[
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | CsvUploadResponse
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
    """Add contacts to a named list from a CSV file (Campaign)

     Adds the contacts of a CSV to the list named `list_name`, creating the list when it does
    not exist. Asynchronous: the answer carries the list and an upload `summary` whose `url`
    (and `upload_id`) is followed with `getCsvUploadStatus`.

    CSV columns: `number` (required, E.164), `first_name`, `last_name`, `company_name`, `email`,
    `tag`. No custom fields in this method.

    Limits: the file is at most 60 MB (larger: 413). A `static` list holds at most 100,000
    (1 lakh) contacts in all, a `dynamic` list 500,000 (5 lakh) with up to 5 variables; an upload
    that would take the list past its cap is refused with 400. An account over its plan's limit or
    out of balance gets 402.

    A number the account's address book already has is counted in `stats.duplicate` and not
    created again, as is a number repeated within the file; rows with an invalid number, or a
    non-empty email that is not an `EmailAddress`, are counted in `stats.failed`.

    The seeds' code samples send JSON with a multipart content type and a key `filepath`; Exotel's
    reference page and public client code send the file as the multipart part `file_name`,
    which is what this operation takes.

    Args:
        account_sid (str):
        body (CsvUploadRequest): The multipart form of a Campaign CSV upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadGatewayErrorResponse | BadRequestErrorResponse | CsvUploadResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | PayloadTooLargeErrorResponse | PaymentRequiredErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse | UnsupportedMediaTypeErrorResponse]
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
    body: CsvUploadRequest,
) -> (
    BadGatewayErrorResponse
    | BadRequestErrorResponse
    | CsvUploadResponse
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
    """Add contacts to a named list from a CSV file (Campaign)

     Adds the contacts of a CSV to the list named `list_name`, creating the list when it does
    not exist. Asynchronous: the answer carries the list and an upload `summary` whose `url`
    (and `upload_id`) is followed with `getCsvUploadStatus`.

    CSV columns: `number` (required, E.164), `first_name`, `last_name`, `company_name`, `email`,
    `tag`. No custom fields in this method.

    Limits: the file is at most 60 MB (larger: 413). A `static` list holds at most 100,000
    (1 lakh) contacts in all, a `dynamic` list 500,000 (5 lakh) with up to 5 variables; an upload
    that would take the list past its cap is refused with 400. An account over its plan's limit or
    out of balance gets 402.

    A number the account's address book already has is counted in `stats.duplicate` and not
    created again, as is a number repeated within the file; rows with an invalid number, or a
    non-empty email that is not an `EmailAddress`, are counted in `stats.failed`.

    The seeds' code samples send JSON with a multipart content type and a key `filepath`; Exotel's
    reference page and public client code send the file as the multipart part `file_name`,
    which is what this operation takes.

    Args:
        account_sid (str):
        body (CsvUploadRequest): The multipart form of a Campaign CSV upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadGatewayErrorResponse | BadRequestErrorResponse | CsvUploadResponse | ForbiddenErrorResponse | GatewayTimeoutErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | PayloadTooLargeErrorResponse | PaymentRequiredErrorResponse | ServiceUnavailableErrorResponse | UnauthorizedErrorResponse | UnsupportedMediaTypeErrorResponse
    """

    return (
        await asyncio_detailed(
            account_sid=account_sid,
            client=client,
            body=body,
        )
    ).parsed
