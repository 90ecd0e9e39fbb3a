"""A bounded LRU of values computed for one content version; a new version empties it."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class VersionedCache(Generic[K, V]):
    """The last `limit` values by key, all computed for the current content version."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._version = ""
        self._values: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def peek(self, version: str, key: K) -> V | None:
        """The value kept for key at this version, or None; never computes."""
        with self._lock:
            if version != self._version or key not in self._values:
                return None
            self._values.move_to_end(key)  # a hit served from here is a use, like any other
            return self._values[key]

    def get(self, version: str, key: K, compute: Callable[[], V]) -> V:
        """The value for key at this version, computing (and keeping) it on a miss."""
        with self._lock:
            if version != self._version:
                self._version, self._values = version, OrderedDict()
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        # Computed outside the lock: two threads may both compute a new key, which is harmless,
        # and a slow computation never holds up hits.
        value = compute()
        with self._lock:
            if version == self._version:  # not kept if the content changed meanwhile
                self._values[key] = value
                while len(self._values) > self.limit:
                    self._values.popitem(last=False)
        return value
