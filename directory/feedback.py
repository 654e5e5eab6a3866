"""Anonymous feedback in an embedded SQLite database. Stores no address, time of day or identifier.

Imports nothing of Flask, so the command line and the tests use it directly.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DETAILS_MAX = 500
WORDS_MAX = 100
REPORT_PROBLEMS = ("phone", "website", "address", "hours", "eligibility", "closed", "other")
HELPFUL_KINDS = ("service", "page")

SCHEMA = """
CREATE TABLE IF NOT EXISTS helpful (
    kind TEXT NOT NULL, slug TEXT NOT NULL, helpful INTEGER NOT NULL, month TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    slug TEXT NOT NULL, problem TEXT NOT NULL, details TEXT NOT NULL, month TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS not_found (
    words TEXT NOT NULL, details TEXT NOT NULL, month TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS unmet_searches (
    words TEXT PRIMARY KEY, count INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS campaign_scans (
    campaign TEXT NOT NULL, day TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (campaign, day));
"""

# Things people sometimes type that could identify them: removed before anything is stored.
_REDACT = [
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "[email]"),
    (re.compile(r"(?:\+?\d[\d\s-]{6,}\d)"), "[number]"),
    (re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.I), "[postcode]"),
]


class FeedbackError(ValueError):
    """A submission that cannot be stored, with a message for the person who sent it."""


def redact(text: str) -> str:
    """Free text with emails, phone numbers and full postcodes taken out."""
    for pattern, placeholder in _REDACT:
        text = pattern.sub(placeholder, text)
    return text


def clean_details(text: str | None) -> str:
    """Optional free text: trimmed, within the limit, with contact details removed."""
    text = " ".join((text or "").split())
    if len(text) > DETAILS_MAX:
        raise FeedbackError(f"too long: {len(text)} characters, the limit is {DETAILS_MAX}")
    return redact(text)


def this_month() -> str:
    """The month, the finest time Signpost keeps with feedback."""
    return dt.date.today().strftime("%Y-%m")


class FeedbackStore:
    """The feedback database at one path."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.executescript(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=5)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            with db:
                yield db
        finally:
            db.close()

    def add_helpful(self, kind: str, slug: str, helpful: bool) -> None:
        """Count one "was this helpful?" answer."""
        if kind not in HELPFUL_KINDS:
            raise FeedbackError(f"unknown kind {kind!r}")
        with self._connect() as db:
            db.execute("INSERT INTO helpful VALUES (?, ?, ?, ?)",
                       (kind, slug, int(helpful), this_month()))

    def add_report(self, slug: str, problem: str, details: str | None) -> None:
        """Store a report that a service's details are wrong."""
        if problem not in REPORT_PROBLEMS:
            raise FeedbackError(f"unknown problem {problem!r}")
        with self._connect() as db:
            db.execute("INSERT INTO reports VALUES (?, ?, ?, ?)",
                       (slug, problem, clean_details(details), this_month()))

    def add_not_found(self, words: str, details: str | None) -> None:
        """Store "couldn't find what you need" from a results page."""
        with self._connect() as db:
            db.execute("INSERT INTO not_found VALUES (?, ?, ?)",
                       (redact(words[:WORDS_MAX]), clean_details(details), this_month()))

    def count_unmet_search(self, words: str) -> None:
        """Count a search that found nothing, by its words alone."""
        words = redact(" ".join(words.lower().split())[:WORDS_MAX])
        if not words:
            return
        with self._connect() as db:
            db.execute("INSERT INTO unmet_searches VALUES (?, 1) ON CONFLICT(words) "
                       "DO UPDATE SET count = count + 1", (words,))

    def count_scan(self, campaign: str, day: dt.date | None = None) -> None:
        """Count one visit from a poster or link tagged with a campaign."""
        day = (day or dt.date.today()).isoformat()
        with self._connect() as db:
            db.execute("INSERT INTO campaign_scans VALUES (?, ?, 1) ON CONFLICT(campaign, day) "
                       "DO UPDATE SET count = count + 1", (campaign, day))

    def rows(self, table: str) -> list[tuple]:
        """Every row of a table, for export and reports."""
        if table not in ("helpful", "reports", "not_found", "unmet_searches", "campaign_scans"):
            raise ValueError(table)
        with self._connect() as db:
            return db.execute(f"SELECT * FROM {table}").fetchall()  # noqa: S608 - fixed names

    def helpful_counts(self) -> list[tuple[str, str, int, int]]:
        """(kind, slug, helpful, not helpful) per page, most answered first."""
        with self._connect() as db:
            return db.execute(
                "SELECT kind, slug, SUM(helpful), SUM(1 - helpful) FROM helpful "
                "GROUP BY kind, slug ORDER BY COUNT(*) DESC, slug").fetchall()

    def report_counts(self) -> list[tuple[str, int]]:
        """(service, reports) most reported first."""
        with self._connect() as db:
            return db.execute("SELECT slug, COUNT(*) FROM reports GROUP BY slug "
                              "ORDER BY COUNT(*) DESC, slug").fetchall()

    def top_unmet(self, limit: int = 20) -> list[tuple[str, int]]:
        """The commonest searches that found nothing."""
        with self._connect() as db:
            return db.execute("SELECT words, count FROM unmet_searches ORDER BY count DESC, "
                              "words LIMIT ?", (limit,)).fetchall()

    def export_csv(self, out) -> int:
        """Write every stored item to a CSV file object; returns the number of rows."""
        writer = csv.writer(out)
        writer.writerow(["type", "what", "answer_or_problem", "details", "month_or_count"])
        n = 0
        for kind, slug, helpful, month in self.rows("helpful"):
            writer.writerow(["helpful", f"{kind}:{slug}", "yes" if helpful else "no", "", month])
            n += 1
        for slug, problem, details, month in self.rows("reports"):
            writer.writerow(["report", f"service:{slug}", problem, details, month])
            n += 1
        for words, details, month in self.rows("not_found"):
            writer.writerow(["not-found", words, "", details, month])
            n += 1
        for words, count in self.rows("unmet_searches"):
            writer.writerow(["unmet-search", words, "", "", count])
            n += 1
        return n
