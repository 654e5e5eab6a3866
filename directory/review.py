"""A checking round in a spreadsheet: a workbook of details to confirm, and applying it back.

Service staff confirm details in Excel, not in YAML. `write_review` lists, one row per detail,
what Signpost shows now; `apply_review` writes confirmed values back into the service files with
ruamel.yaml's round trip, so comments and order survive and only changed lines differ. A bad cell
is reported by sheet, row and column, and nothing is written for that service. Imports nothing
of Flask.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .content import (
    DAYS,
    EMAIL_RE,
    NATIONAL,
    POSTCODE_RE,
    REFERRAL,
    STALE_AFTER_DAYS,
    URL_RE,
    Content,
    Service,
)
from .phones import check_number

SHEET = "To confirm"
INSTRUCTIONS = "Instructions"
HEADER = ("Organisation", "Service", "Service file", "Detail", "What Signpost shows now",
          "Confirmed value", "Checked by / on", "What to check")
COL = {name: i + 1 for i, name in enumerate(HEADER)}
# Each detail to confirm: its key (as in `unconfirmed:`) and the words staff see.
DETAILS = {
    "phone": "Phone number(s)",
    "text": "Text number(s)",
    "email": "Email address",
    "url": "Web page",
    "address": "Address",
    "hours": "Opening hours",
    "ages": "Ages",
    "referral": "Route in (who can refer)",
    "languages": "Languages staff speak",
    "areas": "Areas covered",
}
SAME = {"correct", "right", "same", "yes", "ok", "confirmed", "✓"}
NONE = {"none", "no", "n/a", "na", "-"}
NOTHING = "(none listed)"
DAY_RANGE_RE = re.compile(r"^(MO|TU|WE|TH|FR|SA|SU)(?:-(MO|TU|WE|TH|FR|SA|SU))?$")
HOURS_RE = re.compile(r"^([A-Z,\- ]+?)\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$")
DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{1,2})/(\d{1,2})/(\d{4})")

INSTRUCTION_LINES = (
    "Checking Signpost's details with services",
    "",
    "Each row on the 'To confirm' sheet is one detail of one service, as Signpost shows it now.",
    "1. Check the detail with the service itself (its own website, leaflet or staff).",
    "2. In 'Confirmed value' write the right value, or 'correct' if what Signpost shows is right,",
    "   or 'none' if the service has no such detail (for example no text number).",
    "3. In 'Checked by / on' write your name and the date you checked, e.g. 'A Khan 2026-11-30'.",
    "4. Leave a row empty if you could not confirm it: it stays marked as not yet confirmed.",
    "",
    "How to write values:",
    "- Phone and text numbers: as people dial them, e.g. 0116 255 5555; several: separate with ;",
    "- Address: first line, town, postcode, separated by commas.",
    "- Opening hours: days and times, e.g. MO-FR 09:00-17:00; SA 10:00-13:00",
    "- Ages: youngest to oldest, e.g. 11-25",
    "- Route in: any of " + ", ".join(REFERRAL) + "; separate with commas.",
    "- Areas covered: area names or slugs from the pack, or national; separate with commas.",
    "- Languages: language names, separated by commas.",
    "",
    "Numbers are stored as text so the leading 0 is kept. Do not change the first four columns.",
    "Then: flask --app wsgi content apply review.xlsx",
)


# --------------------------------------------------------------------------- showing values

def _hours(service: Service) -> str:
    parts = [f"{','.join(s.byday)} {s.opens // 60:02d}:{s.opens % 60:02d}-"
             f"{s.closes // 60:02d}:{s.closes % 60:02d}" for s in service.schedules]
    if service.hours_note:
        parts.append(service.hours_note)
    return "; ".join(parts)


def shown(service: Service, detail: str) -> str:
    """What Signpost shows now for one detail of a service, as text."""
    value = {
        "phone": "; ".join(p.number for p in service.phones),
        "text": "; ".join(t.number for t in service.texts),
        "email": service.email,
        "url": service.url,
        "address": service.address.one_line if service.address else "",
        "hours": _hours(service),
        "ages": f"{service.minimum_age}-{service.maximum_age}",
        "referral": ", ".join(service.referral),
        "languages": ", ".join(service.languages),
        "areas": ", ".join(service.service_areas),
    }[detail]
    return value or NOTHING


def due(service: Service, today: dt.date) -> bool:
    """Whether a service's details need confirming: unconfirmed, or confirmed over a year ago."""
    return (service.needs_checking or service.last_checked is None
            or (today - service.last_checked).days > STALE_AFTER_DAYS)


