"""crisis.yml: the lines of the help-now box, and the safety card when they cannot be trusted."""

from __future__ import annotations

from pathlib import Path

from .errors import validated
from .lists import _check_slug
from .objects import CrisisContact, Phone, TextLine
from .pack_model import CrisisEntry, CrisisFile
from .problems import Problem, _Problems, _rel
from .read import _read_yaml


def _safe_crisis(root: Path, problems: list[Problem]) -> list[CrisisContact]:
    """crisis.yml's contacts, or the built-in safety card when they lack 999, 111 or a helpline."""
    from ..safety import safe_crisis

    path = root / "crisis.yml"
    return safe_crisis(_load_crisis(root, problems), path, _rel(path, root), problems)


CRISIS_GROUPS = tuple(CrisisFile.model_fields)
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
    entry = validated(CrisisEntry, item, p, slug)
    if entry is None:
        return None
    return CrisisContact(
        slug, entry.name, entry.description, Phone(entry.phone) if entry.phone else None,
        TextLine(entry.text, entry.message) if entry.text else None, emergency,
        dict(entry.translations))
