"""The feedback store's SQLite connection: one short connection per operation."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class SqliteDatabase:
    """An SQLite file; writes take the write lock at once and wait at most `timeout` for it."""

    kind = "sqlite"
    unavailable: tuple[type[BaseException], ...] = (sqlite3.Error,)

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def describe(self) -> str:
        """Where the data is, for messages."""
        return str(self.path)

    def prepare(self, timeout: float) -> None:
        """Write-ahead logging, so that reading never waits for a writer (kept in the file)."""
        deadline = time.monotonic() + timeout
        db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        try:
            while True:
                try:
                    db.execute("PRAGMA journal_mode=WAL")
                    return
                except sqlite3.OperationalError as exc:
                    # Changing the journal mode fails at once, without the busy timeout, while
                    # another instance starting at the same moment holds its migration lock.
                    if "locked" not in str(exc) or time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
        finally:
            db.close()

    @contextmanager
    def transaction(self, timeout: float) -> Iterator[sqlite3.Connection]:
        """A write transaction, committed when the block ends without an exception."""
        db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        try:
            # IMMEDIATE: wait for the write lock here, within the busy timeout, rather than
            # failing later when a read lock cannot be upgraded.
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        finally:
            db.close()

    @contextmanager
    def reading(self, timeout: float) -> Iterator[sqlite3.Connection]:
        """A connection for reading."""
        db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        try:
            yield db
        finally:
            db.close()

    def lock_for_migration(self, db: sqlite3.Connection) -> None:
        """Nothing more to do: BEGIN IMMEDIATE already keeps other writers out."""

    def close(self) -> None:
        """Nothing is held open between operations."""
