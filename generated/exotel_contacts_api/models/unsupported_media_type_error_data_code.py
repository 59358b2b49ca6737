from enum import IntEnum


class UnsupportedMediaTypeErrorDataCode(IntEnum):
    VALUE_1011 = 1011

    def __str__(self) -> str:
        return str(self.value)
