"""A daemon thread that calls `refresh()` every few seconds, so no reader's request ever looks at the tree."""
from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class Reloader:
    """Calls `refresh` every `interval` seconds in a thread of this process; an interval of 0 never does.

    The thread starts on first use in each process: gunicorn forks its workers from a master that
    loaded the library, and threads don't survive a fork, so each worker starts its own.
    """

    def __init__(self, refresh: Callable[[], object], interval: float) -> None:
        self.refresh, self.interval = refresh, interval
        self._pid = 0  # the process whose thread is running, if any
        self._starting = threading.Lock()
        self._stop = threading.Event()
        self._done = threading.Condition()
        self._rounds = 0

    def ensure_running(self) -> None:
        """Start this process's thread unless it runs already (cheap: called on every request)."""
        if self.interval <= 0 or self._pid == os.getpid():
            return
        with self._starting:
            if self._pid == os.getpid():
                return
            # Fresh primitives: ones copied over a fork may be held by a thread that no longer exists.
            self._stop, self._done, self._rounds = threading.Event(), threading.Condition(), 0
            thread = threading.Thread(target=self._run, args=(self._stop,), name="content-reloader", daemon=True)
            thread.start()
            self._pid = os.getpid()

    def stop(self) -> None:
        """Stop this process's thread after its current round (it can be started again)."""
        with self._starting:
            self._stop.set()
            self._pid = 0

    def wait(self, rounds: int = 2, timeout: float = 30.0) -> bool:
        """Wait until `rounds` more rounds have finished; two make sure one began after the call."""
        with self._done:
            target = self._rounds + rounds
            return self._done.wait_for(lambda: self._rounds >= target, timeout)

    def _run(self, stop: threading.Event) -> None:
        while not stop.wait(self.interval):
            try:
                self.refresh()
            except Exception:  # the thread must outlive any one bad round; readers keep the last snapshot
                log.exception("content: re-reading the tree failed")
            with self._done:
                self._rounds += 1
                self._done.notify_all()
