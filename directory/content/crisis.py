"""crisis.yml: the lines of the help-now box, and the safety card when they cannot be trusted."""

from __future__ import annotations

from pathlib import Path

from ..phones import check_number
from .lists import _check_slug
from .objects import CrisisContact, Phone, TextLine
from .pack_model import CrisisEntry
from .problems import Problem, _Problems, _rel
from .read import _read_yaml, _translations


def _safe_crisis(root: Path, problems: list[Problem]) -> list[CrisisContact]:
    """crisis.yml's contacts, or the built-in safety card when they lack 999, 111 or a helpline."""
    from ..safety import safe_crisis

    path = root / "crisis.yml"
    return safe_crisis(_load_crisis(root, problems), path, _rel(path, root), problems)


CRISIS_GROUPS = ("emergency", "urgent")
CRISIS_FIELDS = tuple(CrisisEntry.model_fields)


def _load_crisis(root: Path, problems: list[Problem]) -> list[CrisisContact]:
    path = root / "crisis.yml"
    data = _read_yaml(path, root, problems)
    p = _Problems(_rel(path, root), problems)
    if not isinstance(data, dict):
        if data is not None:
            p.error(data, "(file)", "should have emergency: and urgent: lists",
                    "see content/README.md")
        return []
    for key in data:
        if key not in CRISIS_GROUPS:
            p.error(data, str(key), "is not emergency: or urgent:, so nothing under it is shown",
                    "check the spelling: the file has two lists, emergency: and urgent:")
    contacts, seen = [], set()
    for group in CRISIS_GROUPS:
        entries = data.get(group) or []
        if not isinstance(entries, list):
            p.error(data, group, "should be a list of contacts",
                    "start each contact with '- slug: ...'")
            continue
        for item in entries:
            slug = _check_slug(p, item, seen, f"{group}.slug")
            if slug is None:
                continue
            contact = _crisis_contact(p, item, slug, group == "emergency")
            if contact is not None:
                contacts.append(contact)
    return contacts


def _crisis_contact(p: _Problems, item: dict, slug: str, emergency: bool) -> CrisisContact | None:
    """One checked line of the help-now box; None (and reported) when anything is wrong."""
    before = p.errors
    for key in item:
        if key not in CRISIS_FIELDS:
            p.warn(item, str(key), "is not a field Signpost knows, so it is ignored",
                   "use only: " + ", ".join(CRISIS_FIELDS), f"{slug}.{key}")
    phone = _crisis_number(p, item, "phone", "phone number", slug)
    text = _crisis_number(p, item, "text", "text number", slug)
    if phone is None and text is None:
        p.error(item, "slug", "has neither phone: nor text:",
                'add the number to call, in quotes, like phone: "116 123"', slug)
    words = {}
    for key in ("name", "description", "message"):
        value = item.get(key)
        if key == "name" and (value is None or value == ""):
            p.error(item, "slug", "has no name", "add name: as people know the line", slug)
        elif value is not None and not isinstance(value, str):
            p.error(item, key, f"'{value}' should be text", "write it as plain words",
                    f"{slug}.{key}")
        words[key] = " ".join(str(value or "").split())
    if p.errors > before:
        return None
    return CrisisContact(
        slug, words["name"], words["description"], Phone(phone) if phone else None,
        TextLine(text, words["message"]) if text else None, emergency, _translations(item))



def _crisis_number(p: _Problems, item: dict, key: str, kind: str, slug: str) -> str | None | bool:
    """The checked number under key, None when there is none, False when it is wrong."""
    if item.get(key) in (None, ""):
        return None
    checked = check_number(item[key], kind)
    if checked.number is None:
        p.error(item, key, checked.problem, checked.fix, f"{slug}.{key}")
        return False
    return checked.number