def to_confirm(service: Service) -> tuple[str, ...]:
    """The details still to confirm: the unconfirmed: list, or every detail."""
    listed = getattr(service, "unconfirmed", ())
    return tuple(d for d in DETAILS if d in listed) if listed else tuple(DETAILS)


def write_review(content: Content, path: str | Path, today: dt.date) -> int:
    """Write the review workbook; returns how many services it lists."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    services = sorted((s for s in content.services if due(s, today)),
                      key=lambda s: (s.organization.casefold(), s.name.casefold()))
    for service in services:
        for detail in to_confirm(service):
            row = (service.organization, service.name, service.slug, DETAILS[detail],
                   shown(service, detail), "", "", service.check_note)
            sheet.append([_text_cell(v) for v in row])
            for cell in sheet[sheet.max_row]:
                cell.data_type = "s"  # phone numbers and dates stay text, never numbers
                cell.number_format = "@"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            for name in ("Confirmed value", "Checked by / on"):
                sheet.cell(sheet.max_row, COL[name]).number_format = "@"
    for letter, width in zip("ABCDEFGH", (28, 30, 22, 22, 40, 34, 22, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:H{sheet.max_row}"
    notes = book.create_sheet(INSTRUCTIONS, 0)
    for line in INSTRUCTION_LINES:
        notes.append([line])
    notes["A1"].font = Font(bold=True, size=14)
    notes.column_dimensions["A"].width = 100
    book.active = 1
    book.save(path)
    return len(services)


def _text_cell(value: Any) -> str:
    from .redact import plain

    text = plain(str(value))
    return "'" + text if text.startswith(("=", "+", "@")) else text


# --------------------------------------------------------------------------- reading values

@dataclass
class Problem:
    """A cell that cannot be applied, by sheet, row and column."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        letter = "ABCDEFGH"[COL[self.column] - 1]
        return f"{SHEET}!{letter}{self.row} ({self.column}): {self.message}"


def _numbers(value: str, kind: str) -> list[str]:
    out = []
    for part in re.split(r"[;\n]", value):
        if not part.strip():
            continue
        checked = check_number(part.strip(), kind)
        if checked.number is None:
            raise ValueError(f"{checked.problem} — {checked.fix}")
        out.append(checked.number)
    return out


def _days(text: str) -> list[str]:
    days: list[str] = []
    for part in re.split(r"[,\s]+", text.strip().upper()):
        match = DAY_RANGE_RE.match(part)
        if not match:
            raise ValueError(f"'{part}' is not a day: use MO TU WE TH FR SA SU, e.g. MO-FR")
        start = DAYS.index(match.group(1))
        end = DAYS.index(match.group(2) or match.group(1))
        days += [DAYS[i % 7] for i in range(start, start + (end - start) % 7 + 1)]
    return list(dict.fromkeys(days))


def parse_value(detail: str, raw: str, content: Content) -> Any:
    """The confirmed value of a detail as it goes into the file; ValueError says what is wrong."""
    value = " ".join(raw.split()) if detail != "hours" else raw.strip()
    if value.casefold() in NONE:
        return None
    if detail in ("phone", "text"):
        return _numbers(value, "phone number" if detail == "phone" else "text number")
    if detail == "email":
        if not EMAIL_RE.match(value):
            raise ValueError(f"'{value}' is not an email address")
        return value
    if detail == "url":
        if not URL_RE.match(value):
            raise ValueError(f"'{value}' is not a web address: start it with https://")
        return value
    if detail == "address":
        parts = [p.strip() for p in value.split(",") if p.strip()]
        if len(parts) < 3 or not POSTCODE_RE.match(parts[-1].upper()):
            raise ValueError("write the first line, town and postcode separated by commas")
        return {"address_1": ", ".join(parts[:-2]), "city": parts[-2],
                "postal_code": parts[-1].upper()}
    if detail == "hours":
        schedules = []
        for part in (p.strip() for p in re.split(r"[;\n]", value) if p.strip()):
            match = HOURS_RE.match(part.upper())
            if not match:
                raise ValueError(f"'{part}' is not days and times like MO-FR 09:00-17:00")
            schedules.append({"byday": _days(match.group(1)), "opens_at": match.group(2),
                              "closes_at": match.group(3)})
        return schedules
    if detail == "ages":
        match = re.fullmatch(r"(\d{1,3})\s*(?:-|to|–)\s*(\d{1,3})", value)
        if not match or int(match.group(1)) > int(match.group(2)):
            raise ValueError(f"'{value}' is not an age range like 11-25")
        return int(match.group(1)), int(match.group(2))
    if detail == "referral":
        routes = [r.strip().lower() for r in value.split(",") if r.strip()]
        wrong = [r for r in routes if r not in REFERRAL]
        if wrong:
            raise ValueError(f"'{wrong[0]}' is not a route in: use {', '.join(REFERRAL)}")
        return routes
    if detail == "areas":
        names = {a.slug: a.slug for a in content.areas} | {
            a.name.casefold(): a.slug for a in content.areas} | {NATIONAL: NATIONAL}
        areas = []
        for part in (p.strip() for p in value.split(",") if p.strip()):
            if part.casefold() not in names:
                raise ValueError(f"'{part}' is not an area in this pack: use one of "
                                 + ", ".join(a.slug for a in content.areas) + " or national")
            areas.append(names[part.casefold()])
        return areas
    if detail == "languages":
        return [p.strip() for p in value.split(",") if p.strip()]
    raise ValueError(f"unknown detail {detail}")


