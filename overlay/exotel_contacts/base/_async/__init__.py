"""Hand-written and generated halves of this layer; see scripts/unasync.py."""

__all__: list[str] = []
