"""The transport layer: configuration, auth, bounded bodies, retries, the retry transport, answers turned
into errors, network settings, logs and traces, polling, downloads, and the base client that builds the
generated client."""

__all__: list[str] = []
