"""Contains all the data models used in inputs/outputs"""

from .api_error_code import ApiErrorCode
from .bulk_metadata import BulkMetadata
from .call_status import CallStatus
from .contact import Contact
from .contact_create import ContactCreate
from .contact_list import ContactList
from .contact_result import ContactResult
from .contact_upload_error_code import ContactUploadErrorCode
from .create_contacts_request import CreateContactsRequest
from .create_contacts_response import CreateContactsResponse
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
from .error_response import ErrorResponse
from .error_result import ErrorResult
from .error_result_data import ErrorResultData
from .http_status_code import HttpStatusCode
from .list_type import ListType
from .sms_status_code import SmsStatusCode
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
    "ApiErrorCode",
    "BulkMetadata",
    "CallStatus",
    "Contact",
    "ContactCreate",
    "ContactList",
    "ContactResult",
    "ContactUploadErrorCode",
    "CreateContactsRequest",
    "CreateContactsResponse",
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
    "ErrorResponse",
    "ErrorResult",
    "ErrorResultData",
    "HttpStatusCode",
    "ListType",
    "SmsStatusCode",
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
