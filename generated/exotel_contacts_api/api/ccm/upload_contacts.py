from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
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
) -> ErrorResponse | UploadAcceptedResponse | None:
    if response.status_code == 202:
        response_202 = UploadAcceptedResponse.from_dict(response.json())

        return response_202

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
) -> Response[ErrorResponse | UploadAcceptedResponse]:
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
) -> Response[ErrorResponse | UploadAcceptedResponse]:
    """Upload contacts from a CSV file (CCM)

     Uploads a CSV of contacts for contact center campaigns and call queues. The upload is
    processed asynchronously: the answer is 202 with an `upload_id` to follow with
    `getUploadStatus` and `getUploadErrors`.

    CSV columns: `phone_number` (required, E.164, e.g. `+919876543210`), `first_name`,
    `last_name`, `email`, `company`, `tag`, `custom_field_1`. The first line is the header.

    Limits: the file is at most 10 MB (larger: 413) and 50,000 records (more: 400); `.csv`
    only; at most 5 uploads in progress per account (a sixth: 429).

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
        Response[ErrorResponse | UploadAcceptedResponse]
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
) -> ErrorResponse | UploadAcceptedResponse | None:
    """Upload contacts from a CSV file (CCM)

     Uploads a CSV of contacts for contact center campaigns and call queues. The upload is
    processed asynchronously: the answer is 202 with an `upload_id` to follow with
    `getUploadStatus` and `getUploadErrors`.

    CSV columns: `phone_number` (required, E.164, e.g. `+919876543210`), `first_name`,
    `last_name`, `email`, `company`, `tag`, `custom_field_1`. The first line is the header.

    Limits: the file is at most 10 MB (larger: 413) and 50,000 records (more: 400); `.csv`
    only; at most 5 uploads in progress per account (a sixth: 429).

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
        ErrorResponse | UploadAcceptedResponse
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
) -> Response[ErrorResponse | UploadAcceptedResponse]:
    """Upload contacts from a CSV file (CCM)

     Uploads a CSV of contacts for contact center campaigns and call queues. The upload is
    processed asynchronously: the answer is 202 with an `upload_id` to follow with
    `getUploadStatus` and `getUploadErrors`.

    CSV columns: `phone_number` (required, E.164, e.g. `+919876543210`), `first_name`,
    `last_name`, `email`, `company`, `tag`, `custom_field_1`. The first line is the header.

    Limits: the file is at most 10 MB (larger: 413) and 50,000 records (more: 400); `.csv`
    only; at most 5 uploads in progress per account (a sixth: 429).

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
        Response[ErrorResponse | UploadAcceptedResponse]
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
) -> ErrorResponse | UploadAcceptedResponse | None:
    """Upload contacts from a CSV file (CCM)

     Uploads a CSV of contacts for contact center campaigns and call queues. The upload is
    processed asynchronously: the answer is 202 with an `upload_id` to follow with
    `getUploadStatus` and `getUploadErrors`.

    CSV columns: `phone_number` (required, E.164, e.g. `+919876543210`), `first_name`,
    `last_name`, `email`, `company`, `tag`, `custom_field_1`. The first line is the header.

    Limits: the file is at most 10 MB (larger: 413) and 50,000 records (more: 400); `.csv`
    only; at most 5 uploads in progress per account (a sixth: 429).

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
        ErrorResponse | UploadAcceptedResponse
    """

    return (
        await asyncio_detailed(
            account_sid=account_sid,
            client=client,
            body=body,
        )
    ).parsed
