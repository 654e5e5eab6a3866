"""The anonymous feedback store: one interface over SQLite (default) or PostgreSQL.

Stores no address, time of day or identifier. Imports nothing of Flask, so the command line and
the tests use it directly.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import time

from ..feedback import (
    HELPFUL_KINDS,
    REPORT_PROBLEMS,
    WORDS_MAX,
    FeedbackError,
    clean_details,
    this_month,
)
from ..redact import plain, redact
from . import migrations

TABLES = ("helpful", "reports", "not_found", "unmet_searches", "campaign_scans")
_ORDER = {
    "helpful": "month, kind, slug", "reports": "month, slug", "not_found": "month, words",
    "unmet_searches": "month, count DESC, words", "campaign_scans": "day, campaign",
}


class _RolledBack(Exception):
    """Raised inside a transaction to undo it on purpose."""


class StoreUnavailable(RuntimeError):
    """The store could not be written just now (locked, full or unreachable)."""


class _Health:
    """Remembers that counting is failing, so it is logged once and retried only now and then."""

    def __init__(self, logger: logging.Logger, pause: float):
        self._logger, self._pause = logger, pause
        self._lock = threading.Lock()
        self._failing = False
        self._retry_at = 0.0
        self.dropped = 0
        self._capped: set[tuple[str, str]] = set()

    def paused(self) -> bool:
        """True (and the count dropped) while a recent failure says not to try yet."""
        with self._lock:
            if self._failing and time.monotonic() < self._retry_at:
                self.dropped += 1
                return True
            return False

    def failed(self, what: str, error: BaseException) -> None:
        """Drop this count; log only the first failure of a run of them."""
        with self._lock:
            self.dropped += 1
            self._retry_at = time.monotonic() + self._pause
            if self._failing:
                return
            self._failing = True
        self._logger.warning("could not count %s (%s): counts are dropped, and pages served as "
                             "usual, until the feedback store can be written again", what, error)

    def succeeded(self) -> None:
        """Counting works (again)."""
        if not self._failing:
            return
        with self._lock:
            self._failing, dropped, self.dropped = False, self.dropped, 0
        self._logger.warning("counting again: %d counts were dropped while the feedback store "
                             "could not be written", dropped)

    def capped(self, kind: str, day: str, cap: int) -> None:
        """Log once per kind and day that the day's new entries reached their limit."""
        with self._lock:
            if (kind, day) in self._capped:
                return
            self._capped = {k for k in self._capped if k[1] == day} | {(kind, day)}
        self._logger.warning("%s: %d new entries today, the daily limit "
                             "(SIGNPOST_FEEDBACK_NEW_KEYS_PER_DAY); more new ones are not "
                             "counted until tomorrow, existing ones still are", kind, cap)


