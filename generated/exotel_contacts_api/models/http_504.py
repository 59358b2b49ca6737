from enum import IntEnum


class Http504(IntEnum):
    VALUE_504 = 504

    def __str__(self) -> str:
        return str(self.value)
