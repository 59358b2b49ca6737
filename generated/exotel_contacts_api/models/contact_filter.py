from enum import StrEnum


class ContactFilter(StrEnum):
    SHOW_LIST = "show_list"

    def __str__(self) -> str:
        return str(self.value)
