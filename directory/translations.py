"""Long-text translations of the content, and whether each translated field is current and reviewed.

content/translations/<lang>/services/<slug>.yml   every text field of a service
content/translations/<lang>/pages/<slug>.md       a self-help page's Markdown body
content/translations/<lang>/glossary.yml          the jargon buster's terms and meanings
content/translations/<lang>/sources.yml           fingerprints of the English each field was
                                                  translated from (written by `translations stamp`)

The translators' files stay free of bookkeeping: fingerprints live in sources.yml, so a
translator never edits a hash. Imports nothing of Flask.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .content.problems import Problem, _Problems, _rel
from .content.read import read_filled_yaml
from .content.translation_files import _reported_broken
from .content.yaml_lines import _LineDict, _LineLoader

# Fields of a service that the per-service file translates, in the order the page shows them.
SERVICE_FIELDS = (
    "description", "eligibility_description", "how_to_get_help", "what_happens_next",
    "waiting_time", "fees", "hours_note", "phones", "texts",
)
LIST_FIELDS = ("how_to_get_help", "phones", "texts")
# Fields whose English is checked against a fingerprint, per kind of item. Need words are
# search vocabulary, not text anyone reads, so they are not fingerprinted.
SHOWN_FIELDS = {
    "services": ("name", "summary", *SERVICE_FIELDS),
    "pages": ("title", "summary", "body"),
    "glossary": ("term", "meaning"),
    "needs": ("name", "description"),
    "areas": ("name",),
    "crisis": ("name", "description"),
    "site": ("area_name",),
    "easy-read": ("title", "lines"),
    "site-pages": ("body",),
}
SOURCES_FILE = "sources.yml"
SOURCES_HEADER = (
    "# Written by `flask --app wsgi translations stamp`: do not edit by hand.\n"
    "# For each translated field, a fingerprint of the English it was translated from (en)\n"
    "# and of the translation (tr). When the English changes, the field shows in English\n"
    "# marked \"not translated yet\" until the translation is updated and stamped again.\n"
)
HEADING_RE = re.compile(r"^#{1,6}\s", re.M)
LINK_TARGET_RE = re.compile(r"\]\(([^)\s]+)")


def fingerprint(value: Any) -> str:
    """A short fingerprint of a text (or list of texts), blind to spacing changes."""
    if isinstance(value, list | tuple):
        value = "\n".join(" ".join(str(v).split()) for v in value)
    text = " ".join(str(value or "").split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def english_value(item: Any, name: str) -> Any:
    """The English text of a field as the translation mirrors it (phones: their descriptions)."""
    if name in ("phones", "texts"):
        return [line.description for line in getattr(item, name)]
    return getattr(item, name, "") or ""


def has_field(item: Any, name: str) -> bool:
    """Whether the English entry has something in this field to translate."""
    value = english_value(item, name)
    if isinstance(value, list | tuple):
        return any(str(v).strip() for v in value)
    return bool(str(value).strip())


@dataclass
class FieldState:
    """One translated field of one item in one language."""

    en: str            # fingerprint of today's English
    tr: str            # fingerprint of the translation
    stamped_en: str | None  # fingerprint of the English it was translated from, if stamped
    stamped_tr: str | None

    @property
    def stale(self) -> bool:
        """The English changed since this translation was stamped."""
        return self.stamped_en is not None and self.stamped_en != self.en


@dataclass
class Ledger:
    """What is translated, current and reviewed, per language and item ("services/kooth")."""

    fields: dict[str, dict[str, dict[str, FieldState]]] = field(default_factory=dict)
    reviewed: dict[str, set[str]] = field(default_factory=dict)
    files: dict[str, dict[str, str]] = field(default_factory=dict)  # lang → key → file

    def is_reviewed(self, lang: str, key: str) -> bool:
        """Whether a native speaker has reviewed this item's translation."""
        return key in self.reviewed.get(lang, set())

    def awaiting_review(self, lang: str, key: str) -> bool:
        """Whether this item shows translated text that no native speaker has reviewed yet."""
        return bool(self.fields.get(lang, {}).get(key)) and not self.is_reviewed(lang, key)

    def stale(self, lang: str) -> list[tuple[str, str]]:
        """(item, field) pairs whose English changed since they were translated."""
        return [(key, name) for key, names in self.fields.get(lang, {}).items()
                for name, state in names.items() if state.stale]


