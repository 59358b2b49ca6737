from enum import IntEnum


class ConflictErrorDataCode(IntEnum):
    VALUE_1008 = 1008

    def __str__(self) -> str:
        return str(self.value)