def checked_on(raw: Any, today: dt.date) -> dt.date:
    """The date in a 'Checked by / on' cell (a date cell, YYYY-MM-DD or DD/MM/YYYY)."""
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        found = raw
    else:
        match = DATE_RE.search(str(raw))
        if not match:
            raise ValueError("add the date you checked, e.g. 'A Khan 2026-11-30'")
        if match.group(1):
            y, m, d = int(match.group(1)), int(match.group(2)), int(match.group(3))
        else:
            d, m, y = int(match.group(4)), int(match.group(5)), int(match.group(6))
        try:
            found = dt.date(y, m, d)
        except ValueError:
            raise ValueError(f"'{match.group(0)}' is not a real date") from None
    if found > today:
        raise ValueError(f"{found} is in the future")
    return found


# --------------------------------------------------------------------------- applying

@dataclass
class Outcome:
    """What applying a workbook did."""

    changed: dict[str, list[str]] = field(default_factory=dict)
    confirmed: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def read_rows(path: str | Path) -> list[tuple[int, dict]]:
    """(row number, {column: value}) for every filled-in row of the review sheet."""
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=True)
    if SHEET not in book.sheetnames:
        raise ValueError(f"{path} has no '{SHEET}' sheet: is it a Signpost review workbook?")
    sheet = book[SHEET]
    header = [c.value for c in sheet[1]]
    if tuple(header[:len(HEADER)]) != HEADER:
        raise ValueError(f"the '{SHEET}' sheet's first row should be: " + " | ".join(HEADER))
    rows = []
    for number, cells in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        row = dict(zip(HEADER, cells, strict=False))
        if row.get("Confirmed value") not in (None, "") or row.get("Checked by / on") not in (
                None, ""):
            rows.append((number, row))
    return rows


def _cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        # Excel turned a phone number into a number: the leading 0 is gone.
        return "0" + str(value) if len(str(value)) == 10 else str(value)
    return str(value).lstrip("'") if value is not None else ""


