"""Feedback as files and terminal lines that are safe to open: no formulas, no control codes.

Visitor text is untrusted. A spreadsheet runs a cell that begins with = + - @ (and some read a
leading tab or carriage return the same way) as a formula; a terminal obeys escape codes; bidi
overrides (U+202E) make text read differently from what it is.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from .redact import plain

HEADER = ("type", "what", "answer_or_problem", "details", "month_or_day", "count")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
def csv_cell(value) -> str | int:
    """A value a spreadsheet will show as text: control codes removed, formulas neutralised."""
    if isinstance(value, int):
        return value
    text = str(value)
    # Tab and CR are the two control characters that start formulas: quote before removing.
    if text.startswith(FORMULA_START):
        return "'" + plain(text)
    text = plain(text)
    return "'" + text if text.startswith(FORMULA_START) else text


def printable(text: str) -> str:
    """Text for a terminal: every non-printing character shown as an escape (\\x1b, \\u202e)."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in str(text))


def feedback_rows(store) -> Iterator[tuple]:
    """Every stored item as one row under HEADER."""
    for kind, slug, helpful, month in store.rows("helpful"):
        yield ("helpful", f"{kind}:{slug}", "yes" if helpful else "no", "", month, 1)
    for slug, problem, details, month in store.rows("reports"):
        yield ("report", f"service:{slug}", problem, details, month, 1)
    for words, details, month in store.rows("not_found"):
        yield ("not-found", words, "", details, month, 1)
    for words, month, count in store.rows("unmet_searches"):
        yield ("unmet-search", words, "", "", month, count)
    for campaign, day, count in store.rows("campaign_scans"):
        yield ("campaign-visits", campaign, "", "", day, count)


def write_csv(rows: Iterable[tuple], out) -> int:
    """Write rows as CSV with every cell made safe; returns the number of rows."""
    writer = csv.writer(out)
    writer.writerow(HEADER)
    n = 0
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
        n += 1
    return n


def write_xlsx(rows: Iterable[tuple], path: str) -> int:
    """Write rows as an Excel workbook in which every text cell is stored as text, never a formula."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "feedback"
    sheet.append(HEADER)
    n = 0
    for n, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=n + 1, column=column)
            if isinstance(value, int):
                cell.value = value
                continue
            cell.value = plain(str(value))
            # openpyxl takes a string beginning with = as a formula; say it is a string, and
            # mark it so that editing the cell in a spreadsheet keeps it a string.
            cell.data_type = "s"
            cell.quotePrefix = True
    book.save(path)
    return n
