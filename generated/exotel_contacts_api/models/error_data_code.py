from enum import IntEnum


class ErrorDataCode(IntEnum):
    VALUE_1000 = 1000
    VALUE_1002 = 1002
    VALUE_1008 = 1008

    def __str__(self) -> str:
        return str(self.value)
