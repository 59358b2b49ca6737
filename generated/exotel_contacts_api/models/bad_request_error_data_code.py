from enum import IntEnum


class BadRequestErrorDataCode(IntEnum):
    VALUE_1001 = 1001
    VALUE_1002 = 1002
    VALUE_1007 = 1007

    def __str__(self) -> str:
        return str(self.value)
