"""The bounded memory that search terms' postings and rendered cards are kept in."""

from __future__ import annotations

import threading

from directory.kept import Kept


def test_keeps_at_most_its_size_dropping_the_least_recently_used():
    kept = Kept(3)
    for key in "abc":
        kept.put(key, key.upper())
    assert kept.get("a") == "A"  # now the most recently used
    kept.put("d", "D")
    assert kept.get("b") is None  # the least recently used went first
    assert [kept.get(k) for k in "acd"] == ["A", "C", "D"]
    kept.put("a", "A2")
    assert kept.get("a") == "A2"


def test_many_threads_never_push_it_past_its_size():
    kept = Kept(50)

    def fill(start):
        for i in range(start, start + 500):
            kept.put(i, i)
            kept.get(i - 3)

    threads = [threading.Thread(target=fill, args=(n * 1000,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(kept._items) == 50
