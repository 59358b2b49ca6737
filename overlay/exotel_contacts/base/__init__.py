"""The base layer: the words every layer uses (errors, settings, the API family, rates, outcome rules,
deadlines) and the hand-written primitives that differ between the sync and async sides. Imports nothing
of the overlay above it."""

__all__: list[str] = []
