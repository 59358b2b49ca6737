from enum import IntEnum


class UnauthorizedErrorDataCode(IntEnum):
    VALUE_1010 = 1010

    def __str__(self) -> str:
        return str(self.value)