# --------------------------------------------------------------------------- loading

def load_translations(root: Path, languages: tuple[str, ...], items: dict[str, list],
                      problems: list[Problem]) -> Ledger:
    """Read the per-language folders into the items' translations; drop stale fields.

    `items` maps "services", "pages", "glossary", "needs", "areas", "crisis" and "site" to
    the loaded entries, whose `translations` already hold the short texts of <lang>.yml.
    """
    from . import easy_read, site_pages

    ledger = Ledger()
    base = root / "translations"
    by_slug = {kind: {getattr(i, "slug", "site"): i for i in found}
               for kind, found in items.items()}
    for folder in sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []:
        lang = folder.name
        if lang not in languages or lang == "en":
            _Problems(_rel(folder, root), problems).warn(
                None, "(folder)", f"'{lang}' is not one of the site's languages",
                "name the folder after a language code in site.yml, e.g. pl")
            continue
        files = ledger.files.setdefault(lang, {})
        reviewed = ledger.reviewed.setdefault(lang, set())
        _load_services(folder, root, lang, by_slug["services"], files, reviewed, problems)
        _load_pages(folder, root, lang, by_slug["pages"], files, reviewed, problems)
        _load_glossary(folder, root, lang, by_slug["glossary"], files, reviewed, problems)
        for kind, module in (("easy-read", easy_read), ("site-pages", site_pages)):
            module.load_translated(folder, root, lang, by_slug.get(kind, {}), files, reviewed,
                                   problems)
    for lang in languages:
        if lang != "en":
            _short_text_review(base / f"{lang}.yml", lang, ledger)
    _apply_sources(base, languages, by_slug, ledger)
    return ledger


def _load_services(folder: Path, root: Path, lang: str, services: dict, files: dict,
                   reviewed: set, problems: list[Problem]) -> None:
    for path in sorted((folder / "services").glob("*.yml")):
        p = _Problems(_rel(path, root), problems)
        service = services.get(path.stem)
        if service is None:
            if not _reported_broken(root, "services", path.stem, problems):
                p.warn(None, "(file)", f"there is no service '{path.stem}'",
                       "name the file exactly like the English file in content/services/")
            continue
        data = read_filled_yaml(path, root, problems,
                                "the service is shown in English in this language")
        if data is None:
            continue
        if not isinstance(data, dict):
            p.error(data, "(file)", "should list fields like 'description: ...'",
                    "see the translators' guide in README.md")
            continue
        key = f"services/{service.slug}"
        files[key] = _rel(path, root)
        if data.get("reviewed") is True:
            reviewed.add(key)
        clean = {}
        for name, value in data.items():
            if name == "reviewed":
                if not isinstance(value, bool):
                    p.error(data, name, f"'{value}' is not true or false",
                            "write reviewed: true only after a native speaker checked it")
                continue
            if name in ("name", "summary"):
                p.warn(data, str(name), f"{name} is translated in translations/{lang}.yml",
                       f"move it to the services: section of {lang}.yml")
                continue
            if name not in SERVICE_FIELDS:
                p.warn(data, str(name), "is not a text field of a service, so it is ignored",
                       "translate only: " + ", ".join(SERVICE_FIELDS))
                continue
            if not has_field(service, name):
                p.warn(data, str(name), "the English service has no such field",
                       "delete it: translate only the fields content/services/"
                       f"{service.slug}.yml has")
                continue
            text = _field_value(data, name, value, english_value(service, name), p)
            if text is not None:
                clean[name] = text
        service.translations.setdefault(lang, {}).update(clean)


