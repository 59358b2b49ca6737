"""What openapi.yaml declares of each operation, as data (the generated ``operations`` table and its
``OperationRule``). Below the quota and the file checks, which read the spec's limits from it."""

__all__: list[str] = []
