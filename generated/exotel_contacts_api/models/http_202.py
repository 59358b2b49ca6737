from enum import IntEnum


class Http202(IntEnum):
    VALUE_202 = 202

    def __str__(self) -> str:
        return str(self.value)