def _field_value(data: dict, name: str, value: Any, english: Any, p: _Problems) -> Any:
    """A translated field checked against the English shape; None (and a problem) if wrong."""
    if name in LIST_FIELDS:
        if isinstance(value, str) and len(english) == 1:
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                   for v in value):
            p.error(data, name, "should be a list of texts",
                    "write each item on its own line starting with '- '")
            return None
        if len(value) != len(english):
            what = "steps" if name == "how_to_get_help" else "descriptions"
            p.error(data, name, f"has {len(value)} {what} but the English has {len(english)}",
                    f"translate each English item once, in the same order ({len(english)} "
                    "lines starting with '- ')")
            return None
        return [" ".join(v.split()) for v in value]
    if isinstance(value, bool) or not isinstance(value, str):
        p.error(data, name, f"should be text, not {type(value).__name__}",
                "write it as a sentence (put it in quotes if it starts with a number)")
        return None
    if not value.strip():
        return None
    return value.strip() if name == "description" else " ".join(value.split())


def read_translated_page(path: Path, p: _Problems) -> tuple[dict | None, str, int] | None:
    """A translated page's header (None without one), body and body's first line; None if unreadable."""
    text = p.read_text(path)
    if text is None:
        return None
    header, body, offset = _split_front_matter(text)
    if header is None:
        return None, body, offset
    try:
        meta = yaml.load(header, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError:
        p.error(None, "(header)", "is not valid YAML",
                "the only field here is 'reviewed: true'; or remove the --- lines")
        meta = {}
    return (meta if isinstance(meta, dict) else {}), body, offset


def _split_front_matter(text: str) -> tuple[str | None, str, int]:
    match = re.match(r"\A---\s*\n(.*?)\n---\s*\n", text, re.S)
    if not match:
        return None, text, 0
    return match.group(1), text[match.end():], match.group(0).count("\n")


def _load_pages(folder: Path, root: Path, lang: str, pages: dict, files: dict, reviewed: set,
                problems: list[Problem]) -> None:
    for path in sorted((folder / "pages").glob("*.md")):
        name = _rel(path, root)
        p = _Problems(name, problems)
        page = pages.get(path.stem)
        if page is None:
            if not _reported_broken(root, "pages", path.stem, problems):
                p.warn(None, "(file)", f"there is no self-help page '{path.stem}'",
                       "name the file exactly like the English page in content/pages/")
            continue
        read = read_translated_page(path, p)
        if read is None:
            continue
        meta, body, offset = read
        key = f"pages/{page.slug}"
        files[key] = name
        if meta is not None:
            for k in meta:
                if k != "reviewed":
                    problems.append(Problem(name, _line_of(meta, k), str(k),
                                            "is not used in a translated page",
                                            "title and summary go in translations/"
                                            f"{lang}.yml; keep only 'reviewed:' here",
                                            "warning"))
            if meta.get("reviewed") is True:
                reviewed.add(key)
        if not body.strip():
            problems.append(Problem(name, offset + 1, "(body)", "the page has no text",
                                    f"translate the body of content/pages/{page.slug}.md",
                                    "error"))
            continue
        _compare_structure(page.body, body, name, offset, problems)
        page.translations.setdefault(lang, {})["body"] = body.strip()


def _line_of(mapping: Any, key: str) -> int:
    return (mapping.lines.get(key, 1) + 1) if isinstance(mapping, _LineDict) else 1


def _compare_structure(english: str, body: str, name: str, offset: int,
                       problems: list[Problem]) -> None:
    """Warn when a translated page has different headings or link targets than the English."""
    en_heads, tr_heads = HEADING_RE.findall(english), HEADING_RE.findall(body)
    if len(en_heads) != len(tr_heads):
        problems.append(Problem(name, offset + 1, "(headings)",
                                f"has {len(tr_heads)} headings but the English has "
                                f"{len(en_heads)}", "keep the same headings, in the same order",
                                "warning"))
    en_links, tr_links = LINK_TARGET_RE.findall(english), LINK_TARGET_RE.findall(body)
    if sorted(en_links) != sorted(tr_links):
        missing = sorted(set(en_links) - set(tr_links)) or sorted(set(tr_links) - set(en_links))
        problems.append(Problem(name, offset + 1, "(links)",
                                "its links differ from the English page"
                                + (f" ({', '.join(missing[:3])})" if missing else ""),
                                "keep every link target exactly as in English", "warning"))


def _load_glossary(folder: Path, root: Path, lang: str, terms: dict, files: dict, reviewed: set,
                   problems: list[Problem]) -> None:
    path = folder / "glossary.yml"
    if not path.exists():
        return
    data = read_filled_yaml(path, root, problems,
                            "the jargon buster is shown in English in this language")
    p = _Problems(_rel(path, root), problems)
    if data is None:
        return
    if not isinstance(data, dict):
        p.error(data, "(file)", "should list glossary slugs with term: and meaning:",
                "see the translators' guide in README.md")
        return
    whole_file = data.get("reviewed") is True
    for slug, entry in data.items():
        if slug == "reviewed":
            continue
        term = terms.get(slug)
        label = str(slug)
        if term is None:
            if not _reported_broken(root, "glossary", str(slug), problems):
                p.warn(data, label, f"there is no glossary term '{slug}'",
                       "use the slug from content/glossary.yml")
            continue
        if not isinstance(entry, dict):
            p.error(data, label, "should have term: and meaning:",
                    "write the term and its meaning on two indented lines")
            continue
        key = f"glossary/{slug}"
        files[key] = _rel(path, root)
        if whole_file or entry.get("reviewed") is True:
            reviewed.add(key)
        clean = {}
        for name, value in entry.items():
            if name == "reviewed":
                continue
            if name not in ("term", "meaning"):
                p.warn(entry, str(name), "is not used", "write only term: and meaning:",
                       f"{slug}.{name}")
            elif isinstance(value, str) and value.strip():
                clean[name] = " ".join(value.split())
            else:
                p.error(entry, str(name), "should be text", "write it as words",
                        f"{slug}.{name}")
        term.translations.setdefault(lang, {}).update(clean)


def _short_text_review(path: Path, lang: str, ledger: Ledger) -> None:
    """Review marks in <lang>.yml: `reviewed: true` (the whole file) or a list of sections."""
    if not path.exists():
        return
    try:
        data = yaml.load(path.read_text(encoding="utf-8"),  # noqa: S506 - SafeLoader subclass
                         Loader=_LineLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return  # the content loader reports it
    if not isinstance(data, dict):
        return
    marked = data.get("reviewed")
    sections = set(SHOWN_FIELDS) | {"risk_phrases"} if marked is True else \
        {str(s) for s in marked} if isinstance(marked, list) else set()
    ledger.reviewed.setdefault(lang, set()).update(sections)


# --------------------------------------------------------------------------- fingerprints

def read_sources(base: Path, lang: str) -> dict:
    """The fingerprints recorded for a language: {item: {field: {en:, tr:}}}."""
    path = base / lang / SOURCES_FILE
    if not path.exists():
        return {}
    try:
        # The C parser when built: these files hold thousands of fingerprints.
        data = yaml.load(path.read_text(encoding="utf-8"),  # noqa: S506 - a safe loader
                         Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _apply_sources(base: Path, languages: tuple[str, ...], by_slug: dict, ledger: Ledger) -> None:
    """Record each translated field's state; a stale one is removed so English shows instead."""
    for lang in languages:
        if lang == "en":
            continue
        sources = read_sources(base, lang)
        states = ledger.fields.setdefault(lang, {})
        for kind, names in SHOWN_FIELDS.items():
            for slug, item in by_slug.get(kind, {}).items():
                block = item.translations.get(lang)
                if not block:
                    continue
                key = f"{kind}/{slug}"
                recorded = sources.get(key) if isinstance(sources.get(key), dict) else {}
                for name in names:
                    if name not in block or not has_field(item, name):
                        continue
                    rec = recorded.get(name) if isinstance(recorded.get(name), dict) else {}
                    state = FieldState(fingerprint(english_value(item, name)),
                                       fingerprint(block[name]), rec.get("en"), rec.get("tr"))
                    states.setdefault(key, {})[name] = state
                    if state.stale:
                        del block[name]


def stamp(root: Path, lang: str, ledger: Ledger, accept_all: bool = False) -> dict[str, int]:
    """Write sources.yml for a language; returns counts of new, updated, kept-stale fields.

    A field without a fingerprint is stamped as translated from today's English. A stale field
    is stamped again only when its translation changed since (the translator updated it), or
    when `accept_all` says every translation matches today's English.
    """
    base = root / "translations"
    out: dict[str, dict[str, dict[str, str]]] = {}
    counts = {"new": 0, "updated": 0, "stale": 0, "current": 0}
    for key, names in sorted(ledger.fields.get(lang, {}).items()):
        for name, state in sorted(names.items()):
            if state.stamped_en is None:
                counts["new"] += 1
                rec = {"en": state.en, "tr": state.tr}
            elif not state.stale:
                counts["current"] += 1
                rec = {"en": state.en, "tr": state.tr}
            elif accept_all or state.stamped_tr != state.tr:
                counts["updated"] += 1
                rec = {"en": state.en, "tr": state.tr}
            else:
                counts["stale"] += 1
                rec = {"en": state.stamped_en, "tr": state.stamped_tr}
            out.setdefault(key, {})[name] = rec
    folder = base / lang
    folder.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(out, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                     allow_unicode=True, sort_keys=True, default_flow_style=None, width=100)
    (folder / SOURCES_FILE).write_text(SOURCES_HEADER + text, encoding="utf-8")
    return counts


# --------------------------------------------------------------------------- showing

def line_hints(service: Any, name: str, lang: str) -> list[tuple[str, str]]:
    """Descriptions of a service's phones or texts in a language: [(text, language used)]."""
    lines = getattr(service, name)
    translated = service.translations.get(lang, {}).get(name)
    if translated and len(translated) == len(lines):
        return [(t, lang) if t else (line.description, "en")
                for t, line in zip(translated, lines, strict=True)]
    return [(line.description, "en") for line in lines]


@dataclass(frozen=True)
class LocalTerm:
    """A glossary term as written in one language, for that language's jargon linker."""

    slug: str
    spellings: tuple[str, ...]


def local_terms(glossary: tuple, lang: str) -> list[LocalTerm]:
    """Glossary terms spelt as a translated page writes them (with English acronyms kept)."""
    out = []
    for term in glossary:
        block = term.translations.get(lang, {})
        if not block.get("term"):
            continue
        written = block["term"]
        spellings = {written}
        bare = re.sub(r"\s*\([^)]*\)\s*", " ", written).strip()
        if bare:
            spellings.add(bare)
        spellings.update(re.findall(r"\(([^)]+)\)", written))
        # Acronyms stay in Latin letters inside translated sentences (CAMHS, GP).
        spellings.update(s for s in (term.term, *term.also) if s.isupper())
        out.append(LocalTerm(term.slug, tuple(sorted((s for s in spellings if len(s) > 1),
                                                      key=len, reverse=True))))
    return out


def build_linkers(content: Any) -> dict[str, Any]:
    """A jargon linker per language: English, and each language with a translated glossary."""
    from .markup import Linker

    out = {"en": Linker(content.glossary)} if content.glossary else {}
    for lang in content.site.languages:
        terms = local_terms(content.glossary, lang) if lang != "en" else []
        if terms:
            out[lang] = Linker(terms)
    return out
