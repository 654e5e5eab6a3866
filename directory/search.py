"""Search the directory: a Whoosh index built once from the content, queried many times.

This is the only module that imports Whoosh.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import threading
import unicodedata
from dataclasses import dataclass

from whoosh import fields, query
from whoosh.analysis import StemmingAnalyzer
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.lang.porter import stem
from whoosh.spelling import ListCorrector

from .content import NATIONAL, Content, Service

MAX_QUERY_CHARS = 200
MAX_WORDS = 12
NEED_BOOST = 8.0
CONTEXT_WEIGHT = 0.5  # needs like "school" or "parenting" that say where or who, not what
LOCAL_BOOST = 1.25  # local services outrank national ones of similar relevance
FIELD_BOOSTS = {"name": 3.0, "needs_text": 2.5, "summary": 2.0, "organization": 1.5,
                "description": 1.0, "translated": 1.5}

# What someone types when they may be in danger right now. Matched on the whole query after
# lower-casing and straightening apostrophes; other languages add theirs in RISK_PHRASES.
RISK_PATTERNS = [
    r"\bkill(ing)? ?(my ?self|me)\b", r"\bsuicid", r"\bend(ing)? (my|it|it all|my own) ?(life)?\b",
    r"\bend it all\b", r"\btake my (own )?life\b", r"\bwant(s|ed)? to die\b", r"\bwanna die\b",
    r"\bdon'?t want to (live|be alive|be here|exist)\b", r"\bno reason to live\b",
    r"\bbetter off dead\b", r"\bcan'?t go on\b", r"\b(hurt|harm|cut|burn)(ing)? ?my ?self\b",
    r"\bgoing to (hurt|harm|cut)\b", r"\boverdos", r"\btook (too many|all my|an overdose)",
    r"\bhang(ing)? my ?self\b", r"\bjump(ing)? off\b", r"\bunalive\b", r"\bkms\b",
    r"\bnot safe (right )?now\b", r"\bin danger\b",
]

# Combining marks (Gujarati and Gurmukhi vowel signs, Arabic marks) belong inside words, but
# Python's \w does not include them.
_MARKS = "".join(chr(c) for c in range(0x0300, 0x10000)
                 if unicodedata.category(chr(c)).startswith("M"))
WORD_PATTERN = "[\\w" + re.escape(_MARKS) + "'’-]+"
_analyzer = StemmingAnalyzer()
_WORD_RE = re.compile(WORD_PATTERN, re.UNICODE)


# Arabic-script vowel marks and the elongating tatweel: optional in writing, so never required.
_ARABIC_MARKS = re.compile("[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")


def _clean_char(ch: str) -> str:
    category = unicodedata.category(ch)
    if category == "Cf":  # joiners and direction marks sit inside words: drop them
        return ""
    return " " if category[0] == "C" else ch


def normalise(text: str) -> str:
    """Lower-case, straighten quotes, drop control characters and cap the length of a query."""
    text = unicodedata.normalize("NFKC", text or "")[:MAX_QUERY_CHARS * 2]
    if not (text.isascii() and text.isprintable()):  # the common case needs no cleaning
        text = _ARABIC_MARKS.sub("", "".join(_clean_char(ch) for ch in text))
    text = text.replace("’", "'").replace("‘", "'").lower()
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def words_of(text: str) -> list[str]:
    """The words of a query, in order."""
    return [w.strip("'-") for w in _WORD_RE.findall(text) if w.strip("'-")]


def signals_risk(text: str, phrases: tuple[str, ...] = ()) -> bool:
    """Whether a query suggests someone may be in danger right now.

    `phrases` are literal phrases in other languages, from the content's translation files.
    """
    q = normalise(text)
    return any(re.search(p, q) for p in RISK_PATTERNS) or any(p in q for p in phrases)


class _PrivateRamStorage(RamStorage):
    """An in-memory index whose writer keeps its scratch files in a folder of its own.

    Whoosh names that folder after the index ("MAIN.tmp") in the shared temporary directory, so
    two processes building at once (gunicorn workers, parallel test runs) delete each other's
    files and one of them fails to start.
    """

    def __init__(self):
        super().__init__()
        self.scratch: list[str] = []

    def temp_storage(self, name=None):
        folder = tempfile.mkdtemp(prefix="signpost-index-")
        self.scratch.append(folder)
        return FileStorage(folder).create()

    def remove_scratch(self) -> None:
        """Delete the writer's scratch folders once the index is built."""
        for folder in self.scratch:
            shutil.rmtree(folder, ignore_errors=True)
        self.scratch.clear()


