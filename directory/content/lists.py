"""areas.yml and needs.yml: lists of entries, each with its own slug."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import validated
from .objects import Area, Need
from .pack_model import AreaEntry, NeedEntry
from .problems import Problem, _Problems, _rel
from .read import _read_yaml
from .values import SLUG_RE
from .yaml_lines import _line


def _load_list(path: Path, root: Path, problems: list[Problem], what: str) -> list:
    data = _read_yaml(path, root, problems)
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(Problem(_rel(path, root), _line(data), "(file)",
                                f"should be a list of {what}",
                                "start each entry with '- slug: ...'"))
        return []
    return data


def _check_slug(p: _Problems, item: Any, seen: set[str], label: str) -> str | None:
    slug = item.get("slug") if isinstance(item, dict) else None
    if not isinstance(slug, str) or not SLUG_RE.match(slug):
        p.error(item, "slug", f"'{slug}' is not a valid slug",
                "use lowercase letters, digits and hyphens, e.g. low-mood", label)
        return None
    if slug in seen:
        p.error(item, "slug", f"'{slug}' is used twice", "give each entry its own slug", label)
        return None
    seen.add(slug)
    return slug


def _load_areas(root: Path, problems: list[Problem]) -> list[Area]:
    path = root / "areas.yml"
    p = _Problems(_rel(path, root), problems)
    areas, seen = [], set()
    for item in _load_list(path, root, problems, "areas"):
        slug = _check_slug(p, item, seen, "slug")
        entry = validated(AreaEntry, item, p, slug) if slug else None
        if entry is not None:
            areas.append(Area(slug, entry.name, entry.postcode_districts, dict(entry.translations)))
    return areas


def _load_needs(root: Path, problems: list[Problem]) -> list[Need]:
    path = root / "needs.yml"
    p = _Problems(_rel(path, root), problems)
    needs, seen = [], set()
    for item in _load_list(path, root, problems, "needs"):
        slug = _check_slug(p, item, seen, "slug")
        entry = validated(NeedEntry, item, p, slug) if slug else None
        if entry is not None:
            needs.append(Need(slug, entry.name, entry.description, entry.words,
                              dict(entry.translations), entry.context, entry.risk_phrases,
                              entry.not_risk, entry.give_way_to, entry.first_steps))
    return needs
