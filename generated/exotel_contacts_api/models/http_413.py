from enum import IntEnum


class Http413(IntEnum):
    VALUE_413 = 413

    def __str__(self) -> str:
        return str(self.value)
