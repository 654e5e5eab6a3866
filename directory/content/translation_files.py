"""content/translations/<lang>.yml: one file per language, merged into the entries it translates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .model import TRANSLATABLE
from .objects import CrisisContact, Site
from .problems import Problem, _Problems, _rel
from .read import read_filled_yaml
from .values import SUMMARY_MAX

TRANSLATION_FIELDS = {
    "needs": ("name", "description", "words", "risk_phrases", "not_risk"),
    "areas": ("name",),
    "crisis": ("name", "description"),
    "services": TRANSLATABLE,
    "glossary": ("term", "meaning"),
    "pages": ("title", "summary"),
}


SECTION_FILES = {"needs": "needs.yml", "areas": "areas.yml", "crisis": "crisis.yml",
                 "glossary": "glossary.yml"}


def _reported_broken(root: Path, section: str, slug: str, problems: list[Problem]) -> bool:
    """Whether an entry is missing because of errors already reported (so say nothing more).

    One broken service should give one error, not one more warning per translation file.
    """
    if section == "services":
        return (root / "services" / f"{slug}.yml").exists()
    if section == "pages":
        return (root / "pages" / f"{slug}.md").exists()
    file = _rel(root / SECTION_FILES.get(section, f"{section}.yml"), root)
    return any(p.file == file and p.severity == "error" for p in problems)


def _drop_foreign_numbers(item: CrisisContact, clean: dict, node: Any, p: _Problems,
                          label: str) -> None:
    """Leave out (and report) translated crisis text that gives a number the English does not."""
    from ..safety import foreign_numbers

    for key, numbers in foreign_numbers(item, clean).items():
        del clean[key]
        p.error(node, key, "gives " + ", ".join(sorted(numbers)) + ", which the English does "
                "not, so the English is shown instead", "write the same numbers as crisis.yml: "
                "a wrong number here could send someone in crisis to the wrong place",
                f"{label}.{key}")


def _apply_translation_files(root: Path, site: Site, items: dict[str, list],
                             problems: list[Problem]) -> dict[str, tuple[str, ...]]:
    """Merge content/translations/<lang>.yml into the items; return risk phrases per language.

    One file per language keeps a community translator's work in one place.
    """
    folder = root / "translations"
    by_slug = {section: {item.slug: item for item in found} for section, found in items.items()}
    risk: dict[str, tuple[str, ...]] = {}
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        lang = path.stem
        p = _Problems(_rel(path, root), problems)
        if lang not in site.languages or lang == "en":
            p.warn(None, "(file)", f"'{lang}' is not one of the site's languages",
                   "name the file after a language code in site.yml, e.g. pl.yml")
            continue
        data = read_filled_yaml(path, root, problems, "nothing in it is shown in this language "
                                "and its risk phrases are not recognised")
        if data is None:
            continue
        if not isinstance(data, dict):
            p.error(data, "(file)", "should have sections like needs: and services:",
                    "see content/README.md, Translations")
            continue
        for section, block in data.items():
            if section == "site":
                if isinstance(block, dict) and isinstance(block.get("area_name"), str):
                    site.translations.setdefault(lang, {})["area_name"] = block["area_name"]
                else:
                    p.error(data, section, "should have area_name: in this language",
                            "write e.g. site: {area_name: ...}")
                continue
            if section == "reviewed":  # read by translations.py
                continue
            if section == "risk_phrases":
                if isinstance(block, list) and all(isinstance(x, str) for x in block):
                    risk[lang] = tuple(" ".join(x.lower().split()) for x in block if x.strip())
                else:
                    p.error(data, section, "should be a list of phrases",
                            "write each phrase on its own line starting with '- '")
                continue
            if section not in TRANSLATION_FIELDS:
                p.warn(data, str(section), "is not a section Signpost knows",
                       "use site, needs, areas, crisis, services, pages, glossary or "
                       "risk_phrases")
                continue
            if not isinstance(block, dict):
                p.error(data, section, "should list slugs with their fields",
                        "see content/README.md, Translations")
                continue
            for slug, fields_ in block.items():
                item = by_slug[section].get(slug)
                label = f"{section}.{slug}"
                if item is None:
                    if not _reported_broken(root, section, str(slug), problems):
                        p.warn(block, str(slug), "there is no such entry",
                               f"check the slug against the {section} files", label)
                    continue
                if not isinstance(fields_, dict):
                    p.error(block, str(slug), "should list fields like 'summary: ...'",
                            "see content/README.md, Translations", label)
                    continue
                clean = {}
                for key, value in fields_.items():
                    if key == "reviewed":  # read by translations.py
                        continue
                    if key not in TRANSLATION_FIELDS[section]:
                        p.warn(fields_, str(key), "cannot be translated here",
                               "translate only: " + ", ".join(TRANSLATION_FIELDS[section]),
                               f"{label}.{key}")
                    elif key in ("words", "how_to_get_help", "risk_phrases", "not_risk"):
                        if isinstance(value, list) and all(isinstance(x, str) for x in value):
                            clean[key] = [" ".join(x.split()) for x in value if x.strip()]
                        else:
                            p.error(fields_, str(key), "should be a list",
                                    "write each item on its own line starting with '- '",
                                    f"{label}.{key}")
                    elif isinstance(value, str) and value.strip():
                        clean[key] = value.strip() if key == "description" else " ".join(
                            value.split())
                    elif value not in (None, ""):
                        p.error(fields_, str(key), "should be text", "write it as a sentence",
                                f"{label}.{key}")
                if section == "services" and len(clean.get("summary", "")) > SUMMARY_MAX:
                    p.warn(fields_, "summary", f"is over {SUMMARY_MAX} characters",
                           "shorten it if you can", f"{label}.summary")
                if section == "crisis":
                    _drop_foreign_numbers(item, clean, fields_, p, label)
                item.translations.setdefault(lang, {}).update(clean)
    return risk
