"""Checks across entries, made once every file is read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel

from ..phones import digits_of, mentioned_numbers
from .model import ITEM_MODELS, SINGLE_RECORDS, TRANSLATABLE, ServiceFile
from .objects import CrisisContact, Service, Site
from .problems import Problem, _Problems, _rel
from .values import STALE_AFTER_DAYS

MENTION_FIELDS = ("summary", "description", "eligibility_description", "how_to_get_help",
                  "what_happens_next", "waiting_time", "fees", "hours_note")


def _check_mentioned_numbers(root: Path, services: list[Service], crisis: list[CrisisContact],
                             problems: list[Problem]) -> None:
    """Warn about a number written in a service's text that no entry lists under phones:/texts:.

    Listed numbers are checked and dialled as written; one typed into a sentence is neither, so a
    typo there ("0800 068 41144") would otherwise reach the page unnoticed.
    """
    listed = {digits_of(line.number) for s in services for line in (*s.phones, *s.texts)}
    listed |= {digits_of(line.number) for c in crisis for line in (c.phone, c.text_line) if line}
    for service in services:
        path = root / "services" / f"{service.slug}.yml"
        for key in MENTION_FIELDS:
            value = getattr(service, key)
            for number in mentioned_numbers(" ".join(value) if isinstance(value, tuple) else value):
                if digits_of(number) not in listed:
                    problems.append(Problem(
                        _rel(path, root), _line_of_text(path, number), key,
                        f"mentions {number}, which is not a number listed under phones: or "
                        "texts: here or in any other entry",
                        "check it against the service's own website, and list numbers people "
                        "should call under phones: so they are checked and dialled as written",
                        "warning"))


def _line_of_text(path: Path, text: str) -> int:
    """The first line of a file containing text (1 if it cannot be found)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((i for i, line in enumerate(lines, 1) if text in line), 1)


def without_unknown_fields(data: dict, model: type[BaseModel], p: _Problems,
                           prefix: str = "") -> dict:
    """The file's fields the model knows (and those of its records); the rest are warned about.

    An unknown field is most often a misspelt one: it is ignored, not a reason to hide the entry.
    """
    known = {}
    for key, value in data.items():
        if key not in model.model_fields:
            # An entry of a list file has few fields: name them all.
            p.warn(data, str(key), "is not a field Signpost knows, so it is ignored",
                   "use only: " + ", ".join(model.model_fields) if prefix
                   else "check the spelling against content/README.md",
                   f"{prefix}.{key}" if prefix else None)
            continue
        record = ITEM_MODELS.get(key)
        if record is not None and key in SINGLE_RECORDS and isinstance(value, dict):
            value = _known_keys(value, record, p, key)
        elif record is not None and key not in SINGLE_RECORDS and isinstance(value, list):
            value = [_known_keys(v, record, p, f"{key}[{i + 1}]") if isinstance(v, dict) else v
                     for i, v in enumerate(value)]
        known[key] = value
    return known


def _known_keys(item: dict, record: type[BaseModel], p: _Problems, label: str) -> dict:
    for key in item:
        if key not in record.model_fields:
            p.warn(item, str(key), "is not a field Signpost knows, so it is ignored",
                   "use only: " + ", ".join(record.model_fields), f"{label}.{key}")
    return {k: v for k, v in item.items() if k in record.model_fields}


def service_warnings(entry: ServiceFile, data: dict, p: _Problems, site: Site,
                     today: dt.date) -> None:
    """What is worth fixing in a valid service file but does not stop it being shown."""
    checked = entry.last_checked
    if checked is not None and (today - checked).days > STALE_AFTER_DAYS:
        p.warn(data, "last_checked", f"was {checked}, over 12 months ago",
               "check the details with the service and update the date")
    for lang, block in entry.translations.items():
        if lang not in site.languages or lang == "en":
            p.warn(data.get("translations"), lang, f"'{lang}' is not one of the site's languages",
                   "use a code from site.yml languages", "translations")
        for key in block:
            if key not in TRANSLATABLE:
                p.warn(data.get("translations"), lang, f"'{key}' cannot be translated here",
                       "translate only: " + ", ".join(TRANSLATABLE), f"translations.{lang}")
    if entry.needs_checking and not entry.check_note:
        p.warn(data, "needs_checking", "is true but check_note does not say what to check",
               "add check_note: with what needs confirming")
