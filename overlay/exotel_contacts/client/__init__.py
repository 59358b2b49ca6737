"""The clients: ``Client``/``AsyncClient``, the Campaign directory and the generated operation groups."""

__all__: list[str] = []
