from enum import StrEnum


class ContactUploadErrorCode(StrEnum):
    DUPLICATE_ENTRY = "DUPLICATE_ENTRY"
    INVALID_EMAIL = "INVALID_EMAIL"
    INVALID_FORMAT = "INVALID_FORMAT"
    INVALID_PHONE = "INVALID_PHONE"
    MISSING_REQUIRED = "MISSING_REQUIRED"
    QUOTA_EXCEEDED = "QUOTA_EXCEEDED"

    def __str__(self) -> str:
        return str(self.value)
