"""Contains all the data models used in inputs/outputs"""

from .add_contacts_to_list_request import AddContactsToListRequest
from .api_error_code import ApiErrorCode
from .bad_gateway_error_data import BadGatewayErrorData
from .bad_gateway_error_data_code import BadGatewayErrorDataCode
from .bad_gateway_error_response import BadGatewayErrorResponse
from .bad_gateway_error_result import BadGatewayErrorResult
from .bad_request_error_data import BadRequestErrorData
from .bad_request_error_data_code import BadRequestErrorDataCode
from .bad_request_error_response import BadRequestErrorResponse
from .bad_request_error_result import BadRequestErrorResult
from .bulk_metadata import BulkMetadata
from .call_status import CallStatus
from .conflict_error_data import ConflictErrorData
from .conflict_error_data_code import ConflictErrorDataCode
from .conflict_error_response import ConflictErrorResponse
from .conflict_error_response_http_code import ConflictErrorResponseHttpCode
from .conflict_error_result import ConflictErrorResult
from .contact import Contact
from .contact_create import ContactCreate
from .contact_filter import ContactFilter
from .contact_list import ContactList
from .contact_patch import ContactPatch
from .contact_reference import ContactReference
from .contact_response import ContactResponse
from .contact_result import ContactResult
from .contact_update import ContactUpdate
from .contact_upload_error_code import ContactUploadErrorCode
from .contacts_page import ContactsPage
from .create_contacts_request import CreateContactsRequest
from .create_contacts_response import CreateContactsResponse
from .create_lists_request import CreateListsRequest
from .csv_status import CsvStatus
from .csv_status_response import CsvStatusResponse
from .csv_status_result import CsvStatusResult
from .csv_upload_data import CsvUploadData
from .csv_upload_request import CsvUploadRequest
from .csv_upload_response import CsvUploadResponse
from .csv_upload_result import CsvUploadResult
from .csv_upload_stats import CsvUploadStats
from .csv_upload_summary import CsvUploadSummary
from .custom_field import CustomField
from .duplicate_action import DuplicateAction
from .error_data import ErrorData
from .error_data_code import ErrorDataCode
from .failed_item import FailedItem
from .failure_status import FailureStatus
from .forbidden_error_data import ForbiddenErrorData
from .forbidden_error_data_code import ForbiddenErrorDataCode
from .forbidden_error_response import ForbiddenErrorResponse
from .forbidden_error_result import ForbiddenErrorResult
from .gateway_timeout_error_data import GatewayTimeoutErrorData
from .gateway_timeout_error_data_code import GatewayTimeoutErrorDataCode
from .gateway_timeout_error_response import GatewayTimeoutErrorResponse
from .gateway_timeout_error_result import GatewayTimeoutErrorResult
from .gone_error_data import GoneErrorData
from .gone_error_data_code import GoneErrorDataCode
from .gone_error_response import GoneErrorResponse
from .gone_error_result import GoneErrorResult
from .http_200 import Http200
from .http_202 import Http202
from .http_207 import Http207
from .http_400 import Http400
from .http_401 import Http401
from .http_402 import Http402
from .http_403 import Http403
from .http_404 import Http404
from .http_409 import Http409
from .http_410 import Http410
from .http_413 import Http413
from .http_415 import Http415
from .http_429 import Http429
from .http_500 import Http500
from .http_502 import Http502
from .http_503 import Http503
from .http_504 import Http504
from .http_status_code import HttpStatusCode
from .internal_error_data import InternalErrorData
from .internal_error_data_code import InternalErrorDataCode
from .internal_error_response import InternalErrorResponse
from .internal_error_result import InternalErrorResult
from .legs_error_body import LegsErrorBody
from .legs_error_body_response import LegsErrorBodyResponse
from .legs_error_body_response_error import LegsErrorBodyResponseError
from .list_create import ListCreate
from .list_membership import ListMembership
from .list_patch import ListPatch
from .list_reference import ListReference
from .list_response import ListResponse
from .list_result import ListResult
from .list_type import ListType
from .list_update import ListUpdate
from .lists_multi_status import ListsMultiStatus
from .lists_page import ListsPage
from .membership_response import MembershipResponse
from .membership_result import MembershipResult
from .memberships_multi_status import MembershipsMultiStatus
from .no_data import NoData
from .no_error_data import NoErrorData
from .not_found_error_data import NotFoundErrorData
from .not_found_error_data_code import NotFoundErrorDataCode
from .not_found_error_response import NotFoundErrorResponse
from .not_found_error_result import NotFoundErrorResult
from .page_metadata import PageMetadata
from .payload_too_large_error_data import PayloadTooLargeErrorData
from .payload_too_large_error_data_code import PayloadTooLargeErrorDataCode
from .payload_too_large_error_response import PayloadTooLargeErrorResponse
from .payload_too_large_error_result import PayloadTooLargeErrorResult
from .payment_required_error_data import PaymentRequiredErrorData
from .payment_required_error_data_code import PaymentRequiredErrorDataCode
from .payment_required_error_response import PaymentRequiredErrorResponse
from .payment_required_error_result import PaymentRequiredErrorResult
from .rest_exception_error_body import RestExceptionErrorBody
from .rest_exception_error_body_rest_exception import (
    RestExceptionErrorBodyRestException,
)
from .result_code import ResultCode
from .service_unavailable_error_data import ServiceUnavailableErrorData
from .service_unavailable_error_data_code import ServiceUnavailableErrorDataCode
from .service_unavailable_error_response import ServiceUnavailableErrorResponse
from .service_unavailable_error_result import ServiceUnavailableErrorResult
from .sms_status_code import SmsStatusCode
from .sort_order import SortOrder
from .too_many_requests_envelope import TooManyRequestsEnvelope
from .too_many_requests_error_data import TooManyRequestsErrorData
from .too_many_requests_error_data_code import TooManyRequestsErrorDataCode
from .too_many_requests_error_result import TooManyRequestsErrorResult
from .unauthorized_error_data import UnauthorizedErrorData
from .unauthorized_error_data_code import UnauthorizedErrorDataCode
from .unauthorized_error_response import UnauthorizedErrorResponse
from .unauthorized_error_result import UnauthorizedErrorResult
from .unsupported_media_type_error_data import UnsupportedMediaTypeErrorData
from .unsupported_media_type_error_data_code import UnsupportedMediaTypeErrorDataCode
from .unsupported_media_type_error_response import UnsupportedMediaTypeErrorResponse
from .unsupported_media_type_error_result import UnsupportedMediaTypeErrorResult
from .update_contacts_request import UpdateContactsRequest
from .update_lists_request import UpdateListsRequest
from .upload_accepted import UploadAccepted
from .upload_accepted_response import UploadAcceptedResponse
from .upload_accepted_result import UploadAcceptedResult
from .upload_contacts_request import UploadContactsRequest
from .upload_errors import UploadErrors
from .upload_errors_response import UploadErrorsResponse
from .upload_errors_result import UploadErrorsResult
from .upload_row_error import UploadRowError
from .upload_status import UploadStatus
from .upload_status_response import UploadStatusResponse
from .upload_status_result import UploadStatusResult
from .whats_app_status_code import WhatsAppStatusCode

