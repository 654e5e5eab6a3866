"""Self-help pages (content/pages/*.md) and the jargon buster (content/glossary.yml)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..audience_styles import AUDIENCES
from .objects import Translatable
from .problems import Problem, _Problems, _rel
from .read import _read_yaml
from .values import SLUG_RE, SUMMARY_MAX
from .yaml_lines import _LineDict, _LineLoader

HEADER_RE = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


@dataclass(frozen=True)
class Page(Translatable):
    """A self-help page, written in Markdown."""

    slug: str
    title: str
    summary: str
    needs: tuple[str, ...]
    audience: tuple[str, ...]
    last_reviewed: dt.date
    body: str
    translations: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Term(Translatable):
    """A word from the jargon buster, with what it means in plain words."""

    slug: str
    term: str
    meaning: str
    also: tuple[str, ...] = ()
    translations: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every way the term is written, longest first (so longer phrases are linked first)."""
        return tuple(sorted({self.term, *self.also}, key=len, reverse=True))


def _split(text: str) -> tuple[str | None, str, int]:
    match = HEADER_RE.match(text)
    if not match:
        return None, text, 0
    return match.group(1), text[match.end():], match.group(0).count("\n")


def load_pages(root: Path, need_slugs: set[str], languages: tuple[str, ...], today: dt.date,
               problems: list[Problem]) -> list[Page]:
    """Read every self-help page; pages with errors are left out and reported."""
    folder = root / "pages"
    if not folder.is_dir():
        return []
    pages: dict[str, Page] = {}
    translated: list[Path] = []
    for path in sorted(folder.glob("*.md")):
        if "." in path.stem:  # sleep.pl.md: a translation, read after the English pages
            translated.append(path)
            continue
        page = _load_page(path, root, need_slugs, today, problems)
        if page:
            pages[page.slug] = page
    for path in translated:
        slug, lang = path.stem.rsplit(".", 1)
        p = _Problems(_rel(path, root), problems)
        if slug not in pages:
            if not (folder / f"{slug}.md").exists():  # else its errors are already reported
                p.warn(None, "(file)", f"translates '{slug}', which is not a page",
                       f"name it after an English page, like {slug}.md → {slug}.{lang}.md")
            continue
        if lang not in languages or lang == "en":
            p.warn(None, "(file)", f"'{lang}' is not one of the site's languages",
                   "use a language code from site.yml")
            continue
        block = _load_translation(path, p)
        if block is not None:
            pages[slug].translations[lang] = block
    return list(pages.values())


TRANSLATED_FIELDS = ("title", "summary")


def _load_translation(path: Path, p: _Problems) -> dict | None:
    """A translated page's title, summary and body; None (and reported) when it is broken."""
    text = p.read_text(path)
    if text is None:
        return None
    header, body, _ = _split(text)
    try:
        fields_ = yaml.load(header, Loader=_LineLoader) if header else {}  # noqa: S506
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        p.out.append(Problem(p.file, (mark.line + 2) if mark else 1, "(header)",
                             "is not valid YAML, so the English page is shown instead",
                             "check that text with ':' is in quotes"))
        p.errors += 1
        return None
    if fields_ is None:
        fields_ = {}
    if not isinstance(fields_, dict):
        p.error(None, "(header)", "should be fields like 'title: ...'", "see content/README.md")
        return None
    if isinstance(fields_, _LineDict):
        fields_.lines = {k: v + 1 for k, v in fields_.lines.items()}
    block = {}
    for key, value in fields_.items():
        if key not in TRANSLATED_FIELDS:
            p.warn(fields_, str(key), "is not translated per language, so it is ignored",
                   "translate only title and summary; the rest comes from the English page")
        elif not isinstance(value, str) or not value.strip():
            p.error(fields_, str(key), "should be text", f"write the {key} in this language")
        elif key == "summary" and len(value) > SUMMARY_MAX:
            p.warn(fields_, key, f"is {len(value)} characters long",
                   f"keep it under {SUMMARY_MAX} if you can")
            block[key] = " ".join(value.split())
        else:
            block[key] = " ".join(value.split())
    if body.strip():
        block["body"] = body.strip()
    return block


