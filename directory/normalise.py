"""One way of reading text for matching, shared by the search index, need words and risk phrases.

Whatever the content says and whatever a visitor types passes through `fold`, so the two meet
however the words were typed: on a phone without Polish letters, an Arabic keyboard typing Urdu,
with or without apostrophes, hyphens or vowel marks.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_CHARS = 400

# Letters that are the same letter typed on different keyboards or written with optional marks.
_ARABIC_SCRIPT = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ك": "ک", "ي": "ی", "ى": "ی", "ې": "ی", "ئ": "ی", "ؤ": "و",
    "ة": "ه", "ۃ": "ه", "ہ": "ه", "ھ": "ه", "ە": "ه",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8",
    "٩": "9", "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7",
    "۸": "8", "۹": "9",
})
# Marks that are optional in everyday typing: Arabic harakat and tatweel, the nukta of Gurmukhi,
# Gujarati and Devanagari, and Gurmukhi's addak (doubling) sign.
_OPTIONAL_MARKS = re.compile("[\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u0A3C\u0ABC\u093C\u0A71]")
# Gurmukhi tippi and bindi both nasalise; people use either.
_NASAL = str.maketrans({"\u0A70": "\u0A02"})
# Latin letters that carry no combining mark to remove but are still typed plainly.
_LATIN_EXTRA = {"ł": "l", "đ": "d", "ø": "o", "ı": "i", "æ": "ae", "œ": "oe", "ħ": "h"}
_APOSTROPHES = re.compile("['’‘ʼ`´]")
_DASHES = re.compile("[-‐‑‒–—―_/]")
_MARKS = "".join(chr(c) for c in range(0x0300, 0x10000)
                 if unicodedata.category(chr(c)).startswith("M"))
# A word: letters and digits with the combining marks of Gujarati and Gurmukhi vowels (which
# Python's \w leaves out).
WORD_RE = re.compile("[\\w" + re.escape(_MARKS) + "]+", re.UNICODE)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _LATIN_EXTRA:
        return _LATIN_EXTRA[ch]
    category = unicodedata.category(ch)
    if category == "Cf":  # joiners and direction marks sit inside words: drop them
        return ""
    if category[0] == "C":
        return " "
    if category[0] == "L" and "LATIN" in unicodedata.name(ch, ""):
        base = "".join(c for c in unicodedata.normalize("NFD", ch)
                       if not unicodedata.category(c).startswith("M"))
        return _LATIN_EXTRA.get(base, base)
    return ch


def _fold_letters(text: str) -> str:
    """Fold each character; drop the accents of Latin letters (decomposed text)."""
    out, after_latin = [], False
    for ch in text:
        if unicodedata.category(ch)[0] == "M":
            if not after_latin:
                out.append(ch)
            continue
        folded = _fold_char(ch)
        if folded:  # a dropped joiner leaves the letter before it in charge of the marks after
            after_latin = _is_latin(ch)
            out.append(folded)
    return "".join(out)


@lru_cache(maxsize=4096)
def _is_latin(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "L" and "LATIN" in unicodedata.name(ch, "")


def fold(text: str, limit: int | None = MAX_CHARS) -> str:
    """Text as matching sees it: NFKC, case-folded, letter variants and optional marks folded,
    apostrophes dropped, hyphens as spaces, spaces collapsed; cut to `limit` characters."""
    text = unicodedata.normalize("NFKC", text or "")
    text = (text if limit is None else text[:limit * 2]).casefold()
    text = _APOSTROPHES.sub("", text)
    text = _DASHES.sub(" ", text)
    if not text.isascii():
        text = _fold_letters(unicodedata.normalize("NFKD", text))
        text = _OPTIONAL_MARKS.sub("", text.translate(_ARABIC_SCRIPT).translate(_NASAL))
        # Dropping a mark can leave letters that compose: compose them, so folding is stable.
        text = unicodedata.normalize("NFKC", text).casefold()
    elif not text.isprintable():
        text = "".join(_fold_char(ch) for ch in text)
    text = " ".join(text.split())
    return text if limit is None else text[:limit]


def words(text: str) -> list[str]:
    """The words of already-folded text, in order."""
    return WORD_RE.findall(text)


_SUFFIXES = ("ingly", "edly", "ing", "ed", "es", "s")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English stem for Latin-script words (cuts, cutting, cutted → cut); others as typed.

    The same stem is taken of content and queries, so a stem that means nothing in another
    language still only matches the same word. Short words are left alone ("kms" is not "km").
    """
    if len(word) < 3 or not (word.isascii() and word.isalpha()):
        return word
    for suffix in _SUFFIXES if len(word) > 3 else ():
        base = word[:-len(suffix)]
        if not word.endswith(suffix) or len(base) < 2:
            continue
        if suffix == "s" and word.endswith(("ss", "us", "is")):
            return word
        if suffix in ("ing", "ed") and len(base) == 2 and base.endswith("y"):
            base = base[0] + "i"  # dying, die; lying, lie
        elif len(base) >= 3 and base[-1] == base[-2] and base[-1] not in "aeiouls":
            base = base[:-1]  # cutting, cut
        word = base
        break
    # A final e goes from longer words (overdose, overdosed) and die/lie/tie (dying, died), but
    # not from short words where it makes another word (made is not mad, cute is not cut).
    if word.endswith("e") and (len(word) >= 6 or (len(word) == 3 and word.endswith("ie"))):
        return word[:-1]
    return word


