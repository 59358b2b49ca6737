"""The background thread that processes upload rows at the configured rate."""

from __future__ import annotations

import logging
import threading
import time

from .store import Store

__all__ = ["Worker"]

_BATCH = 2000  # rows per transaction, so request handlers never wait long for the store lock
_TICK = 0.02

logger = logging.getLogger(__name__)


class Worker:
    """Processes the oldest uploads first, `rate` rows per second in all (0: as fast as possible)."""

    def __init__(self, store: Store, *, rate: float, error_file_ttl: float) -> None:
        self._store = store
        self._rate = rate
        self._ttl = error_file_ttl
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="exotel-mock-worker", daemon=True)

    def start(self) -> None:
        """Start the thread."""
        self._thread.start()

    def wake(self) -> None:
        """Look for work now (a new upload arrived)."""
        self._wake.set()

    def stop(self) -> None:
        """Stop the thread and wait for it."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _step(self, budget: int) -> int:
        done = self._store.ccm.process(budget, self._ttl)
        return done + self._store.campaign.process(budget - done)

    def _run(self) -> None:
        tokens = 0.0
        last = time.monotonic()
        while not self._stop.is_set():
            try:
                if self._rate <= 0:
                    if self._step(_BATCH) == 0:
                        self._wake.wait(_TICK)
                        self._wake.clear()
                    continue
                now = time.monotonic()
                tokens = min(tokens + (now - last) * self._rate, max(self._rate, 1.0))
                last = now
                budget = min(int(tokens), _BATCH)
                if budget >= 1:
                    done = self._step(budget)
                    tokens = 0.0 if done == 0 else tokens - done
                self._wake.wait(_TICK)
                self._wake.clear()
            except Exception:  # the store was closed under us, or a bug: log it, keep the server up
                if self._stop.is_set():
                    return
                logger.exception("upload worker step failed")
                time.sleep(_TICK)
