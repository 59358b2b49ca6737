from enum import IntEnum


class NotFoundErrorDataCode(IntEnum):
    VALUE_1000 = 1000

    def __str__(self) -> str:
        return str(self.value)
