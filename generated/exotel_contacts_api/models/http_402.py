from enum import IntEnum


class Http402(IntEnum):
    VALUE_402 = 402

    def __str__(self) -> str:
        return str(self.value)
