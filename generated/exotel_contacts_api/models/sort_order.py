from enum import StrEnum


class SortOrder(StrEnum):
    DATE_CREATED_ASC = "date_created:asc"
    DATE_CREATED_DESC = "date_created:desc"
    NAME_ASC = "name:asc"
    NAME_DESC = "name:desc"

    def __str__(self) -> str:
        return str(self.value)
