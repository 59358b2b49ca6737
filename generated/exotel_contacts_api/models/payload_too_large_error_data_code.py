from enum import IntEnum


class PayloadTooLargeErrorDataCode(IntEnum):
    VALUE_1002 = 1002

    def __str__(self) -> str:
        return str(self.value)
