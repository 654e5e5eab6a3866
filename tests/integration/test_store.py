"""The feedback store behaves the same on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import time

import pytest

from directory.feedback import FeedbackError
from directory.store import StoreUnavailable, migrations, open_store

DAY = dt.date(2026, 3, 14)


@pytest.fixture(params=["sqlite", "postgresql"])
def config(request, tmp_path):
    """Settings naming an empty store of each kind."""
    if request.param == "postgresql":
        return {"DATABASE_URL": request.getfixturevalue("postgres_url"), "FEEDBACK_DB": ""}
    return {"FEEDBACK_DB": str(tmp_path / "feedback.sqlite3")}


@pytest.fixture()
def store(config):
    """An empty, migrated store."""
    store = open_store({**config, "FEEDBACK_NEW_KEYS_PER_DAY": 3})
    yield store
    store.close()


def test_a_new_store_is_empty_and_at_the_latest_schema(store):
    assert store.is_empty()
    assert store.version() == migrations.LATEST
    assert store.migrate() == []  # idempotent: nothing left to apply
    assert store.version() == migrations.LATEST


def test_feedback_is_stored_with_its_month_and_redacted_text(store):
    store.add_helpful("service", "kooth", True)
    store.add_helpful("service", "kooth", False)
    store.add_helpful("page", "sleep", True)
    store.add_report("kooth", "phone", "Wrong number, I'm Jane Doe, call 07700 900123")
    store.add_not_found("jane@example.com  dads group", "For young dads near le1 6ww")
    month = dt.date.today().strftime("%Y-%m")
    assert store.helpful_counts() == [("service", "kooth", 1, 1), ("page", "sleep", 1, 0)]
    assert store.rows("reports") == [
        ("kooth", "phone", "Wrong number, I'm [name], call [number]", month)]
    assert store.rows("not_found") == [("[email] dads group", "For young dads near [postcode]",
                                        month)]
    assert store.report_counts() == [("kooth", 1)]
    assert not store.is_empty()


@pytest.mark.parametrize("call", [
    lambda s: s.add_helpful("poster", "kooth", True),
    lambda s: s.add_report("kooth", "nonsense", ""),
    lambda s: s.add_report("kooth", "phone", "x" * 301),
])
def test_bad_feedback_is_refused_and_nothing_stored(store, call):
    with pytest.raises(FeedbackError):
        call(store)
    assert store.is_empty()


def test_counts_are_one_row_per_key_incremented(store):
    for _ in range(3):
        assert store.count_unmet_search("  Zebra   CROSSING ", day=DAY)
    assert store.count_unmet_search("zebra crossing", day=DAY.replace(month=4))
    assert store.count_scan("bus-2026", day=DAY)
    assert store.count_scan("bus-2026", day=DAY)
    assert store.rows("unmet_searches") == [("zebra crossing", "2026-03", 3),
                                            ("zebra crossing", "2026-04", 1)]
    assert store.rows("campaign_scans") == [("bus-2026", "2026-03-14", 2)]
    assert store.top_unmet() == [("zebra crossing", 4)]


def test_new_keys_per_day_are_capped_but_known_ones_still_count(store, caplog):
    with caplog.at_level(logging.WARNING, logger="signpost.feedback"):
        counted = [store.count_unmet_search(f"word{i}", day=DAY) for i in range(6)]
        assert store.count_unmet_search("word0", day=DAY)  # already known: still counted
        assert [store.count_scan(f"c{i}", day=DAY) for i in range(5)] == [True] * 3 + [False] * 2
    assert counted == [True] * 3 + [False] * 3
    assert store.rows("unmet_searches") == [("word0", "2026-03", 2), ("word1", "2026-03", 1),
                                            ("word2", "2026-03", 1)]
    # Logged once per kind and day, not once per dropped count.
    assert len([r for r in caplog.records if "daily limit" in r.getMessage()]) == 2
    # A new day has a new allowance.
    assert store.count_unmet_search("word9", day=DAY + dt.timedelta(days=1))


def test_search_words_are_redacted_and_bounded(store):
    store.count_unmet_search("my name is jane doe " + "z" * 300, day=DAY)
    [(words, _, _)] = store.rows("unmet_searches")
    assert words.startswith("my name is [name]") and len(words) <= 100
    assert not store.count_unmet_search("   ", day=DAY)
    # Cut to length after redaction: an address at the limit is not kept in part.
    store.count_unmet_search("z" * 90 + " jane.doe@gmail.com", day=DAY)
    assert "jane" not in str(store.rows("unmet_searches"))


def test_a_second_store_on_the_same_database_sees_the_same_data(config, store):
    store.count_scan("bus", day=DAY)
    other = open_store(config)
    try:
        assert other.migrate() == []
        other.count_scan("bus", day=DAY)
        assert store.rows("campaign_scans") == [("bus", "2026-03-14", 2)]
    finally:
        other.close()


def test_an_unreachable_postgresql_is_a_clear_error():
    with pytest.raises(StoreUnavailable, match="cannot open the feedback store .*PostgreSQL"):
        open_store({"DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none?connect_timeout=1",
                    "FEEDBACK_DB": "", "DATABASE_CONNECT_TIMEOUT": 0.5})


def test_an_old_sqlite_database_is_converted_once(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:  # the tables exactly as the first release made them
        for statement in migrations.MIGRATIONS[0]:
            db.execute(statement)
        db.execute("INSERT INTO unmet_searches VALUES ('zebra crossing', 7)")
        db.execute("INSERT INTO campaign_scans VALUES ('bus', '2026-01-02', 4)")
        db.execute("INSERT INTO reports VALUES ('kooth', 'phone', 'old', '2026-01')")
    store = open_store({"FEEDBACK_DB": str(path)})
    month = dt.date.today().strftime("%Y-%m")
    assert store.rows("unmet_searches") == [("zebra crossing", month, 7)]
    assert store.rows("campaign_scans") == [("bus", "2026-01-02", 4)]
    assert store.rows("reports") == [("kooth", "phone", "old", "2026-01")]
    assert store.migrate() == [] and store.version() == migrations.LATEST
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT version FROM schema_version ORDER BY version").fetchall() == [
            (1,), (2,)]


def test_control_characters_never_reach_the_database(store):
    store.add_report("kooth", "other", "a\x00b\u202ec\x1b")
    store.count_unmet_search("zebra\x00", day=DAY)
    assert store.rows("reports")[0][2] == "abc"
    assert store.rows("unmet_searches") == [("zebra", "2026-03", 1)]


@pytest.fixture()
def locked_store(config, store):
    """The store, with another connection holding a lock that keeps every writer out."""
    if config.get("DATABASE_URL"):
        import psycopg

        holder = psycopg.connect(config["DATABASE_URL"])
        holder.execute("LOCK TABLE unmet_searches, campaign_scans IN ACCESS EXCLUSIVE MODE")
    else:
        holder = sqlite3.connect(config["FEEDBACK_DB"], isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
    yield store
    holder.rollback()
    holder.close()


def test_a_locked_store_drops_counts_at_once_and_says_so_once(locked_store, caplog):
    store = locked_store
    with caplog.at_level(logging.WARNING, logger="signpost.feedback"):
        started = time.perf_counter()
        results = [store.count_unmet_search("zebra", day=DAY), store.count_scan("bus", day=DAY),
                   store.count_scan("bus", day=DAY)]
        took = time.perf_counter() - started
    assert results == [False, False, False]
    assert took < 1.0, f"three counts took {took:.2f} s against a locked store"
    assert len([r for r in caplog.records if "could not count" in r.getMessage()]) == 1
    assert store.health.dropped == 3


def test_instances_starting_together_migrate_once(config):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        stores = list(pool.map(lambda _: open_store(config), range(4)))
    try:
        assert {s.version() for s in stores} == {migrations.LATEST}
        with stores[0].db.reading(2.0) as cur:
            versions = cur.execute("SELECT version FROM schema_version ORDER BY version"
                                   ).fetchall()
        assert [tuple(v) for v in versions] == [(n,) for n in range(1, migrations.LATEST + 1)]
    finally:
        for s in stores:
            s.close()


def test_sqlite_waits_for_another_instance_before_turning_on_write_ahead_logging(tmp_path):
    """Switching to WAL fails at once while another instance holds the file's write lock."""
    import sqlite3
    import threading

    from directory.store.sqlite import SqliteDatabase

    path = tmp_path / "feedback.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")  # as another instance's migration does
    holder.execute("INSERT INTO t VALUES (1)")
    release = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
    release.start()
    try:
        SqliteDatabase(path).prepare(timeout=5.0)
    finally:
        release.join()
        holder.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
