"""A bounded memory of things worked out once and asked for again: least recently used go first.

Search keeps each term's scored postings here; the pages keep rendered service cards. Only ever
in memory, never on disk, and never holding who asked.
"""

from __future__ import annotations

import threading
from collections import OrderedDict


class Kept:
    """A bounded, thread-safe memory: the least recently used go first."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def items(self) -> list:
        """A copy of what is kept, as (key, value) pairs, least recently used first."""
        with self._lock:
            return list(self._items.items())