class FeedbackStore:
    """Feedback and aggregated counts in one database, whichever kind it is."""

    def __init__(self, db, *, new_keys_per_day: int = 500, count_timeout: float = 0.2,
                 write_timeout: float = 2.0, retry_after: float = 2.0,
                 logger: logging.Logger | None = None):
        self.db = db
        self.new_keys_per_day = new_keys_per_day
        self.count_timeout, self.write_timeout = count_timeout, write_timeout
        self.logger = logger or logging.getLogger("signpost.feedback")
        self.health = _Health(self.logger, pause=retry_after)
        # False while the database could not be reached to bring its tables up to date: the
        # site is served all the same, and each write tries again.
        self.ready = False

    # -- schema --------------------------------------------------------------------------------

    def migrate(self, today: dt.date | None = None, connect_timeout: float = 10.0) -> list[int]:
        """Bring the schema up to date; returns the versions applied (none when already current)."""
        self.db.prepare(connect_timeout)
        applied = []
        with self.db.transaction(max(self.write_timeout, 10.0)) as cur:
            self.db.lock_for_migration(cur)
            cur.execute(migrations.VERSION_TABLE)
            current = cur.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version"
                                  ).fetchone()[0]
            for number, statements in migrations.pending(current, today or dt.date.today()):
                for statement in statements:
                    cur.execute(statement)
                cur.execute("INSERT INTO schema_version VALUES (?, ?)",
                            (number, (today or dt.date.today()).isoformat()))
                applied.append(number)
        self.ready = True
        return applied

    def _make_ready(self, timeout: float) -> None:
        if not self.ready:
            self.migrate(connect_timeout=timeout)

    def version(self) -> int:
        """The schema version the database is at."""
        with self.db.reading(self.write_timeout) as cur:
            return cur.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version"
                               ).fetchone()[0]

    def writable(self, timeout: float = 1.0) -> bool:
        """Whether the store can be written now: a row is written, then rolled back."""
        try:
            with self.db.transaction(timeout) as cur:
                cur.execute("INSERT INTO helpful VALUES (?, ?, ?, ?)",
                            ("page", "healthz", 0, "0000-00"))
                raise _RolledBack
        except _RolledBack:
            return True
        except self.db.unavailable:
            return False

    def close(self) -> None:
        """Release connections."""
        self.db.close()

    # -- feedback people send (POST, behind a form token and the rate limit) -------------------

    def _write(self, sql: str, params: tuple) -> None:
        try:
            self._make_ready(self.write_timeout)
            with self.db.transaction(self.write_timeout) as cur:
                cur.execute(sql, params)
        except self.db.unavailable as error:
            self.logger.warning("could not store feedback (%s)", error)
            raise StoreUnavailable(str(error)) from error

    def add_helpful(self, kind: str, slug: str, helpful: bool) -> None:
        """Count one "was this helpful?" answer."""
        if kind not in HELPFUL_KINDS:
            raise FeedbackError(f"unknown kind {kind!r}")
        self._write("INSERT INTO helpful VALUES (?, ?, ?, ?)",
                    (kind, slug, int(helpful), this_month()))

    def add_report(self, slug: str, problem: str, details: str | None) -> None:
        """Store a report that a service's details are wrong."""
        if problem not in REPORT_PROBLEMS:
            raise FeedbackError(f"unknown problem {problem!r}")
        self._write("INSERT INTO reports VALUES (?, ?, ?, ?)",
                    (slug, problem, clean_details(details), this_month()))

    def add_not_found(self, words: str, details: str | None) -> None:
        """Store "couldn't find what you need" from a results page."""
        self._write("INSERT INTO not_found VALUES (?, ?, ?)",
                    (clean_words(words), clean_details(details), this_month()))

    # -- counts made by plain visits (GET): bounded, and never a reason for a page to fail ----

    def _count(self, kind: str, table: str, key: dict[str, str], day: dt.date) -> bool:
        if self.health.paused():
            return False
        names = list(key)
        where = " AND ".join(f"{name} = ?" for name in names)
        values = tuple(key.values())
        today = day.isoformat()
        counted = False
        try:
            self._make_ready(self.count_timeout)
            with self.db.transaction(self.count_timeout) as cur:
                counted = bool(cur.execute(
                    f"UPDATE {table} SET count = count + 1 WHERE {where}", values  # noqa: S608
                ).rowcount)
                if not counted:
                    counted = self._add_key(cur, kind, table, names, values, today)
        except self.db.unavailable as error:
            self.health.failed(kind, error)
            return False
        if counted:
            self.health.succeeded()
        return counted

    def _add_key(self, cur, kind: str, table: str, names: list[str], values: tuple,
                 today: str) -> bool:
        row = cur.execute("SELECT count FROM new_keys WHERE kind = ? AND day = ?",
                          (kind, today)).fetchone()
        if row and row[0] >= self.new_keys_per_day:
            self.health.capped(kind, today, self.new_keys_per_day)
            return False
        cur.execute(f"INSERT INTO {table} ({', '.join(names)}, count) "  # noqa: S608
                    f"VALUES ({', '.join('?' for _ in names)}, 1) "
                    f"ON CONFLICT ({', '.join(names)}) DO UPDATE SET count = {table}.count + 1",
                    values)
        cur.execute("INSERT INTO new_keys VALUES (?, ?, 1) ON CONFLICT (kind, day) "
                    "DO UPDATE SET count = new_keys.count + 1", (kind, today))
        if not row:  # the day's first new entry: forget earlier days' tallies
            cur.execute("DELETE FROM new_keys WHERE day < ?", (today,))
        return True

    def count_unmet_search(self, words: str, day: dt.date | None = None) -> bool:
        """Count a search that found nothing, by its words and month alone; False if not counted."""
        words = clean_words(words.lower())
        if not words:
            return False
        day = day or dt.date.today()
        return self._count("unmet-search", "unmet_searches",
                           {"words": words, "month": day.strftime("%Y-%m")}, day)

    def count_scan(self, campaign: str, day: dt.date | None = None) -> bool:
        """Count one visit from a poster or link tagged with a campaign; False if not counted."""
        day = day or dt.date.today()
        return self._count("campaign", "campaign_scans",
                           {"campaign": campaign, "day": day.isoformat()}, day)

    # -- forgetting ----------------------------------------------------------------------------

    def prune(self, keep_from: str) -> dict[str, int]:
        """Delete everything filed before a month ("YYYY-MM"); rows deleted per table."""
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", keep_from):
            raise ValueError(f"not a month: {keep_from!r}")
        deleted = {}
        self._make_ready(self.write_timeout)
        try:
            with self.db.transaction(self.write_timeout) as cur:
                for table in TABLES:
                    column = "day" if table == "campaign_scans" else "month"
                    # Days ("2026-01-31") and months ("2026-01") both sort before "2026-02".
                    deleted[table] = cur.execute(
                        f"DELETE FROM {table} WHERE {column} < ?", (keep_from,)  # noqa: S608
                    ).rowcount
        except self.db.unavailable as error:
            raise StoreUnavailable(f"cannot prune the feedback store ({self.db.describe()}): "
                                   f"{error}") from error
        return deleted

    # -- reading -------------------------------------------------------------------------------

    def _read(self, sql: str, params: tuple = ()) -> list[tuple]:
        try:
            self._make_ready(self.write_timeout)
            with self.db.reading(self.write_timeout) as cur:
                return [tuple(row) for row in cur.execute(sql, params).fetchall()]
        except self.db.unavailable as error:
            raise StoreUnavailable(f"cannot read the feedback store ({self.db.describe()}): "
                                   f"{error}") from error

    def rows(self, table: str) -> list[tuple]:
        """Every row of a table, for export and reports."""
        if table not in TABLES:
            raise ValueError(table)
        return self._read(f"SELECT * FROM {table} ORDER BY {_ORDER[table]}")  # noqa: S608

    def is_empty(self) -> bool:
        """True when nothing at all has been stored yet."""
        return not any(self._read(f"SELECT 1 FROM {t} LIMIT 1") for t in TABLES)  # noqa: S608

    def helpful_counts(self) -> list[tuple[str, str, int, int]]:
        """(kind, slug, helpful, not helpful) per page, most answered first."""
        return self._read("SELECT kind, slug, SUM(helpful), SUM(1 - helpful) FROM helpful "
                          "GROUP BY kind, slug ORDER BY COUNT(*) DESC, slug")

    def report_counts(self) -> list[tuple[str, int]]:
        """(service, reports) most reported first."""
        return self._read("SELECT slug, COUNT(*) FROM reports GROUP BY slug "
                          "ORDER BY COUNT(*) DESC, slug")

    def top_unmet(self, limit: int = 20) -> list[tuple[str, int]]:
        """The commonest searches that found nothing, over every month kept."""
        return self._read("SELECT words, SUM(count) AS total FROM unmet_searches GROUP BY words "
                          "ORDER BY total DESC, words LIMIT ?", (limit,))


