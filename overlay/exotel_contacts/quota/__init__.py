"""The rate quota: the client-side windows per rate class, what the server's rate headers say, the
Redis-shared quota and its fault riding, and the limiter (``_async/limiter.py`` and its sync twin)."""

__all__: list[str] = []
