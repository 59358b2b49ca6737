from enum import IntEnum


class GatewayTimeoutErrorDataCode(IntEnum):
    VALUE_1100 = 1100

    def __str__(self) -> str:
        return str(self.value)
