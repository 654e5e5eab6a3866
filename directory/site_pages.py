"""The site's own pages written as content: the accessibility statement and privacy notice.

content/site-pages/<slug>.md is the English Markdown; content/translations/<lang>/site-pages/
<slug>.md its translation (the body only; front matter may say `reviewed: true`). In the text,
{site} is the site's name and {area} the area it serves; links are relative to the page
(`browse-safely`, `easy-read/help-now`), so they stay in the reader's language.
Imports nothing of Flask.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .content.objects import Translatable
from .content.problems import Problem, _Problems, _rel

FOLDER = "site-pages"
SLUGS = ("accessibility", "privacy")
# A partnership's own pack without these pages shows the bundled pack's wording.
BUNDLED = Path(__file__).resolve().parent.parent / "content" / FOLDER


@dataclass(frozen=True)
class SitePage(Translatable):
    """One of the site's own pages: its Markdown body, translatable."""

    slug: str
    body: str
    translations: dict = field(default_factory=dict, hash=False, compare=False)

    def filled(self, lang: str, site) -> tuple[str, str]:
        """The body in a language with {site} and {area} filled in, and the language used."""
        body, used = self.text("body", lang)
        return (body.replace("{site}", site.name)
                .replace("{area}", site.text("area_name", used)[0]), used)


def load_site_pages(root: Path, problems: list[Problem]) -> list[SitePage]:
    """Read content/site-pages/; a missing or empty page is reported as an error."""
    folder = root / FOLDER if (root / FOLDER).is_dir() else BUNDLED
    found = []
    for slug in SLUGS:
        path = folder / f"{slug}.md"
        p = _Problems(_rel(path, root), problems)
        if not path.exists():
            p.error(None, "(file)", "is missing, so the page is not shown",
                    f"restore it from git (git checkout -- content/{FOLDER}/{slug}.md)")
            continue
        text = p.read_text(path)
        if text is None:
            continue
        if not text.strip():
            p.error(None, "(body)", "the page has no text", "write the page in Markdown")
            continue
        found.append(SitePage(slug, text.strip()))
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path.stem not in SLUGS:
            _Problems(_rel(path, root), problems).warn(
                None, "(file)", "is not one of the site's pages, so it is not shown",
                "the site's pages are " + ", ".join(f"{s}.md" for s in SLUGS))
    return found


def load_translated(folder: Path, root: Path, lang: str, pages: dict, files: dict,
                    reviewed: set, problems: list[Problem]) -> None:
    """Read content/translations/<lang>/site-pages/*.md into the pages' translations."""
    from .translations import _compare_structure, read_translated_page

    for path in sorted((folder / FOLDER).glob("*.md")):
        name = _rel(path, root)
        p = _Problems(name, problems)
        page = pages.get(path.stem)
        if page is None:
            if path.stem not in SLUGS:
                p.warn(None, "(file)", f"there is no site page '{path.stem}'",
                       "name it after one of: " + ", ".join(f"{s}.md" for s in SLUGS))
            continue
        read = read_translated_page(path, p)
        if read is None:
            continue
        meta, body, offset = read
        key = f"{FOLDER}/{page.slug}"
        files[key] = name
        if meta and meta.get("reviewed") is True:
            reviewed.add(key)
        if not body.strip():
            problems.append(Problem(name, offset + 1, "(body)", "the page has no text",
                                    f"translate content/{FOLDER}/{page.slug}.md", "error"))
            continue
        _compare_structure(page.body, body, name, offset, problems)
        page.translations.setdefault(lang, {})["body"] = body.strip()
