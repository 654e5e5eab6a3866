"""Turn content text into safe HTML: Markdown for self-help pages, and jargon explained in place."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable

from markdown_it import MarkdownIt
from markupsafe import Markup

# CommonMark with raw HTML switched off: content files cannot inject markup or script.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")
_TAG_RE = re.compile(r"(<[^>]+>)")
_SKIP_INSIDE = ("a", "h1", "h2", "h3", "h4", "button", "summary", "label")


def markdown(text: str) -> str:
    """Markdown to HTML, one level of headings down so the page title stays the only h1."""
    rendered = _markdown.render(text or "")
    return re.sub(r"<(/?)h([1-5])>", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}>", rendered) \
        if "<h1>" in rendered else rendered


class Linker:
    """Links the first use on a page of each jargon term to its plain-words explanation."""

    def __init__(self, terms: Iterable):
        self._slug_for: dict[str, str] = {}
        exact, loose = [], []
        for term in terms:
            for spelling in term.spellings:
                key = spelling if spelling.isupper() else spelling.lower()
                self._slug_for.setdefault(key, term.slug)
                (exact if spelling.isupper() else loose).append(re.escape(spelling))
        by_length = lambda items: sorted(set(items), key=len, reverse=True)  # noqa: E731
        # Acronyms (GP, CAMHS) match only in capitals, so "gp" inside other words never links.
        self._exact = re.compile(r"(?<![\w-])(" + "|".join(by_length(exact)) + r")(?![\w-])") \
            if exact else None
        self._loose = re.compile(r"(?<![\w-])(" + "|".join(by_length(loose)) + r")(?![\w-])",
                                 re.I) if loose else None

    def link(self, fragment: str, seen: set[str], url_for_term: Callable[[str], str]) -> str:
        """Link terms in an HTML fragment's text (never inside links or headings)."""
        out, depth = [], 0
        for part in _TAG_RE.split(fragment):
            if part.startswith("<"):
                name = re.match(r"</?\s*(\w+)", part)
                if name and name.group(1).lower() in _SKIP_INSIDE:
                    depth += -1 if part.startswith("</") else 1
                out.append(part)
            elif depth > 0 or not part.strip():
                out.append(part)
            else:
                out.append(self._link_text(part, seen, url_for_term))
        return "".join(out)

    def _link_text(self, text: str, seen: set[str], url_for_term) -> str:
        def replace(match: re.Match) -> str:
            word = match.group(1)
            slug = self._slug_for.get(word) or self._slug_for.get(word.lower())
            if not slug or slug in seen:
                return word
            seen.add(slug)
            return f'<a class="term" href="{url_for_term(slug)}">{word}</a>'

        for pattern in (self._exact, self._loose):
            if pattern is not None:
                text = _replace_outside_links(pattern, replace, text)
        return text


def _replace_outside_links(pattern: re.Pattern, replace, text: str) -> str:
    # The first pass may already have added links; don't link inside them.
    pieces = re.split(r"(<a [^>]*>.*?</a>)", text)
    return "".join(p if p.startswith("<a ") else pattern.sub(replace, p) for p in pieces)


def explain(text: str, linker: Linker | None, seen: set[str], url_for_term) -> Markup:
    """Plain text escaped for HTML, with jargon linked the first time it appears on the page."""
    escaped = html.escape(text or "", quote=False)
    if linker is None:
        return Markup(escaped)
    return Markup(linker.link(escaped, seen, url_for_term))


def markdown_explained(text: str, linker: Linker | None, seen: set[str],
                       url_for_term) -> Markup:
    """Markdown rendered to HTML, with jargon linked the first time it appears on the page."""
    rendered = markdown(text)
    return Markup(linker.link(rendered, seen, url_for_term) if linker else rendered)
