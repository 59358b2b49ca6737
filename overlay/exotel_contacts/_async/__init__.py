"""The async source of every sync/async pair: ``scripts/unasync.py`` writes :mod:`exotel_contacts._sync`.

Edit these modules, never their twins, then run ``make unasync``. What truly differs between the two
sides (semaphore, event, sleep, blocking work, the concurrency window) is in ``_primitives``, written by
hand on each side.
"""

__all__: list[str] = []
