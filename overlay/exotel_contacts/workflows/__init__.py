"""The workflows built on the operations: bulk create, imports, list results, journals, the Campaign
report and the failure summary, with their sync and async halves alike named."""

__all__: list[str] = []