@dataclass(frozen=True)
class Filters:
    """What a search is narrowed to. Empty values mean "any"."""

    age: int | None = None
    areas: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    delivery: tuple[str, ...] = ()
    referral: tuple[str, ...] = ()
    open_now: bool = False
    national_only: bool = False
    age_band: tuple[int, int] | None = None  # "who is looking" without an exact age



@dataclass
class Results:
    """What a search found, in rank order."""

    services: list[Service]
    total: int
    help_now: bool = False
    did_you_mean: str | None = None
    corrected: bool = False  # the results are for did_you_mean because the words found nothing
    needs_seen: tuple[str, ...] = ()


class Index:
    """A searchable index of one content pack."""

    def __init__(self, content: Content):
        self.content = content
        self._local = threading.local()
        self._need_word_list = {need.slug: self._words_for(need) for need in content.needs}
        storage = _PrivateRamStorage()
        self._index = storage.create_index(_schema())
        self._phrases = self._need_phrases()
        self._max_phrase = max((len(k) for k in self._phrases), default=1)
        self._vocabulary = self._build_vocabulary()
        self._known_stems = {stem(w) for w in self._vocabulary}
        self._need_corrector = ListCorrector(sorted(self._need_words()))
        self._corrector = ListCorrector(sorted(self._vocabulary))
        self._risk_phrases = tuple(normalise(p) for phrases in content.risk_phrases.values()
                                   for p in phrases)
        writer = self._index.writer()
        for service in content.services:
            writer.add_document(**self._document(service))
        for page in content.pages:
            writer.add_document(**self._page_document(page))
        writer.commit()
        storage.remove_scratch()

    # ------------------------------------------------------------------ building

    def _need_words(self) -> set[str]:
        out = set()
        for phrases in self._need_word_list.values():
            for phrase, _ in phrases:
                out.update(words_of(phrase))
        return {w for w in out if len(w) > 2}

    @staticmethod
    def _words_for(need) -> list[tuple[str, str]]:
        """(phrase, language) pairs that mean a need."""
        words = [(w, "en") for w in (need.name.lower(), need.slug.replace("-", " "), *need.words)]
        for lang, block in need.translations.items():
            words.append((str(block.get("name", "")).lower(), lang))
            words += [(str(w).lower(), lang) for w in block.get("words", []) or []]
        return [(normalise(w), lang) for w, lang in words if w]

    def _need_phrases(self) -> dict[tuple[str, ...], dict[str, set[str]]]:
        """Stemmed word sequences that mean a need: {phrase: {need: languages}}."""
        phrases: dict[tuple[str, ...], dict[str, set[str]]] = {}
        for slug, words in self._need_word_list.items():
            for phrase, lang in words:
                key = tuple(stem(w) for w in words_of(phrase))
                if key:
                    phrases.setdefault(key, {}).setdefault(slug, set()).add(lang)
        return phrases

    def _build_vocabulary(self) -> set[str]:
        text = []
        for service in self.content.services:
            text += [service.name, service.organization, service.summary]
        words = {w for t in text for w in words_of(normalise(t)) if len(w) > 2}
        return words | self._need_words()

    def _document(self, service: Service) -> dict:
        needs = [self.content.need(n) for n in service.needs]
        need_text = " ".join(" ".join([n.name, n.description, *n.words]) for n in needs if n)
        # Translated need words are not repeated here: the need detection already maps them to
        # the need, which every service with that need is found by.
        return {**_translated_fields(service.translations),
            "kind": "service",
            "slug": service.slug,
            "name": service.name,
            "organization": service.organization,
            "summary": service.summary,
            "description": " ".join([service.description, service.eligibility_description]),
            "needs_text": need_text,
            "needs": " ".join(service.needs),
            "areas": " ".join(service.service_areas),
            "delivery": " ".join(service.delivery),
            "referral": " ".join(service.referral),
            "min_age": service.minimum_age,
            "max_age": service.maximum_age,
            "local": not service.national,
        }

    def _page_document(self, page) -> dict:
        needs = [self.content.need(n) for n in page.needs]
        return {**_translated_fields(page.translations),
            "kind": "page",
            "slug": page.slug,
            "name": page.title,
            "summary": page.summary,
            "description": page.body,
            "needs_text": " ".join(" ".join([n.name, *n.words]) for n in needs if n),
            "needs": " ".join(page.needs),
            "audience": " ".join(page.audience),
        }

    # ------------------------------------------------------------------ querying

    def _searcher(self):
        # One searcher per thread: the index never changes after it is built, but a Whoosh
        # searcher's readers are not safe to share between threads.
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self._local.searcher = self._index.searcher()
        return searcher

    def _need_weights(self, text: str, lang: str | None = None) -> dict[str, int]:
        """Needs the query points to, each with the length of the longest phrase that said so.

        On a page in another language, only that language's words and English ones count: the
        same letters can mean different things in Urdu and Arabic, or Romanian and English.
        """
        allowed = None if lang in (None, "en") else {lang, "en"}
        stems = [stem(w) for w in words_of(normalise(text))]
        found: dict[str, int] = {}
        for size in range(min(self._max_phrase, len(stems)), 0, -1):
            for start in range(len(stems) - size + 1):
                meanings = self._phrases.get(tuple(stems[start:start + size]), {})
                for slug in sorted(meanings):
                    if allowed is None or meanings[slug] & allowed:
                        found.setdefault(slug, size)
        return found

    def suggest(self, text: str) -> str | None:
        """The query with likely misspellings corrected, or None if nothing looks misspelt."""
        words = words_of(normalise(text))
        changed, out = False, []
        for word in words:
            fixed = word
            if len(word) >= 4 and word not in self._vocabulary and stem(word) not in \
                    self._known_stems and not word.isdigit():
                distance = 1 if len(word) < 6 else 2
                for corrector in (self._need_corrector, self._corrector):
                    hits = corrector.suggest(word, limit=1, maxdist=distance, prefix=1)
                    if hits:
                        fixed = hits[0]
                        break
            changed |= fixed != word
            out.append(fixed)
        return " ".join(out) if changed else None

    def _filter_query(self, filters: Filters) -> query.Query:
        parts: list[query.Query] = [query.Term("kind", "service")]
        if filters.age is not None:
            parts.append(query.NumericRange("min_age", None, filters.age))
            parts.append(query.NumericRange("max_age", filters.age, None))
        elif filters.age_band:
            parts.append(query.NumericRange("min_age", None, filters.age_band[1]))
            parts.append(query.NumericRange("max_age", filters.age_band[0], None))
        if filters.national_only:
            parts.append(query.Term("areas", NATIONAL))
        elif filters.areas:
            parts.append(query.Or([query.Term("areas", a) for a in (*filters.areas, NATIONAL)]))
        for name, values in (("needs", filters.needs), ("delivery", filters.delivery),
                             ("referral", filters.referral)):
            if values:
                parts.append(query.Or([query.Term(name, v) for v in values]))
        return query.And(parts)

    def _text_query(self, text: str, needs: dict[str, int], lang: str | None = None
                    ) -> query.Query | None:
        terms = []
        # Bare numbers ("I'm 17") are ages, which the age filter handles; as words they would
        # match any summary that mentions a number.
        tokens = [t.text for t in _analyzer(text) if not t.text.isdigit()][:MAX_WORDS]
        for token in dict.fromkeys(tokens):
            for name, boost in FIELD_BOOSTS.items():
                if name != "translated":
                    terms.append(query.Term(name, token, boost=boost))
        # Translated text counts only on a page in its language: the same letters mean different
        # things in different languages, and proper names kept in English would count twice.
        if lang not in (None, "en"):
            for word in dict.fromkeys(w for w in words_of(text)[:MAX_WORDS] if not w.isdigit()):
                terms.append(query.Term(f"lang_{lang}", word, boost=FIELD_BOOSTS["translated"]))
        # A need named in everyday words outweighs a word that merely appears in a name, and a
        # longer phrase ("worried about my child") outweighs a shorter one inside it ("worried").
        for slug, size in needs.items():
            need = self.content.need(slug)
            weight = CONTEXT_WEIGHT if need is not None and need.context else 1.0
            terms.append(query.Term("needs", slug, boost=NEED_BOOST * (1 + size) * weight))
        return query.Or(terms) if terms else None

    def _run(self, text: str, filters: Filters, when: dt.datetime | None, lang: str | None):
        needs = self._need_weights(text, lang)
        searcher = self._searcher()
        text_query = self._text_query(normalise(text), needs, lang)
        filter_query = self._filter_query(filters)
        if text_query is None:
            hits = searcher.search(filter_query, limit=None, scored=False)
            ranked = [(0.0, hit["slug"]) for hit in hits]
        else:
            hits = searcher.search(text_query, filter=filter_query, limit=None)
            ranked = [(hit.score, hit["slug"]) for hit in hits]
        found = []
        for score, slug in ranked:
            service = self.content.service(slug)
            if filters.open_now and not service.is_open(when):
                continue
            found.append((score * (1.0 if service.national else LOCAL_BOOST), service))
        found.sort(key=lambda pair: (-pair[0], pair[1].national, pair[1].name.lower()))
        return found, tuple(needs)

    def search_pages(self, text: str = "", needs: tuple[str, ...] = (),
                     audience: str | None = None, limit: int = 3, lang: str | None = None) -> list:
        """Self-help pages for the words or needs, best first (audience-matching pages first)."""
        text = normalise(text)
        weights = self._need_weights(text, lang) if text else {}
        for slug in needs:
            weights.setdefault(slug, 1)
        text_query = self._text_query(text, weights, lang)
        if text_query is None:
            return []
        hits = self._searcher().search(text_query, filter=query.Term("kind", "page"), limit=None)
        ranked = []
        for hit in hits:
            page = self.content.page(hit["slug"])
            fits = audience is None or audience in page.audience
            ranked.append((not fits, -hit.score, page.title, page))
        return [r[-1] for r in sorted(ranked, key=lambda r: r[:3])][:limit]

    def search(self, text: str = "", filters: Filters | None = None,
               when: dt.datetime | None = None, lang: str | None = None) -> Results:
        """Services matching free text and filters, best first; never raises on odd input.

        `lang` is the language of the page searched from (None: words of every language count).
        """
        filters = filters or Filters()
        text = normalise(text)
        found, needs = self._run(text, filters, when, lang)
        suggestion = self.suggest(text) if text else None
        corrected = False
        if not found and suggestion:
            found, needs = self._run(suggestion, filters, when, lang)
            corrected = bool(found)
        return Results(
            services=[s for _, s in found], total=len(found),
            help_now=signals_risk(text, self._risk_phrases),
            did_you_mean=suggestion, corrected=corrected, needs_seen=needs,
        )


