"""Whether a query suggests someone may be in danger right now: one rule, built from the content.

A query signals risk when it contains, in any of the site's languages, a word of the suicide or
self-harm need, or a risk phrase written beside a need's words (content/needs.yml and
content/translations/<lang>.yml). All of them are read through directory.normalise, so the
same words are found however they are typed. Imports nothing of Flask or Whoosh.
"""

from __future__ import annotations

from dataclasses import dataclass

from .content.objects import Content
from .content.problems import Problem
from .normalise import PhraseTable, fold

# Needs whose every word means danger now; other needs raise the box only through risk phrases.
RISK_NEEDS = ("suicidal-thoughts", "self-harm")


@dataclass(frozen=True)
class Risk:
    """What a risky query pointed to."""

    needs: tuple[str, ...]  # strongest first: the needs whose services should come first
    phrases: tuple[str, ...]  # the content's phrases that were found
    words: tuple[int, ...] = ()  # positions of the query's (folded) words that said so


def risk_words(content: Content) -> dict[str, list[tuple[str, str]]]:
    """Every phrase that raises the box, by language: [(phrase, need slug)]."""
    out: dict[str, list[tuple[str, str]]] = {}
    for need in content.needs:
        if need.slug in RISK_NEEDS:
            out.setdefault("en", []).extend((w, need.slug) for w in (need.name, *need.words))
        out.setdefault("en", []).extend((p, need.slug) for p in need.risk_phrases)
        for lang, block in need.translations.items():
            found = out.setdefault(lang, [])
            if need.slug in RISK_NEEDS:
                found += [(w, need.slug) for w in (block.get("name", ""), *block.get("words", ()))
                          if w]
            found += [(p, need.slug) for p in block.get("risk_phrases", ())]
    for lang, phrases in content.risk_phrases.items():
        known = {fold(p) for p, _ in out.get(lang, ())}
        # A language-wide list not filed under a need points to both risk needs.
        out.setdefault(lang, []).extend((p, None) for p in phrases if fold(p) not in known)
    return out


class RiskDetector:
    """Finds risk in a query, with the needs it points to."""

    def __init__(self, content: Content):
        self._table = PhraseTable()
        self._exceptions: dict[str, PhraseTable] = {}
        self.unmatchable: list[tuple[str, str]] = []  # (language, phrase) with no letters
        for lang, phrases in risk_words(content).items():
            for phrase, need in phrases:
                if not self._table.add(phrase, need):
                    self.unmatchable.append((lang, phrase))
        for need in content.needs:
            table = PhraseTable()
            for phrase in need.not_risk:
                table.add(phrase, need.slug)
            for block in need.translations.values():
                for phrase in block.get("not_risk", ()):
                    table.add(phrase, need.slug)
            self._exceptions[need.slug] = table

    def detect(self, text: str, exceptions: bool = True) -> Risk | None:
        """The risk a query signals, or None (exceptions=False: ignoring the not-risk words)."""
        folded = fold(text)
        if not folded:
            return None
        weights: dict[str, int] = {}
        phrases: list[str] = []
        positions: set[int] = set()
        cancelled: dict[str, bool] = {}
        for start, end, need, size, phrase in self._table.find(folded, folded=True):
            if size == 1 and need is not None and exceptions:
                # A single everyday word ("cutting") can mean something ordinary ("cutting my
                # hair"): the need's not-risk words say when it does.
                if need not in cancelled:
                    table = self._exceptions.get(need)
                    cancelled[need] = bool(table and table.find(folded, folded=True))
                if cancelled[need]:
                    continue
            for slug in (need,) if need is not None else RISK_NEEDS:
                weights[slug] = max(weights.get(slug, 0), size)
            phrases.append(phrase)
            positions.update(range(start, end))
        if not weights:
            return None
        needs = sorted(weights, key=lambda s: (-weights[s], s not in RISK_NEEDS, s))
        return Risk(tuple(needs), tuple(dict.fromkeys(phrases)), tuple(sorted(positions)))


def check(content: Content) -> list[Problem]:
    """Problems that would let a risky search go without the help-now box."""
    problems = []
    detector = RiskDetector(content)
    words = risk_words(content)
    for lang in content.site.languages:
        file = "needs.yml" if lang == "en" else f"translations/{lang}.yml"
        if not any(need is None or need in RISK_NEEDS for _, need in words.get(lang, ())):
            problems.append(Problem(
                file, 1, "risk_phrases", f"there are no risk phrases or suicide and self-harm "
                f"words for '{lang}', so a risky search in it would not bring the help-now box",
                "add the suicidal-thoughts and self-harm words and risk_phrases: in this "
                "language (see content/README.md)"))
        for phrase, need in words.get(lang, ()):
            if need is not None and need not in RISK_NEEDS:
                continue  # other needs' risk phrases may be cancelled by their not-risk words
            if detector.detect(phrase) is None:
                problems.append(Problem(
                    file, 1, f"{need or 'risk_phrases'}", f"'{phrase}' would not bring the "
                    "help-now box", "give it letters, or remove the not_risk phrase that "
                    "cancels it"))
    return problems
