"""Contains all the data models used in inputs/outputs"""

from .add_contacts_to_list_request import AddContactsToListRequest
from .api_error_code import ApiErrorCode
from .bulk_metadata import BulkMetadata
from .call_status import CallStatus
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
from .error_response import ErrorResponse
from .error_result import ErrorResult
from .error_result_data import ErrorResultData
from .http_status_code import HttpStatusCode
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
from .page_metadata import PageMetadata
from .sms_status_code import SmsStatusCode
from .sort_order import SortOrder
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
    "BulkMetadata",
    "CallStatus",
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
    "ErrorResponse",
    "ErrorResult",
    "ErrorResultData",
    "HttpStatusCode",
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
    "PageMetadata",
    "SmsStatusCode",
    "SortOrder",
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
