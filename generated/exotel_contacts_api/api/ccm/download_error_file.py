from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_gateway_error_response import BadGatewayErrorResponse
from ...models.gateway_timeout_error_response import GatewayTimeoutErrorResponse
from ...models.gone_error_response import GoneErrorResponse
from ...models.internal_error_response import InternalErrorResponse
from ...models.legs_error_body import LegsErrorBody
from ...models.not_found_error_response import NotFoundErrorResponse
from ...models.rest_exception_error_body import RestExceptionErrorBody
from ...models.service_unavailable_error_response import ServiceUnavailableErrorResponse
from ...models.too_many_requests_envelope import TooManyRequestsEnvelope
from ...types import Response


def _get_kwargs(
    error_file_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v2/error-files/{error_file_id}".format(
            error_file_id=quote(str(error_file_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    BadGatewayErrorResponse
    | GatewayTimeoutErrorResponse
    | GoneErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | NotFoundErrorResponse
    | ServiceUnavailableErrorResponse
    | str
    | None
):
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 404:
        response_404 = NotFoundErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 410:
        response_410 = GoneErrorResponse.from_dict(response.json())

        return response_410

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
    | GatewayTimeoutErrorResponse
    | GoneErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | NotFoundErrorResponse
    | ServiceUnavailableErrorResponse
    | str
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    error_file_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    BadGatewayErrorResponse
    | GatewayTimeoutErrorResponse
    | GoneErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | NotFoundErrorResponse
    | ServiceUnavailableErrorResponse
    | str
]:
    """Download the error CSV of a contact upload (CCM)

     The format of the file behind `error_file_url`: a CSV with the header
    `row_number,phone_number,first_name,last_name,error_code,error_message` and one line per
    failed row. Exotel serves it from a pre-signed storage URL (`error_file_url`), which must be
    fetched as given and without credentials. The reference mock serves the same file at this
    path, where `error_file_id` is unguessable and acts as the credential, as a pre-signed URL does.
    404: no such file. 410: the file has expired.

    Args:
        error_file_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadGatewayErrorResponse | GatewayTimeoutErrorResponse | GoneErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | NotFoundErrorResponse | ServiceUnavailableErrorResponse | str]
    """

    kwargs = _get_kwargs(
        error_file_id=error_file_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    error_file_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> (
    BadGatewayErrorResponse
    | GatewayTimeoutErrorResponse
    | GoneErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | NotFoundErrorResponse
    | ServiceUnavailableErrorResponse
    | str
    | None
):
    """Download the error CSV of a contact upload (CCM)

     The format of the file behind `error_file_url`: a CSV with the header
    `row_number,phone_number,first_name,last_name,error_code,error_message` and one line per
    failed row. Exotel serves it from a pre-signed storage URL (`error_file_url`), which must be
    fetched as given and without credentials. The reference mock serves the same file at this
    path, where `error_file_id` is unguessable and acts as the credential, as a pre-signed URL does.
    404: no such file. 410: the file has expired.

    Args:
        error_file_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadGatewayErrorResponse | GatewayTimeoutErrorResponse | GoneErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | NotFoundErrorResponse | ServiceUnavailableErrorResponse | str
    """

    return sync_detailed(
        error_file_id=error_file_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    error_file_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    BadGatewayErrorResponse
    | GatewayTimeoutErrorResponse
    | GoneErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | NotFoundErrorResponse
    | ServiceUnavailableErrorResponse
    | str
]:
    """Download the error CSV of a contact upload (CCM)

     The format of the file behind `error_file_url`: a CSV with the header
    `row_number,phone_number,first_name,last_name,error_code,error_message` and one line per
    failed row. Exotel serves it from a pre-signed storage URL (`error_file_url`), which must be
    fetched as given and without credentials. The reference mock serves the same file at this
    path, where `error_file_id` is unguessable and acts as the credential, as a pre-signed URL does.
    404: no such file. 410: the file has expired.

    Args:
        error_file_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadGatewayErrorResponse | GatewayTimeoutErrorResponse | GoneErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | NotFoundErrorResponse | ServiceUnavailableErrorResponse | str]
    """

    kwargs = _get_kwargs(
        error_file_id=error_file_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    error_file_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> (
    BadGatewayErrorResponse
    | GatewayTimeoutErrorResponse
    | GoneErrorResponse
    | InternalErrorResponse
    | LegsErrorBody
    | RestExceptionErrorBody
    | TooManyRequestsEnvelope
    | NotFoundErrorResponse
    | ServiceUnavailableErrorResponse
    | str
    | None
):
    """Download the error CSV of a contact upload (CCM)

     The format of the file behind `error_file_url`: a CSV with the header
    `row_number,phone_number,first_name,last_name,error_code,error_message` and one line per
    failed row. Exotel serves it from a pre-signed storage URL (`error_file_url`), which must be
    fetched as given and without credentials. The reference mock serves the same file at this
    path, where `error_file_id` is unguessable and acts as the credential, as a pre-signed URL does.
    404: no such file. 410: the file has expired.

    Args:
        error_file_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadGatewayErrorResponse | GatewayTimeoutErrorResponse | GoneErrorResponse | InternalErrorResponse | LegsErrorBody | RestExceptionErrorBody | TooManyRequestsEnvelope | NotFoundErrorResponse | ServiceUnavailableErrorResponse | str
    """

    return (
        await asyncio_detailed(
            error_file_id=error_file_id,
            client=client,
        )
    ).parsed