__all__ = (
    "AddContactsToListRequest",
    "ApiErrorCode",
    "BadGatewayErrorData",
    "BadGatewayErrorDataCode",
    "BadGatewayErrorResponse",
    "BadGatewayErrorResult",
    "BadRequestErrorData",
    "BadRequestErrorDataCode",
    "BadRequestErrorResponse",
    "BadRequestErrorResult",
    "BulkMetadata",
    "CallStatus",
    "ConflictErrorData",
    "ConflictErrorDataCode",
    "ConflictErrorResponse",
    "ConflictErrorResponseHttpCode",
    "ConflictErrorResult",
    "Contact",
    "ContactCreate",
    "ContactFilter",
    "ContactList",
    "ContactPatch",
    "ContactReference",
    "ContactResponse",
    "ContactResult",
    "ContactsPage",
    "ContactUpdate",
    "ContactUploadErrorCode",
    "CreateContactsRequest",
    "CreateContactsResponse",
    "CreateListsRequest",
    "CsvStatus",
    "CsvStatusResponse",
    "CsvStatusResult",
    "CsvUploadData",
    "CsvUploadRequest",
    "CsvUploadResponse",
    "CsvUploadResult",
    "CsvUploadStats",
    "CsvUploadSummary",
    "CustomField",
    "DuplicateAction",
    "ErrorData",
    "ErrorDataCode",
    "FailedItem",
    "FailureStatus",
    "ForbiddenErrorData",
    "ForbiddenErrorDataCode",
    "ForbiddenErrorResponse",
    "ForbiddenErrorResult",
    "GatewayTimeoutErrorData",
    "GatewayTimeoutErrorDataCode",
    "GatewayTimeoutErrorResponse",
    "GatewayTimeoutErrorResult",
    "GoneErrorData",
    "GoneErrorDataCode",
    "GoneErrorResponse",
    "GoneErrorResult",
    "Http200",
    "Http202",
    "Http207",
    "Http400",
    "Http401",
    "Http402",
    "Http403",
    "Http404",
    "Http409",
    "Http410",
    "Http413",
    "Http415",
    "Http429",
    "Http500",
    "Http502",
    "Http503",
    "Http504",
    "HttpStatusCode",
    "InternalErrorData",
    "InternalErrorDataCode",
    "InternalErrorResponse",
    "InternalErrorResult",
    "LegsErrorBody",
    "LegsErrorBodyResponse",
    "LegsErrorBodyResponseError",
    "ListCreate",
    "ListMembership",
    "ListPatch",
    "ListReference",
    "ListResponse",
    "ListResult",
    "ListsMultiStatus",
    "ListsPage",
    "ListType",
    "ListUpdate",
    "MembershipResponse",
    "MembershipResult",
    "MembershipsMultiStatus",
    "NoData",
    "NoErrorData",
    "NotFoundErrorData",
    "NotFoundErrorDataCode",
    "NotFoundErrorResponse",
    "NotFoundErrorResult",
    "PageMetadata",
    "PayloadTooLargeErrorData",
    "PayloadTooLargeErrorDataCode",
    "PayloadTooLargeErrorResponse",
    "PayloadTooLargeErrorResult",
    "PaymentRequiredErrorData",
    "PaymentRequiredErrorDataCode",
    "PaymentRequiredErrorResponse",
    "PaymentRequiredErrorResult",
    "RestExceptionErrorBody",
    "RestExceptionErrorBodyRestException",
    "ResultCode",
    "ServiceUnavailableErrorData",
    "ServiceUnavailableErrorDataCode",
    "ServiceUnavailableErrorResponse",
    "ServiceUnavailableErrorResult",
    "SmsStatusCode",
    "SortOrder",
    "TooManyRequestsEnvelope",
    "TooManyRequestsErrorData",
    "TooManyRequestsErrorDataCode",
    "TooManyRequestsErrorResult",
    "UnauthorizedErrorData",
    "UnauthorizedErrorDataCode",
    "UnauthorizedErrorResponse",
    "UnauthorizedErrorResult",
    "UnsupportedMediaTypeErrorData",
    "UnsupportedMediaTypeErrorDataCode",
    "UnsupportedMediaTypeErrorResponse",
    "UnsupportedMediaTypeErrorResult",
    "UpdateContactsRequest",
    "UpdateListsRequest",
    "UploadAccepted",
    "UploadAcceptedResponse",
    "UploadAcceptedResult",
    "UploadContactsRequest",
    "UploadErrors",
    "UploadErrorsResponse",
    "UploadErrorsResult",
    "UploadRowError",
    "UploadStatus",
    "UploadStatusResponse",
    "UploadStatusResult",
    "WhatsAppStatusCode",
)
