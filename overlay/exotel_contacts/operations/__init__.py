"""The operations: one request as data (``operation``), the generated request builders
(``spec_requests``), what the methods accept (``inputs``) and make of an answer (``answers``)."""

__all__: list[str] = []