def _load_page(path: Path, root: Path, need_slugs: set[str], today: dt.date,
               problems: list[Problem]) -> Page | None:
    name = _rel(path, root)
    p = _Problems(name, problems)
    if not SLUG_RE.match(path.stem):
        p.error(None, "(file)", f"the file name '{path.name}' is not a valid slug",
                "use lowercase letters, digits and hyphens, e.g. sleep.md")
        return None
    text = p.read_text(path)
    if text is None:
        return None
    header, body, _ = _split(text)
    if header is None:
        p.error(None, "(header)", "has no header",
                "start the file with a --- line, the fields (title:, summary:, needs:, "
                "audience:, last_reviewed:), then another --- line")
        return None
    try:
        data = yaml.load(header, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(Problem(name, (mark.line + 2) if mark else 1, "(header)",
                                "is not valid YAML", "check that text with ':' is in quotes"))
        return None
    if not isinstance(data, dict):
        p.error(None, "(header)", "should be fields like 'title: ...'", "see content/README.md")
        return None
    # Header lines are counted from the opening ---, which is line 1.
    data.lines = {k: v + 1 for k, v in data.lines.items()}
    for key in ("title", "summary"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            p.error(data, key, "is missing", f"add {key}: to the header")
    summary = str(data.get("summary") or "")
    if len(summary) > SUMMARY_MAX:
        p.error(data, "summary", f"is {len(summary)} characters long", f"keep it under {SUMMARY_MAX}")
    needs = data.get("needs") or []
    if not isinstance(needs, list) or not needs or any(n not in need_slugs for n in needs):
        p.error(data, "needs", f"'{needs}' should list need slugs from needs.yml",
                "write e.g. [anxiety, sleep]")
    audience = data.get("audience") or []
    if not isinstance(audience, list) or not audience or any(a not in AUDIENCES for a in audience):
        p.error(data, "audience", f"'{audience}' should list who the page is for",
                "use any of: " + ", ".join(AUDIENCES))
    reviewed = data.get("last_reviewed")
    if not isinstance(reviewed, dt.date):
        p.error(data, "last_reviewed", f"'{reviewed}' is not a date", "write it as YYYY-MM-DD")
    elif (today - reviewed).days > 365:
        p.warn(data, "last_reviewed", f"was {reviewed}, over 12 months ago",
               "read the page again and update the date")
    if not body.strip():
        p.error(None, "(body)", "the page has no text", "write the page below the header")
    if p.errors:
        return None
    return Page(path.stem, data["title"].strip(), " ".join(summary.split()), tuple(needs),
                tuple(audience), reviewed, body.strip())


def load_glossary(root: Path, problems: list[Problem]) -> list[Term]:
    """Read the jargon buster; entries with errors are left out and reported."""
    path = root / "glossary.yml"
    if not path.exists():
        return []
    data = _read_yaml(path, root, problems)
    p = _Problems(_rel(path, root), problems)
    if data is None:
        return []
    if not isinstance(data, list):
        p.error(data, "(file)", "should be a list of terms", "start each with '- slug: ...'")
        return []
    terms, seen = [], set()
    for item in data:
        if not isinstance(item, _LineDict):
            p.error(data, "(file)", "each entry needs slug, term and meaning",
                    "see content/README.md")
            continue
        slug = item.get("slug")
        if not isinstance(slug, str) or not SLUG_RE.match(slug) or slug in seen:
            p.error(item, "slug", f"'{slug}' is not a new, valid slug",
                    "use lowercase letters, digits and hyphens, each slug once")
            continue
        seen.add(slug)
        if not item.get("term") or not item.get("meaning"):
            p.error(item, "meaning", "needs a term and a meaning",
                    "explain the term in a sentence a 12-year-old understands", slug)
            continue
        also = item.get("also") or []
        if not isinstance(also, list):
            p.error(item, "also", "should be a list", "write e.g. [MHST]", f"{slug}.also")
            also = []
        terms.append(Term(slug, str(item["term"]).strip(), " ".join(str(item["meaning"]).split()),
                          tuple(str(a).strip() for a in also if str(a).strip())))
    return terms