def clean_words(words: str) -> str:
    """Search words as kept: spaces collapsed, within the limit, contact details removed."""
    # Redact before cutting to length, so a cut never leaves half an email address behind.
    return redact(plain(" ".join(words.split()))[:3 * WORDS_MAX])[:WORDS_MAX].strip()


def open_store(config, logger: logging.Logger | None = None,
               must_open: bool = True) -> FeedbackStore:
    """The store a configuration names: PostgreSQL when DATABASE_URL is set, else SQLite.

    With must_open False (the site starting) a database that cannot be reached is logged as an
    error and the store returned anyway: crisis help must not wait for a feedback database.
    """
    url = config.get("DATABASE_URL") or ""
    if url:
        from .postgres import PostgresDatabase

        db = PostgresDatabase(url, pool_size=int(config.get("DATABASE_POOL_SIZE", 4)))
    else:
        from .sqlite import SqliteDatabase

        db = SqliteDatabase(config["FEEDBACK_DB"])
    store = FeedbackStore(
        db, new_keys_per_day=int(config.get("FEEDBACK_NEW_KEYS_PER_DAY", 500)),
        count_timeout=int(config.get("FEEDBACK_COUNT_TIMEOUT_MS", 200)) / 1000,
        write_timeout=int(config.get("FEEDBACK_WRITE_TIMEOUT_MS", 2000)) / 1000,
        retry_after=float(config.get("FEEDBACK_COUNT_RETRY_S", 2.0)), logger=logger)
    try:
        store.migrate(connect_timeout=float(config.get("DATABASE_CONNECT_TIMEOUT", 10)))
    except db.unavailable as error:
        message = f"cannot open the feedback store ({db.describe()}): {error}"
        if must_open:
            store.close()
            raise StoreUnavailable(message) from error
        store.logger.error("%s. The site is served; feedback and counts are not saved until "
                           "the store can be reached (it is tried again as they come in)",
                           message)
    return store
