"""areas.yml and needs.yml: lists of entries, each with its own slug."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .objects import Area, Need
from .problems import Problem, _Problems, _rel
from .read import _read_yaml, _translations
from .values import DISTRICT_RE, SLUG_RE
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
        if slug is None:
            continue
        name = item.get("name")
        districts = item.get("postcode_districts") or []
        ok = True
        if not isinstance(name, str) or not name.strip():
            p.error(item, "name", "is missing", "give the area a name people know",
                    f"{slug}.name")
            ok = False
        if not isinstance(districts, list):
            p.error(item, "postcode_districts", "should be a list", "write e.g. [LE11, LE12]",
                    f"{slug}.postcode_districts")
            districts, ok = [], False
        for d in districts:
            if not DISTRICT_RE.match(str(d).upper()):
                p.error(item, "postcode_districts", f"'{d}' is not a postcode district",
                        "use the first half of a postcode, like LE11",
                        f"{slug}.postcode_districts")
                ok = False
        if ok:
            areas.append(Area(slug, name.strip(), tuple(str(d).upper() for d in districts),
                              _translations(item)))
    return areas


def _load_needs(root: Path, problems: list[Problem]) -> list[Need]:
    path = root / "needs.yml"
    p = _Problems(_rel(path, root), problems)
    needs, seen = [], set()
    for item in _load_list(path, root, problems, "needs"):
        slug = _check_slug(p, item, seen, "slug")
        if slug is None:
            continue
        ok = True
        for key in ("name", "description"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                p.error(item, key, "is missing", f"write the need's {key} in plain words",
                        f"{slug}.{key}")
                ok = False
        words = item.get("words") or []
        if not isinstance(words, list) or not all(isinstance(w, str | int) for w in words):
            p.error(item, "words", "should be a list of words", "write e.g. [worried, stressed]",
                    f"{slug}.words")
            ok = False
        lists = {}
        for key in ("risk_phrases", "not_risk", "give_way_to", "first_steps"):
            value = item.get(key) or []
            if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
                p.error(item, key, "should be a list of phrases", "write e.g. [want to die]",
                        f"{slug}.{key}")
                ok = False
            lists[key] = tuple(" ".join(str(w).split()) for w in value if str(w).strip())
        if ok:
            needs.append(Need(slug, item["name"].strip(), item["description"].strip(),
                              tuple(str(w).strip().lower() for w in words), _translations(item),
                              item.get("context") is True, **lists))
    return needs
