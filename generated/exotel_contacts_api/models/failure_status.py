from enum import StrEnum


class FailureStatus(StrEnum):
    FAILURE = "failure"

    def __str__(self) -> str:
        return str(self.value)
