from enum import IntEnum


class Http207(IntEnum):
    VALUE_207 = 207

    def __str__(self) -> str:
        return str(self.value)
