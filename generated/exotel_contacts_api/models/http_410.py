from enum import IntEnum


class Http410(IntEnum):
    VALUE_410 = 410

    def __str__(self) -> str:
        return str(self.value)
