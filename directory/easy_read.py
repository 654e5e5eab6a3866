"""Easy read versions of help now and self-help pages (content/easy-read/<slug>.yml).

One idea a line, each with a picture from a small set we draw ourselves (templates/easy_read/
_icons.html). A line may name a contact from crisis.yml; its number is then shown as a link to
call or text, taken from crisis.yml and never from the line's words. Imports nothing of Flask.

content/translations/<lang>/easy-read/<slug>.yml translates the title and every line's words,
same number of lines, same order.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .content.objects import Translatable
from .content.problems import Problem, _Problems, _rel
from .content.read import _read_yaml, read_filled_yaml
from .content.yaml_lines import _LineDict
from .safety import CARD_FIELD, _numbers_in

FOLDER = "easy-read"
HELP_NOW = "help-now"  # the easy read of the help-now page; every other file is a self-help slug
ICONS = ("phone", "text", "talk", "doctor", "school", "home", "heart", "danger", "clock",
         "friend", "website", "question")
LINE_FIELDS = ("icon", "text", "heading", "contact")
FILE_FIELDS = ("title", "last_reviewed", "lines")
BOLD_RE = re.compile(r"\*\*(.+?)\*\*")
# A line is short: one idea. Longer lines are split in two.
LINE_MAX = 120


@dataclass(frozen=True)
class EasyRead(Translatable):
    """An easy read page: a title and lines of one idea each."""

    slug: str
    title: str
    lines: tuple[str, ...]            # the words of each line (or heading), in order
    icons: tuple[str | None, ...]     # the picture for each line (None for a heading)
    contacts: tuple[str | None, ...]  # the crisis.yml contact whose number a line shows
    last_reviewed: dt.date
    translations: dict = field(default_factory=dict, hash=False, compare=False)

    def rows(self, lang: str) -> tuple[list[dict], str]:
        """Each line in a language as {text, icon, contact, heading}, and the language used."""
        texts, used = self.text("lines", lang)
        return [{"text": t, "icon": i, "contact": c, "heading": i is None}
                for t, i, c in zip(texts, self.icons, self.contacts, strict=True)], used


def numbers_in(text: str) -> set[str]:
    """Phone-like numbers in a line (three digits or more), as ASCII digits."""
    return _numbers_in(text)


def load_easy_read(root: Path, page_slugs: set[str], crisis: list, today: dt.date,
                   problems: list[Problem]) -> list[EasyRead]:
    """Read every easy read page; a page with errors is left out and reported."""
    folder = root / FOLDER
    if not folder.is_dir():
        return []
    contacts = {c.slug: c for c in crisis}
    # When crisis.yml is broken the safety card stands in (and its problem is reported): an easy
    # read line naming a contact the card lacks keeps its words, without a button. Crisis help
    # must not disappear because crisis.yml did.
    card = any(p.field == CARD_FIELD for p in problems)
    crisis_numbers = set()
    for c in crisis:
        for line in (c.phone, c.text_line):
            if line is not None:
                crisis_numbers.add(re.sub(r"\D", "", line.number))
    found = []
    for path in sorted(folder.glob("*.yml")):
        item = _load_one(path, root, page_slugs, contacts, None if card else crisis_numbers,
                         today, problems)
        if item is not None:
            found.append(item)
    for path in sorted(folder.glob("*.yaml")):
        _Problems(_rel(path, root), problems).warn(None, "(file)", "is ignored: wrong file ending",
                                                   "rename it to end in .yml")
    return found


def _load_one(path: Path, root: Path, page_slugs: set[str], contacts: dict,
              crisis_numbers: set[str] | None, today: dt.date, problems: list[Problem]
              ) -> EasyRead | None:
    p = _Problems(_rel(path, root), problems)
    slug = path.stem
    if slug != HELP_NOW and slug not in page_slugs:
        p.error(None, "(file)", f"'{slug}' is not a self-help page or help-now",
                "name the file after the page it makes easy to read, e.g. self-harm.yml "
                "(content/pages/self-harm.md) or help-now.yml")
        return None
    data = _read_yaml(path, root, problems)
    if data is None:
        return None
    if not isinstance(data, dict):
        p.error(data, "(file)", "should have title:, last_reviewed: and lines:",
                "see content/README.md, 'An easy read page'")
        return None
    errors_before = p.errors
    for key in data:
        if key not in FILE_FIELDS:
            p.warn(data, str(key), "is not used", "write only " + ", ".join(FILE_FIELDS))
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        p.error(data, "title", "is missing", "add title: with the page's name in plain words")
    reviewed = data.get("last_reviewed")
    if not isinstance(reviewed, dt.date):
        p.error(data, "last_reviewed", f"'{reviewed}' is not a date", "write it as YYYY-MM-DD")
    elif (today - reviewed).days > 365:
        p.warn(data, "last_reviewed", f"was {reviewed}, over 12 months ago",
               "read the page again and update the date")
    lines = data.get("lines")
    if not isinstance(lines, list) or not lines:
        p.error(data, "lines", "should be a list of lines",
                "write each idea as '- icon: heart' with 'text: ...' under it")
        return None
    texts, icons, chosen = [], [], []
    for number, line in enumerate(lines, start=1):
        label = f"lines[{number}]"
        parsed = _line(line, label, p, data, contacts, crisis_numbers)
        if parsed is not None:
            texts.append(parsed[0])
            icons.append(parsed[1])
            chosen.append(parsed[2])
    if p.errors > errors_before:
        return None
    return EasyRead(slug, " ".join(title.split()), tuple(texts), tuple(icons), tuple(chosen),
                    reviewed)


def _line(line: Any, label: str, p: _Problems, parent: Any, contacts: dict,
          crisis_numbers: set[str] | None) -> tuple[str, str | None, str | None] | None:
    """One line's (words, icon, contact), or None when it is broken (and reported).

    crisis_numbers is None while the safety card stands in for a broken crisis.yml: then
    contacts and numbers cannot be checked against it, and are not held against the page.
    """
    if not isinstance(line, _LineDict):
        p.error(parent, "lines", f"{label} should have icon: and text: (or heading:)",
                "write '- icon: heart' and, indented under it, 'text: ...'", label)
        return None
    for key in line:
        if key not in LINE_FIELDS:
            p.warn(line, str(key), "is not used", "write only icon:, text: and contact:",
                   f"{label}.{key}")
    if "heading" in line:
        heading = line.get("heading")
        if not isinstance(heading, str) or not heading.strip():
            p.error(line, "heading", "should be text", "write a few words", f"{label}.heading")
            return None
        if "text" in line or "icon" in line or "contact" in line:
            p.error(line, "heading", "a heading has no icon, text or contact",
                    "put the heading on its own line: '- heading: ...'", f"{label}.heading")
            return None
        return " ".join(heading.split()), None, None
    text = line.get("text")
    ok = True
    if not isinstance(text, str) or not text.strip():
        p.error(line, "text", "is missing", "write the idea in one short sentence",
                f"{label}.text")
        ok = False
    elif len(" ".join(text.split())) > LINE_MAX:
        p.warn(line, "text", f"is {len(' '.join(text.split()))} characters long",
               f"easy read keeps one idea a line: split it (under {LINE_MAX} characters)",
               f"{label}.text")
    icon = line.get("icon")
    if icon not in ICONS:
        p.error(line, "icon", f"'{icon}' is not one of our pictures",
                "use one of: " + ", ".join(ICONS), f"{label}.icon")
        ok = False
    contact = line.get("contact")
    if crisis_numbers is None and contact not in contacts:
        contact = None
    elif contact is not None and contact not in contacts:
        p.error(line, "contact", f"'{contact}' is not a contact in crisis.yml",
                "use a slug from crisis.yml: " + ", ".join(contacts), f"{label}.contact")
        ok = False
    if isinstance(text, str) and crisis_numbers is not None:
        for number in sorted(numbers_in(text) - crisis_numbers):
            p.error(line, "text", f"mentions {number}, which is not a number in crisis.yml",
                    "easy read pages give only crisis.yml's numbers; to show a contact's number "
                    "as a link, add 'contact: <slug>' instead of writing the number",
                    f"{label}.text")
            ok = False
    if not ok:
        return None
    return " ".join(text.split()), icon, contact


# --------------------------------------------------------------------------- translations

def load_translated(folder: Path, root: Path, lang: str, pages: dict, files: dict,
                    reviewed: set, problems: list[Problem]) -> None:
    """Read content/translations/<lang>/easy-read/*.yml into the pages' translations."""
    for path in sorted((folder / FOLDER).glob("*.yml")):
        name = _rel(path, root)
        p = _Problems(name, problems)
        page = pages.get(path.stem)
        if page is None:
            if not (root / FOLDER / path.name).exists():  # else its errors are already reported
                p.warn(None, "(file)", f"there is no easy read page '{path.stem}'",
                       f"name the file exactly like the English file in content/{FOLDER}/")
            continue
        data = read_filled_yaml(path, root, problems,
                                "the easy read page is shown in English in this language")
        if data is None:
            continue
        if not isinstance(data, dict):
            p.error(data, "(file)", "should have title: and lines:",
                    "see the translators' guide in README.md")
            continue
        key = f"{FOLDER}/{page.slug}"
        files[key] = name
        if data.get("reviewed") is True:
            reviewed.add(key)
        clean: dict[str, Any] = {}
        for field_name, value in data.items():
            if field_name == "reviewed":
                continue
            if field_name == "title":
                if isinstance(value, str) and value.strip():
                    clean["title"] = " ".join(value.split())
                else:
                    p.error(data, "title", "should be text", "write the title in this language")
            elif field_name == "lines":
                lines = _translated_lines(data, value, page, p)
                if lines is not None:
                    clean["lines"] = lines
            else:
                p.warn(data, str(field_name), "is not used",
                       "write only title: and lines: (icons and contacts come from the English)")
        page.translations.setdefault(lang, {}).update(clean)


def _translated_lines(data: dict, value: Any, page: EasyRead, p: _Problems) -> list[str] | None:
    english = page.lines
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        p.error(data, "lines", "should be a list of texts",
                "write each line on its own line starting with '- '")
        return None
    if len(value) != len(english):
        p.error(data, "lines", f"has {len(value)} lines but the English has {len(english)}",
                f"translate each English line once, in the same order ({len(english)} lines "
                "starting with '- ')")
        return None
    for number, (text, source) in enumerate(zip(value, english, strict=True), start=1):
        extra = numbers_in(text) - numbers_in(source)
        if extra:
            p.error(data, "lines", f"line {number} gives " + ", ".join(sorted(extra)) +
                    ", which the English line does not, so the English is shown instead",
                    "write the same numbers as the English line: a wrong number could send "
                    "someone in crisis to the wrong place", f"lines[{number}]")
            return None
    return [" ".join(v.split()) for v in value]


def bold_parts(text: str) -> list[tuple[str, bool]]:
    """A line split into (words, bold) parts: **key words** are shown in bold."""
    parts, last = [], 0
    for match in BOLD_RE.finditer(text):
        if match.start() > last:
            parts.append((text[last:match.start()], False))
        parts.append((match.group(1), True))
        last = match.end()
    if last < len(text):
        parts.append((text[last:], False))
    return parts
