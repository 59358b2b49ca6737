from enum import IntEnum


class ConflictErrorResponseHttpCode(IntEnum):
    VALUE_409 = 409
    VALUE_200 = 200

    def __str__(self) -> str:
        return str(self.value)