def fold_words(text: str) -> list[str]:
    """The folded words of raw text."""
    return words(fold(text))


class PhraseTable:
    """Phrases to find in queries, however they are spaced, hyphenated, inflected or accented.

    A phrase matches a run of whole words in the query whose letters, joined, equal the phrase's
    joined letters (so "is-dil", "is dil" and "isdil" are one phrase), comparing words as typed
    or by their stems. A phrase ending in "*" matches any run that starts with it and ends inside
    its last word ("samobój*" finds samobójstwo, samobójcze, samobójczych).
    """

    MAX_RUN = 8
    MAX_GAP = 3  # words allowed where a phrase says "..."

    def __init__(self):
        self._exact: dict[str, list] = {}
        self._prefixes: dict[str, list] = {}  # keyed by the first two letters
        self._gapped: list = []

    def add(self, phrase: str, value) -> bool:
        """Add a phrase meaning `value`; False when it has no letters to match.

        "want ... die" allows up to three words where the dots are ("want to just die").
        """
        if "..." in phrase or "…" in phrase:
            parts = [[stem(w) for w in fold_words(part)]
                     for part in phrase.replace("…", "...").split("...")]
            parts = [part for part in parts if part]
            if not parts:
                return False
            self._gapped.append((parts, (value, sum(map(len, parts)), phrase)))
            return True
        text = fold(phrase)
        prefix = text.endswith("*")
        tokens = words(text)
        if not tokens:
            return False
        entry = (value, len(tokens), phrase)
        if prefix:
            key = "".join(tokens)
            self._prefixes.setdefault(key[:2], []).append((key, entry))
            return True
        for key in {"".join(tokens), "".join(stem(t) for t in tokens), stem("".join(tokens))}:
            self._exact.setdefault(key, []).append(entry)
        return True

    def find(self, text: str, folded: bool = False) -> list[tuple[int, int, object, int, str]]:
        """Every (start, end, value, phrase length, phrase) found in the words of the text."""
        tokens = words(text if folded else fold(text))
        stems = [stem(t) for t in tokens]
        found = []
        for start in range(len(tokens)):
            raw, stemmed = "", ""
            for end in range(start + 1, min(len(tokens), start + self.MAX_RUN) + 1):
                raw += tokens[end - 1]
                stemmed += stems[end - 1]
                for key in {raw, stemmed}:
                    for value, size, phrase in self._exact.get(key, ()):
                        found.append((start, end, value, size, phrase))
                before = len(raw) - len(tokens[end - 1])
                for key, (value, size, phrase) in self._prefixes.get(raw[:2], ()):
                    if before < len(key) <= len(raw) and raw.startswith(key):
                        found.append((start, end, value, size, phrase))
        for parts, (value, size, phrase) in self._gapped:
            for start in range(len(stems)):
                end = _match_gapped(stems, start, parts, self.MAX_GAP)
                if end is not None:
                    found.append((start, end, value, size, phrase))
        return found


def _match_gapped(stems: list[str], start: int, parts: list[list[str]], gap: int) -> int | None:
    """Where parts, in order with at most `gap` words between them, end if they start here."""
    first, rest = parts[0], parts[1:]
    if stems[start:start + len(first)] != first:
        return None
    end = start + len(first)
    if not rest:
        return end
    for skip in range(gap + 1):
        found = _match_gapped(stems, end + skip, rest, gap) if end + skip < len(stems) else None
        if found is not None:
            return found
    return None
