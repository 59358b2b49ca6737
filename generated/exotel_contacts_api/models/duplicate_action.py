from enum import StrEnum


class DuplicateAction(StrEnum):
    CREATE_NEW = "create_new"
    SKIP = "skip"
    UPDATE = "update"

    def __str__(self) -> str:
        return str(self.value)
