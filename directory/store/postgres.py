"""The feedback store's PostgreSQL connections: a pool shared by the threads of one process."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

# Any constant will do: it only has to be the same in every instance that migrates.
_MIGRATION_LOCK = 7_465_730


class _Cursor:
    """Runs the store's SQL, written with ? placeholders, on a psycopg cursor."""

    def __init__(self, cursor: psycopg.Cursor):
        self._cursor = cursor

    def execute(self, sql: str, params: tuple = ()) -> psycopg.Cursor:
        """Execute one statement and return the cursor for its results."""
        return self._cursor.execute(sql.replace("?", "%s"), params)


class PostgresDatabase:
    """A PostgreSQL database at a connection URL (postgresql://user:password@host/name)."""

    kind = "postgresql"
    unavailable: tuple[type[BaseException], ...] = (psycopg.Error, PoolTimeout)

    def __init__(self, url: str, pool_size: int = 4):
        self.url, self.pool_size = url, pool_size
        self._pool: ConnectionPool | None = None
        self._pid = 0
        self._lock = threading.Lock()

    @property
    def pool(self) -> ConnectionPool:
        """This process's pool. A server that loads the app and then forks its workers
        (gunicorn --preload) must not share the parent's connections or pool threads, so each
        process opens its own on first use."""
        if self._pid != os.getpid():
            with self._lock:
                if self._pid != os.getpid():
                    self._pool = ConnectionPool(self.url, min_size=1, max_size=self.pool_size,
                                                open=True, name="signpost-feedback")
                    self._pid = os.getpid()
        return self._pool

    def describe(self) -> str:
        """Where the data is, for messages (without any password)."""
        info = psycopg.conninfo.conninfo_to_dict(self.url)
        return (f"PostgreSQL database {info.get('dbname', '')!r} on "
                f"{info.get('host', 'localhost')}:{info.get('port', 5432)}")

    def prepare(self, timeout: float) -> None:
        """Wait for the first connection, so a wrong address is reported at start-up."""
        try:
            self.pool.wait(timeout=timeout)
        except PoolTimeout:
            self._pid = 0  # wait() has closed that pool: open a fresh one on the next try
            raise

    @contextmanager
    def transaction(self, timeout: float) -> Iterator[_Cursor]:
        """A transaction that waits at most about `timeout` for a connection, a lock or a query."""
        with self.pool.connection(timeout=timeout) as conn, conn.cursor() as cursor:
            millis = max(1, int(timeout * 1000))
            cursor.execute(f"SET LOCAL lock_timeout = {millis}")
            cursor.execute(f"SET LOCAL statement_timeout = {2 * millis}")
            yield _Cursor(cursor)

    @contextmanager
    def reading(self, timeout: float) -> Iterator[_Cursor]:
        """A connection for reading."""
        with self.pool.connection(timeout=timeout) as conn, conn.cursor() as cursor:
            yield _Cursor(cursor)

    def lock_for_migration(self, cursor: _Cursor) -> None:
        """One instance migrates at a time; the others wait, then find nothing left to do."""
        cursor.execute(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")

    def close(self) -> None:
        """Close every pooled connection this process opened."""
        if self._pool is not None and self._pid == os.getpid():
            self._pool.close()
