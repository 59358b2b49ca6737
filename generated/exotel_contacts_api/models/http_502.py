from enum import IntEnum


class Http502(IntEnum):
    VALUE_502 = 502

    def __str__(self) -> str:
        return str(self.value)
