from enum import IntEnum


class ForbiddenErrorDataCode(IntEnum):
    VALUE_1003 = 1003

    def __str__(self) -> str:
        return str(self.value)
