"""How much of each service and self-help page is still in English, per language, through the real app.

Run: .venv/bin/python bench/translation_coverage.py [--worst N] [LANG ...]
Target: on every service and self-help page in every language, the English page's sentences that
still appear in English are at most 10% of the English page's sentence words.

Method: render /en/<page> and /<lang>/<page>; split the English page's main text into sentences;
a sentence whose text appears unchanged on the translated page counts all its words as English.
Proper names are not counted as words (they stay in English on purpose): every word of a
service's name and organisation, and the short list PROPER_NAMES below. A sentence made only of
proper names and numbers is not counted at all. The script also counts English sentences that are
NOT inside an element marked lang="en" (they would be read aloud in the wrong voice and carry no
"not translated yet" note): that figure should be 0. Only whole sentences count: a name or term
kept in English inside a translated sentence ("... (CAMHS)") is there on purpose.
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from directory import create_app  # noqa: E402

TARGET = 0.10
MIN_WORDS = 3
# Names kept in English inside translated sentences, beyond service and organisation names:
# places, the NHS and its services, acronyms people hear, and brand names of apps and websites.
PROPER_NAMES = {
    "NHS", "NHS 111", "UK", "LLR", "Leicester", "Leicestershire", "Rutland", "Loughborough",
    "Oakham", "Coalville", "Market Harborough", "Lutterworth", "Ashby", "CAMHS", "GP", "A&E",
    "SEND", "EHCP", "ADHD", "LGBTQ+", "LGBT", "PTSD", "OCD", "SHOUT", "Childline", "Samaritans",
    "Papyrus", "HOPELINE247", "Kooth", "YoungMinds", "Mind", "FRANK", "DMU", "WhatsApp",
    "Instagram", "TikTok", "Snapchat", "YouTube", "Google", "PDF", "Signpost", "MHCAP",
}
WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’&+-]*")
SENTENCE_RE = re.compile(r"(?<=[.!?:])\s+")


class _Text(HTMLParser):
    """The text of <main>, as (text, inside lang="en") runs, block elements as breaks."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "div", "section", "ol", "ul",
              "article", "footer", "form", "label", "button", "br", "summary", "legend",
              "td", "th", "option", "select", "nav"}
    VOID = {"br", "img", "input", "meta", "link", "hr", "source"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.runs: list[tuple[str, bool]] = []
        self.stack: list[tuple[str, str | None, bool]] = []  # (tag, lang, hides its text)
        self.in_main = False

    def _english(self) -> bool:
        for _, lang, _ in reversed(self.stack):
            if lang:
                return lang == "en"
        return False

    def _hidden(self) -> bool:
        return any(hides for _, _, hides in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main = True
        if tag in self.BLOCKS:
            self.runs.append(("\n", False))
        if tag not in self.VOID:
            hides = tag in ("script", "style", "template") or "hidden" in attrs
            self.stack.append((tag, attrs.get("lang"), hides))

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        if tag in self.BLOCKS:
            self.runs.append(("\n", False))

    def handle_data(self, data):
        if self.in_main and not self._hidden():
            self.runs.append((data, self._english()))


def main_text(html: str) -> tuple[str, str]:
    """(all text of <main>, the part of it inside lang="en" elements), spaces normalised."""
    parser = _Text()
    parser.feed(html)
    everything = "".join(t for t, _ in parser.runs)
    english = "".join(t if en else "\n" for t, en in parser.runs)
    return _norm(everything), _norm(english)


def _norm(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def sentences(text: str) -> list[str]:
    """Sentences of a page's text: split at line breaks and sentence ends."""
    out = []
    for line in text.splitlines():
        out += [s.strip() for s in SENTENCE_RE.split(line) if s.strip()]
    return out


def counted_words(sentence: str, names: re.Pattern) -> int:
    """Words of a sentence that should be translated (proper names and numbers aside).

    Fragments of fewer than MIN_WORDS such words ("Online", "Email", "No") are left out: they
    are as often the same word in the other language as untranslated text.
    """
    words = len(WORD_RE.findall(names.sub(" ", sentence)))
    return words if words >= MIN_WORDS else 0


def proper_names(content) -> re.Pattern:
    """Service and organisation names, area names and PROPER_NAMES, as whole phrases."""
    phrases = set(PROPER_NAMES) | {a.name for a in content.areas}
    for service in content.services:
        phrases.update(x for x in (service.name, service.organization) if x)
    alternatives = sorted((re.escape(x) for x in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.I)


def compare(english_html: str, other_html: str, names: set[str]) -> tuple[int, int, int, list]:
    """(English sentence words, of them still English, of those not marked lang=en, samples)."""
    en_text, _ = main_text(english_html)
    other_text, other_marked = main_text(other_html)
    # Whole sentences only: a name kept in English inside a translated sentence ("... (CAMHS)",
    # "Mental Health Support Team ના એક કાર્યકર") is there on purpose.
    other_sentences, marked_sentences = set(sentences(other_text)), set(sentences(other_marked))
    total = left = unmarked = 0
    samples = []
    for sentence in dict.fromkeys(sentences(en_text)):
        words = counted_words(sentence, names)
        if not words:
            continue
        total += words
        if sentence in other_sentences:
            left += words
            if sentence not in marked_sentences:
                unmarked += words
                samples.append(sentence)
    return total, left, unmarked, samples


def page_paths(content) -> list[str]:
    """Every service page and self-help page."""
    return ([f"/services/{s.slug}" for s in content.services]
            + [f"/self-help/{p.slug}" for p in content.pages])


def measure(client, content, languages) -> dict[str, list[tuple[str, int, int, int, list]]]:
    """Per language: (path, words, English words left, unmarked English words, samples)."""
    names = proper_names(content)
    english = {path: client.get(f"/en{path}").get_data(as_text=True)
               for path in page_paths(content)}
    out = {}
    for lang in languages:
        rows = []
        for path, html in english.items():
            other = client.get(f"/{lang}{path}").get_data(as_text=True)
            rows.append((path, *compare(html, other, names)))
        out[lang] = rows
    return out


def main(argv: list[str]) -> None:
    worst = 5
    if "--worst" in argv:
        i = argv.index("--worst")
        worst = int(argv[i + 1])
        del argv[i:i + 2]
    app = create_app({"TESTING": True})
    content = app.extensions["signpost.content"]
    languages = argv or [x for x in app.config["LANGUAGES"] if x != "en"]
    report = measure(app.test_client(), content, languages)
    print(f"{'lang':<6}{'English left':>13}{'pages > 10%':>13}{'worst page':>12}"
          f"{'unmarked':>10}   (sentence words, proper names aside)")
    grand_total = grand_left = 0
    for lang, rows in report.items():
        total = sum(r[1] for r in rows)
        left = sum(r[2] for r in rows)
        unmarked = sum(r[3] for r in rows)
        grand_total, grand_left = grand_total + total, grand_left + left
        over = [r for r in rows if r[1] and r[2] / r[1] > TARGET]
        worst_share = max((r[2] / r[1] for r in rows if r[1]), default=0.0)
        print(f"{lang:<6}{100 * left / total:>12.1f}%{len(over):>8}/{len(rows):<4}"
              f"{100 * worst_share:>11.0f}%{unmarked:>10}")
    print(f"{'all':<6}{100 * grand_left / grand_total:>12.1f}%   ({grand_left} of {grand_total} "
          "English sentence words still in English)")
    for lang, rows in report.items():
        ranked = sorted((r for r in rows if r[1]), key=lambda r: r[2] / r[1], reverse=True)
        print(f"\n{lang}: worst pages")
        for path, total, left, _unmarked, samples in ranked[:worst]:
            note = f"  UNMARKED: {samples[0][:60]!r}" if samples else ""
            print(f"  {100 * left / total:5.1f}%  {path}{note}")


if __name__ == "__main__":
    main(sys.argv[1:])