def apply_review(workbook: str | Path, content: Content, today: dt.date) -> Outcome:
    """Write confirmed values into the service files; nothing for a service with a bad cell."""
    from .yaml_edit import load, save

    outcome = Outcome()
    by_service: dict[str, list[tuple[int, dict]]] = {}
    labels = {v: k for k, v in DETAILS.items()}
    for number, row in read_rows(workbook):
        by_service.setdefault(str(row.get("Service file") or ""), []).append((number, row))
    for slug, rows in by_service.items():
        service = content.service(slug)
        if service is None:
            outcome.problems.append(Problem(rows[0][0], "Service file",
                                            f"'{slug}' is not a service in the pack"))
            continue
        values, dates, problems = {}, [], []
        for number, row in rows:
            detail = labels.get(str(row.get("Detail") or ""))
            if detail is None:
                problems.append(Problem(number, "Detail", f"'{row.get('Detail')}' is not one of: "
                                        + ", ".join(DETAILS.values())))
                continue
            raw = _cell_text(row.get("Confirmed value")).strip()
            if not raw:
                problems.append(Problem(number, "Confirmed value",
                                        "'Checked by / on' is filled in but there is no value"))
                continue
            try:
                dates.append(checked_on(row.get("Checked by / on"), today))
            except ValueError as exc:
                problems.append(Problem(number, "Checked by / on", str(exc)))
            if raw.casefold() in SAME:
                values[detail] = SAME
                continue
            try:
                values[detail] = parse_value(detail, raw, content)
            except ValueError as exc:
                problems.append(Problem(number, "Confirmed value", str(exc)))
        if problems:
            outcome.problems += problems
            outcome.skipped.append(slug)
            continue
        path = content.root / "services" / f"{slug}.yml"
        data = load(path)
        changes = _apply(data, service, values)
        remaining = [d for d in to_confirm(service) if d not in values]
        if remaining:
            data["unconfirmed"] = remaining
            data["needs_checking"] = True
        else:
            for key in ("unconfirmed", "check_note"):
                if key in data:
                    del data[key]
            data["needs_checking"] = False
            data["last_checked"] = max(dates)
            outcome.confirmed[slug] = max(dates).isoformat()
            changes.append(f"last_checked: {max(dates).isoformat()} (every detail confirmed)")
        save(path, data)
        outcome.changed[slug] = changes or ["confirmed as shown"]
    return outcome


def _apply(data, service: Service, values: dict[str, Any]) -> list[str]:
    """Put confirmed values into a file's data; returns what changed, in words."""
    from .yaml_edit import quoted

    changes = []

    def put(key: str, new: Any, old_text: str) -> None:
        if new in (None, [], ""):
            if key in data:
                del data[key]
                changes.append(f"{key}: removed (was {old_text})")
            return
        data[key] = new
        changes.append(f"{key}: {old_text} → {new_text(new)}")

    def new_text(value: Any) -> str:
        return value if isinstance(value, str) else str(value)

    for detail, value in values.items():
        if value is SAME:
            continue
        old = shown(service, detail)
        if detail in ("phone", "text"):
            key = "phones" if detail == "phone" else "texts"
            old_items = list(data.get(key) or [])
            if value is None:
                put(key, None, old)
                continue
            items = []
            for i, number in enumerate(value):
                item = old_items[i] if i < len(old_items) else {}
                item["number"] = quoted(number)
                items.append(item)
            if [str(x.get("number")) for x in old_items] != value:
                data[key] = items
                changes.append(f"{key}: {old} → {'; '.join(value)}")
        elif detail in ("email", "url"):
            if (value or "") != (data.get(detail) or ""):
                put(detail, value, old)
        elif detail == "address":
            if value is None:
                put("address", None, old)
            elif shown(service, "address") != ", ".join(value.values()):
                put("address", value, old)
        elif detail == "hours":
            if value is None:
                put("schedules", None, old)
            else:
                new = [{"byday": s["byday"], "opens_at": quoted(s["opens_at"]),
                        "closes_at": quoted(s["closes_at"])} for s in value]
                data["schedules"] = new
                changes.append(f"schedules: {old} → "
                               + "; ".join(f"{','.join(s['byday'])} {s['opens_at']}-"
                                           f"{s['closes_at']}" for s in value))
        elif detail == "ages":
            if value and value != (service.minimum_age, service.maximum_age):
                data["minimum_age"], data["maximum_age"] = value
                changes.append(f"ages: {old} → {value[0]}-{value[1]}")
        elif detail in ("referral", "areas", "languages"):
            key = {"referral": "referral", "areas": "service_areas",
                   "languages": "languages"}[detail]
            if value is None:
                put(key, None, old)
            elif list(value) != list(data.get(key) or []):
                data[key] = value
                changes.append(f"{key}: {old} → {', '.join(value)}")
    return changes


def summary_lines(outcome: Outcome) -> list[str]:
    """What applying did, for people."""
    out = []
    for slug, changes in outcome.changed.items():
        out.append(f"services/{slug}.yml:")
        out += [f"  {c}" for c in changes]
    if outcome.problems:
        out.append(f"Not applied: {len(outcome.skipped)} service(s) with a cell to fix "
                   "(nothing was written for them):")
        out += [f"  {p}" for p in outcome.problems]
    out.append(f"{len(outcome.changed)} service file(s) updated, {len(outcome.confirmed)} now "
               "fully confirmed.")
    return out


def dump_text(data) -> str:
    """A file's data as YAML text, the way save() writes it (for tests and previews)."""
    from .yaml_edit import _yaml

    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()
