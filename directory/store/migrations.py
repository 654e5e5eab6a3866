"""Numbered, explicit schema changes for the feedback store; each runs once, in order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

# Each step is a list of statements (or a function of the day it runs, for steps that must say
# when they ran). Never edit a step once it has shipped: add a new one.
Step = list[str] | Callable[[dt.date], list[str]]

_V1 = [
    # The tables as the first release created them (so old databases are version 1 as they are).
    "CREATE TABLE IF NOT EXISTS helpful (kind TEXT NOT NULL, slug TEXT NOT NULL, "
    "helpful INTEGER NOT NULL, month TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS reports (slug TEXT NOT NULL, problem TEXT NOT NULL, "
    "details TEXT NOT NULL, month TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS not_found (words TEXT NOT NULL, details TEXT NOT NULL, "
    "month TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS unmet_searches (words TEXT PRIMARY KEY, count INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS campaign_scans (campaign TEXT NOT NULL, day TEXT NOT NULL, "
    "count INTEGER NOT NULL, PRIMARY KEY (campaign, day))",
]


def _v2(today: dt.date) -> list[str]:
    # Searches that found nothing become one row per words and month. Old rows had no month:
    # they are filed under the month the change ran. new_keys counts how many new rows each
    # kind of count made per day, so a script cannot grow the tables without bound; it holds
    # numbers only, so no words are tied to a day.
    month = today.strftime("%Y-%m")
    return [
        "CREATE TABLE unmet_searches_v2 (words TEXT NOT NULL, month TEXT NOT NULL, "
        "count INTEGER NOT NULL, PRIMARY KEY (words, month))",
        f"INSERT INTO unmet_searches_v2 SELECT words, '{month}', count FROM unmet_searches",
        "DROP TABLE unmet_searches",
        "ALTER TABLE unmet_searches_v2 RENAME TO unmet_searches",
        "CREATE TABLE new_keys (kind TEXT NOT NULL, day TEXT NOT NULL, count INTEGER NOT NULL, "
        "PRIMARY KEY (kind, day))",
    ]


MIGRATIONS: list[Step] = [_V1, _v2]
LATEST = len(MIGRATIONS)

VERSION_TABLE = ("CREATE TABLE IF NOT EXISTS schema_version "
                 "(version INTEGER PRIMARY KEY, applied_on TEXT NOT NULL)")


def pending(current: int, today: dt.date) -> list[tuple[int, list[str]]]:
    """The steps after `current`, numbered, with their statements."""
    steps = []
    for number, step in enumerate(MIGRATIONS, start=1):
        if number > current:
            steps.append((number, step(today) if callable(step) else list(step)))
    return steps
