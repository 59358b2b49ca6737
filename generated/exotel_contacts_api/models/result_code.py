from enum import IntEnum


class ResultCode(IntEnum):
    VALUE_400 = 400
    VALUE_404 = 404
    VALUE_409 = 409

    def __str__(self) -> str:
        return str(self.value)