def _schema() -> fields.Schema:
    text = dict(analyzer=StemmingAnalyzer(), stored=False)
    schema = fields.Schema(
        kind=fields.ID(),
        audience=fields.KEYWORD(),
        slug=fields.ID(stored=True, unique=True),
        name=fields.TEXT(**text),
        organization=fields.TEXT(**text),
        summary=fields.TEXT(**text),
        description=fields.TEXT(**text),
        needs_text=fields.TEXT(**text),
        needs=fields.KEYWORD(),
        areas=fields.KEYWORD(),
        delivery=fields.KEYWORD(),
        referral=fields.KEYWORD(),
        min_age=fields.NUMERIC(int),
        max_age=fields.NUMERIC(int),
        local=fields.BOOLEAN(),
    )
    schema.add("lang_*", fields.TEXT(analyzer=_plain_analyzer()), glob=True)
    return schema


def _translated_fields(translations: dict) -> dict[str, str]:
    """One field per language of an item's translated text: lang_pl, lang_ur, ..."""
    out = {}
    for lang, block in translations.items():
        texts = [x for v in block.values()
                 for x in (v if isinstance(v, list | tuple) else [v]) if isinstance(x, str)]
        if texts and re.fullmatch(r"[a-z]{2,3}", lang):
            out[f"lang_{lang}"] = " ".join(texts)
    return out


def _plain_analyzer():
    from whoosh.analysis import LowercaseFilter, RegexTokenizer
    return RegexTokenizer(WORD_PATTERN) | LowercaseFilter()
