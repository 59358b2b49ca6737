"""Hand-written and generated halves of this layer; see scripts/unasync.py."""
