"""Search the directory: a Whoosh index built once from the content, queried many times.

This is the only module that imports Whoosh.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from whoosh import fields, scoring
from whoosh import index as whoosh_index
from whoosh.analysis import StemmingAnalyzer
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.spelling import ListCorrector

from .content import NATIONAL, Content, Service
from .file_walk import metadata_digest
from .kept import Kept
from .normalise import WORD_RE, PhraseTable, fold, stem, words
from .risk import Risk, RiskDetector
from .service_languages import offered_in

MAX_QUERY_CHARS = 200
MAX_WORDS = 12
NEED_BOOST = 8.0
CONTEXT_WEIGHT = 0.5  # needs like "school" or "parenting" that say where or who, not what
LOCAL_BOOST = 1.25  # local services outrank national ones of similar relevance
FIELD_BOOSTS = {"name": 3.0, "needs_text": 2.5, "summary": 2.0, "organization": 1.5,
                "description": 1.0, "translated": 1.5}

RISK_WEIGHT = 6  # a need a risky query points to counts like a six-word phrase naming it
RISK_TOP = 5  # a risky query always has a service for its risk within this many results
# The best first step for who is asking (see rank_factor).
YOUNG_AUDIENCES = ("children", "teens", "young-adults")
PARENT_ONLY_FACTOR = 0.35  # a line only parents can use, for a young person asking
SELF_REFERRAL_FACTOR = 1.2  # one a young person can contact themselves
PARENT_LINE_FACTOR = 1.3  # one for parents, for a parent asking
URGENT_FACTOR = 0.6  # crisis routes follow the first step, unless the words signal risk
AGE_FIT_FACTOR = 0.15  # a service made for a narrow age range around the age asked about
# Words of someone asking about themselves, and of a parent asking about their child (English;
# in other languages the page's audience says who is asking).
FIRST_PERSON = frozenset({"i", "im", "me", "my", "myself", "ive", "id", "ill", "mine"})
CHILD_WORDS = frozenset({"son", "sons", "daughter", "daughters", "child", "children", "kid",
                         "kids", "teenager", "teenagers", "stepson", "stepdaughter", "grandson",
                         "granddaughter", "toddler", "pupil", "pupils"})

_analyzer = StemmingAnalyzer()


def normalise(text: str) -> str:
    """A query as the index reads it: folded (see directory.normalise) and capped in length."""
    return fold(text)[:MAX_QUERY_CHARS]


def _whole(text: str) -> str:
    """Content text as the index reads it: folded like queries, but never cut short."""
    return " ".join(_fold_word(w) for w in text.split())


@lru_cache(maxsize=200_000)
def _fold_word(word: str) -> str:
    # Content repeats its words many times over (and in eight languages): fold each once.
    return fold(word, limit=None)


def words_of(text: str) -> list[str]:
    """The words of a query, in order."""
    return words(normalise(text))


def signals_risk(text: str, detector: RiskDetector) -> bool:
    """Whether a query suggests someone may be in danger right now."""
    return detector.detect(text) is not None


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
    language: str = ""  # only services someone can use in this language



@dataclass
class Results:
    """What a search found, in rank order."""

    services: list[Service]
    total: int
    help_now: bool = False
    did_you_mean: str | None = None
    corrected: bool = False  # the results are for did_you_mean because the words found nothing
    needs_seen: tuple[str, ...] = ()
    risk: Risk | None = None  # what made help_now true


# Terms whose scored postings are kept in memory (words, not who typed them): a term of the
# bundled pack is a few hundred bytes, of a 10,000-service pack up to about 200 KB.
POSTINGS_KEPT = 2000
FINGERPRINT_FILE = "signpost-content.sha256"
TABLES_FILE = "signpost-tables.pickle"
WORD_TABLES = ("_need_word_list", "_phrases", "_vocabulary", "_known_stems", "_need_correctors",
               "_corrector")
INDEX_TABLES = ("_slugs", "_docs", "_lengths", "_ages")
FILTER_FIELDS = ("kind", "needs", "areas", "delivery", "referral")
INDEX_FORMAT = "1"  # change when the schema or the documents change shape


def content_fingerprint(content: Content) -> str:
    """A hash of every file of the pack (name, size, time changed) and of this code.

    Cheap at any size (file metadata only), and different whenever an editor changes a file, so
    a prebuilt index is never used with content it was not built from.
    """
    # This module's own bytes too: a new release may index the same files differently.
    digest = hashlib.sha256(INDEX_FORMAT.encode() + Path(__file__).read_bytes())
    metadata_digest(digest, content.root)
    return digest.hexdigest()


def prebuilt_is_current(content: Content, directory: str | Path) -> bool:
    """Whether `directory` holds an index built from exactly this content."""
    stamp = Path(directory) / FINGERPRINT_FILE
    return stamp.is_file() and stamp.read_text().strip() == content_fingerprint(content) and \
        whoosh_index.exists_in(str(directory))


def _read_tables(directory: str | Path) -> dict | None:
    """The tables a prebuilt index was built with; None when missing or unreadable."""
    try:
        with (Path(directory) / TABLES_FILE).open("rb") as source:
            tables = pickle.load(source)
    except Exception:  # missing, cut short, or from other code: work them out again instead
        return None
    if not isinstance(tables, dict) or not all(name in tables for name in WORD_TABLES):
        return None
    return tables


class _LengthsBM25F(scoring.BM25F):
    """Whoosh's BM25F, reading each document's field length from a list made once.

    Whoosh decodes the length from the index's length column for every posting it scores: most
    of the time a search takes. The lists hold the very same values (see Index._index_tables).
    """

    def __init__(self, lengths: dict[str, list]):
        super().__init__()
        self._lengths = lengths

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        lengths = self._lengths.get(fieldname)
        if isinstance(scorer, scoring.BM25FScorer) and lengths is not None and \
                searcher.is_atomic() and searcher.doc_count_all() == len(lengths):
            scorer.dfl = lengths.__getitem__
        return scorer


class Index:
    """A searchable index of one content pack.

    With `directory`, the Whoosh index lives on disk: opened read-only when it was built from
    this content (`flask search build`, once, before the workers start), else built there first.
    Without it, the index is built in memory.
    """

    def __init__(self, content: Content, directory: str | Path | None = None):
        self.content = content
        self._local = threading.local()
        self.risk = RiskDetector(content)
        self.prebuilt = directory is not None and prebuilt_is_current(content, directory)
        # A prebuilt index carries the tables worked out from the content and the index when
        # it was built, so a worker opening it does none of that work again.
        tables = _read_tables(directory) if self.prebuilt else None
        self._set_tables(tables or self._word_tables())
        if directory is None:
            storage = _PrivateRamStorage()
            self._index = storage.create_index(_schema())
            self._write_documents(self._index)
            storage.remove_scratch()
        else:
            if not self.prebuilt:
                self.build(directory)
            self._index = FileStorage(str(directory), readonly=True).open_index()
        if tables is None or not all(name in tables for name in INDEX_TABLES):
            self._set_tables(self._index_tables(self._index))
        self._weighting = _LengthsBM25F(self._lengths)
        self._age_docs: dict[tuple[int, int], frozenset[int]] = {}
        self._postings = Kept(POSTINGS_KEPT)
        self._corrections = Kept(POSTINGS_KEPT)
        self._services = [content.service(slug) if slug else None for slug in self._slugs]
        self._tiebreak = {s.slug: (s.national, s.name.lower()) for s in content.services}
        self._factors: dict[tuple, float] = {}

    def _word_tables(self) -> dict:
        """Need phrases, vocabulary and spelling correctors, from the content."""
        need_word_list = {need.slug: self._words_for(need) for need in self.content.needs}
        phrases = PhraseTable()
        for slug, pairs in need_word_list.items():
            for phrase, lang in pairs:
                phrases.add(phrase, (slug, lang))
        self._need_word_list = need_word_list
        vocabulary = self._build_vocabulary()
        return {
            "_need_word_list": need_word_list,
            "_phrases": phrases,
            "_vocabulary": vocabulary,
            "_known_stems": {stem(w) for w in vocabulary},
            "_need_correctors": {
                lang: ListCorrector(sorted(self._need_words({lang, "en"})))
                for lang in {lang for p in need_word_list.values() for _, lang in p}},
            # Corrections come from the names and summaries of services and the need words of
            # the page's language and English only: "hair" must not become a word of another
            # language.
            "_corrector": ListCorrector(sorted(vocabulary - self._need_words()
                                               | self._need_words({"en"}))),
        }

    def _index_tables(self, index) -> dict:
        """What each search would otherwise read from the index again: every document's slug,
        the documents of each filter value, field lengths for scoring, services' ages."""
        with index.searcher() as searcher:
            reader = searcher.reader()
            count = reader.doc_count_all()
            slugs: list[str | None] = [None] * count
            for docnum, stored in reader.iter_docs():
                slugs[docnum] = stored.get("slug")
            docs = {}
            for name in FILTER_FIELDS:
                if name in reader.indexed_field_names():
                    for value in reader.lexicon(name):
                        docs[(name, value.decode("utf-8"))] = frozenset(
                            reader.postings(name, value).all_ids())
            lengths = {}
            for name in reader.indexed_field_names():
                if name in index.schema and index.schema[name].scorable:
                    lengths[name] = [reader.doc_field_length(d, name, 1) for d in range(count)]
        ages = []
        for docnum in sorted(docs.get(("kind", "service"), ())):
            service = self.content.service(slugs[docnum])
            if service is not None:
                ages.append((docnum, service.minimum_age, service.maximum_age))
        return {"_slugs": slugs, "_docs": docs, "_lengths": lengths, "_ages": ages}

    def _set_tables(self, tables: dict) -> None:
        for name, value in tables.items():
            setattr(self, name, value)

    def close(self) -> None:
        """Close this thread's searcher and the index's files (the process keeps them otherwise)."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None:
            searcher.close()
            self._local.searcher = None
        self._index.close()

    def build(self, directory: str | Path) -> None:
        """Write this content's index into `directory`, replacing what was there at once."""
        target = Path(directory)
        target.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=target.name + ".new-", dir=target.parent))
        try:
            index = FileStorage(str(fresh)).create().create_index(_schema())
            self._write_documents(index)
            tables = {**{name: getattr(self, name) for name in WORD_TABLES},
                      **self._index_tables(index)}
            index.close()
            with (fresh / TABLES_FILE).open("wb") as out:
                pickle.dump(tables, out, protocol=pickle.HIGHEST_PROTOCOL)
            (fresh / FINGERPRINT_FILE).write_text(content_fingerprint(self.content) + "\n")
            fresh.chmod(0o755)
            old = target.parent / (target.name + f".old-{os.getpid()}")
            if target.exists():
                target.rename(old)
            fresh.rename(target)  # workers opening it see the old index or the new, never half
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(fresh, ignore_errors=True)

    def _write_documents(self, index) -> None:
        writer = index.writer()
        for service in self.content.services:
            writer.add_document(**self._document(service))
        for page in self.content.pages:
            writer.add_document(**self._page_document(page))
        writer.commit()

    # ------------------------------------------------------------------ building

    def _need_words(self, langs: set[str] | None = None) -> set[str]:
        out = set()
        for phrases in self._need_word_list.values():
            for phrase, lang in phrases:
                if langs is None or lang in langs:
                    out.update(words(phrase))
        return {w for w in out if len(w) > 2}

    @staticmethod
    def _words_for(need) -> list[tuple[str, str]]:
        """(phrase, language) pairs that mean a need."""
        found = [(w, "en") for w in (need.name, need.slug.replace("-", " "), *need.words)]
        for lang, block in need.translations.items():
            found.append((str(block.get("name", "")), lang))
            found += [(str(w), lang) for w in block.get("words", []) or []]
        return [(normalise(w), lang) for w, lang in found if w and normalise(w)]

    def _build_vocabulary(self) -> set[str]:
        text = []
        for service in self.content.services:
            text += [service.name, service.organization, service.summary]
        found = {w for t in text for w in words_of(t) if len(w) > 2}
        return found | self._need_words()

    def _document(self, service: Service) -> dict:
        needs = [self.content.need(n) for n in service.needs]
        need_text = " ".join(" ".join([n.name, n.description, *n.words]) for n in needs if n)
        # Translated need words are not repeated here: the need detection already maps them to
        # the need, which every service with that need is found by.
        return {**_translated_fields(service.translations),
            "kind": "service",
            "slug": service.slug,
            "name": _whole(service.name),
            "organization": _whole(service.organization),
            "summary": _whole(service.summary),
            "description": _whole(" ".join([service.description,
                                          service.eligibility_description])),
            "needs_text": _whole(need_text),
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
            "name": _whole(page.title),
            "summary": _whole(page.summary),
            "description": _whole(page.body),
            "needs_text": _whole(" ".join(" ".join([n.name, *n.words]) for n in needs if n)),
            "needs": " ".join(page.needs),
            "audience": " ".join(page.audience),
        }

    # ------------------------------------------------------------------ querying

    def _searcher(self):
        # One searcher per thread: the index never changes after it is built, but a Whoosh
        # searcher's readers are not safe to share between threads.
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self._local.searcher = self._index.searcher(weighting=self._weighting)
        return searcher

    def _need_weights(self, text: str, lang: str | None = None) -> dict[str, int]:
        """Needs the query points to, each with the length of the longest phrase that said so.

        On a page in another language, only that language's words and English ones count: the
        same letters can mean different things in Urdu and Arabic, or Romanian and English.
        """
        allowed = None if lang in (None, "en") else {lang, "en"}
        found: dict[str, int] = {}
        matches = self._phrases.find(normalise(text), folded=True)
        # Longest first: words inside a longer phrase ("panic" in "atak paniki") don't count
        # for another need.
        covered: set[int] = set()
        for start, end, (slug, phrase_lang), size, _ in sorted(
                matches, key=lambda m: (-(m[1] - m[0]), m[0])):
            if allowed is not None and phrase_lang not in allowed:
                continue
            span = set(range(start, end))
            if span <= covered and slug not in found:
                continue
            covered |= span
            found[slug] = max(found.get(slug, 0), size)
        for slug in list(found):
            need = self.content.need(slug)
            if found[slug] == 1 and need is not None and set(need.give_way_to) & set(found):
                del found[slug]
        return found

    def risk_of(self, text: str) -> Risk | None:
        """What a query signals about danger now (any language), or None."""
        return self.risk.detect(text)

    def suggest(self, text: str, lang: str | None = None) -> str | None:
        """The query with likely misspellings corrected, or None if nothing looks misspelt.

        A word is only corrected into words of the page's language or English, and never into
        a word of a different need from the one the query already points to.
        """
        changed, out = False, []
        for word in words_of(text):
            fixed = self._corrected(word, lang)
            changed |= fixed != word
            out.append(fixed)
        if not changed:
            return None
        suggestion = " ".join(out)
        before = set(self._need_weights(text, lang))
        after = set(self._need_weights(suggestion, lang))
        if before and not after <= before:
            return None  # a correction that changes what the query is about is no correction
        return suggestion

    def _corrected(self, word: str, lang: str | None) -> str:
        """One word, corrected into a known word of the page's language or English if misspelt.

        Each correction walks a Levenshtein automaton over the vocabulary (about a millisecond),
        so corrections are kept like postings: words only, in memory.
        """
        if len(word) < 4 or word in self._vocabulary or word.isdigit() or \
                stem(word) in self._known_stems:
            return word
        key = (lang or "en", word)
        fixed = self._corrections.get(key)
        if fixed is None:
            fixed = word
            corrector = self._need_correctors.get(lang or "en", self._need_correctors["en"])
            distance = 1 if len(word) < 6 else 2
            for source in (corrector, self._corrector):
                hits = source.suggest(word, limit=1, maxdist=distance, prefix=1)
                if hits:
                    fixed = hits[0]
                    break
            self._corrections.put(key, fixed)
        return fixed

    def _filter_docs(self, filters: Filters) -> frozenset[int]:
        """The services a search is narrowed to, as document numbers (from sets made once)."""
        docs = self._docs
        none: frozenset[int] = frozenset()
        parts = [docs.get(("kind", "service"), none)]
        if filters.age is not None:
            parts.append(self._ages_docs(filters.age, filters.age))
        elif filters.age_band:
            parts.append(self._ages_docs(filters.age_band[1], filters.age_band[0]))
        if filters.national_only:
            parts.append(docs.get(("areas", NATIONAL), none))
        elif filters.areas:
            parts.append(_union(docs.get(("areas", a), none) for a in (*filters.areas, NATIONAL)))
        for name, values in (("needs", filters.needs), ("delivery", filters.delivery),
                             ("referral", filters.referral)):
            if values:
                parts.append(_union(docs.get((name, v), none) for v in values))
        parts.sort(key=len)
        return parts[0].intersection(*parts[1:])

    def _ages_docs(self, youngest_at_most: int, oldest_at_least: int) -> frozenset[int]:
        """Services whose minimum age is at most the first and maximum at least the second."""
        key = (youngest_at_most, oldest_at_least)
        found = self._age_docs.get(key)
        if found is None:
            found = frozenset(d for d, low, high in self._ages
                              if low <= youngest_at_most and high >= oldest_at_least)
            if len(self._age_docs) < 1000:  # ages people type are few; never grow without end
                self._age_docs[key] = found
        return found

    def _text_terms(self, text: str, needs: dict[str, int], lang: str | None = None
                    ) -> list[tuple[str, str, float]]:
        """(field, word, boost) of each term a search adds up, in order."""
        terms = []
        # Bare numbers ("I'm 17") are ages, which the age filter handles; as words they would
        # match any summary that mentions a number.
        tokens = [t.text for t in _analyzer(text) if not t.text.isdigit()][:MAX_WORDS]
        for token in dict.fromkeys(tokens):
            for name, boost in FIELD_BOOSTS.items():
                if name != "translated":
                    terms.append((name, token, boost))
        # Translated text counts only on a page in its language: the same letters mean different
        # things in different languages, and proper names kept in English would count twice.
        if lang not in (None, "en"):
            for word in dict.fromkeys(w for w in words(text)[:MAX_WORDS] if not w.isdigit()):
                terms.append((f"lang_{lang}", word, FIELD_BOOSTS["translated"]))
        # A need named in everyday words outweighs a word that merely appears in a name, and a
        # longer phrase ("worried about my child") outweighs a shorter one inside it ("worried").
        for slug, size in needs.items():
            need = self.content.need(slug)
            weight = CONTEXT_WEIGHT if need is not None and need.context else 1.0
            terms.append(("needs", slug, NEED_BOOST * (1 + size) * weight))
        return terms

    def _hits(self, terms: list[tuple[str, str, float]], allowed) -> list[tuple[float, int]]:
        """(score, document) of every allowed document any term is in, best first.

        What Whoosh's search for an Or of boosted terms gives (BM25F per term, times its boost,
        added up term by term; ties in document order), from postings scored once per term.
        """
        totals: dict[int, float] = {}
        get = totals.get
        for name, word, boost in terms:
            docs, scores = self._scored_postings(name, word)
            if boost == 1.0:
                for docnum, score in zip(docs, scores, strict=True):
                    totals[docnum] = get(docnum, 0.0) + score
            else:
                for docnum, score in zip(docs, scores, strict=True):
                    totals[docnum] = get(docnum, 0.0) + score * boost
        hits = [(score, docnum) for docnum, score in totals.items()
                if score > 0 and docnum in allowed]
        hits.sort(key=lambda hit: (-hit[0], hit[1]))
        return hits

    def _scored_postings(self, name: str, word: str) -> tuple[tuple[int, ...], tuple[float, ...]]:
        """The documents a term is in, and its BM25F score in each: the same every search."""
        key = (name, word)
        found = self._postings.get(key)
        if found is None:
            found = self._read_postings(name, word)
            self._postings.put(key, found)
        return found

    def _read_postings(self, name: str, word: str) -> tuple[tuple[int, ...], tuple[float, ...]]:
        searcher = self._searcher()
        if name not in searcher.schema:
            return (), ()
        try:
            text = searcher.schema[name].to_bytes(word)
        except ValueError:
            return (), ()
        if (name, text) not in searcher.reader():
            return (), ()
        matcher = searcher.postings(name, text, weighting=self._weighting)
        docs, scores = [], []
        while matcher.is_active():
            docs.append(matcher.id())
            scores.append(matcher.score())
            matcher.next()
        return tuple(docs), tuple(scores)


    def _run(self, text: str, filters: Filters, when: dt.datetime | None, lang: str | None,
             risk: Risk | None = None, audience: str | None = None):
        needs = self._need_weights(text, lang)
        asker = who_is_asking(text, audience, filters)
        if asker == "young":
            needs.pop("parenting", None)  # "i can't tell my parents" is not a parent asking
        # Risk puts its needs first, unless the words also name something else ("my gran died
        # and i can't cope"): then that comes first, with a service for the risk in the top five
        # (and the help-now box above them all).
        rest = " ".join(w for i, w in enumerate(words(text)) if i not in risk.words) if risk else ""
        others = [size for slug, size in self._need_weights(rest, lang).items()
                  if slug not in risk.needs and not self.content.need(slug).context] if risk else []
        for slug in risk.needs if risk and not others else ():
            needs[slug] = max(needs.get(slug, 0), RISK_WEIGHT)
        terms = self._text_terms(text, needs, lang)
        allowed = self._filter_docs(filters)
        services = self._services
        if not terms:
            ranked = [(need_focus(services[d], filters.needs), d) for d in sorted(allowed)]
        else:
            ranked = self._hits(terms, allowed)
        found = []
        factors = self._factors
        factor_key = (asker, filters.age is not None, risk is not None)
        for score, docnum in ranked:
            service = services[docnum]
            if filters.open_now and not service.is_open(when):
                continue
            if filters.language and not offered_in(service, filters.language):
                continue
            factor = factors.get((docnum, *factor_key))
            if factor is None:  # the same for every search by the same kind of asker
                factor = rank_factor(service, asker, filters.age, risk is not None)
                factor *= 1.0 if service.national else LOCAL_BOOST
                factors[(docnum, *factor_key)] = factor
            found.append((score * factor, service))
        order = self._tiebreak
        found.sort(key=lambda pair: (-pair[0], order[pair[1].slug]))
        main_need = (risk.needs[0] if risk else None) or (
            max(needs, key=lambda n: needs[n]) if needs else None) or (
            filters.needs[0] if len(filters.needs) == 1 else None)
        need = self.content.need(main_need) if main_need else None
        if need is not None and need.first_steps:
            order = {slug: i for i, slug in enumerate(need.first_steps)}
            found.sort(key=lambda pair: order.get(pair[1].slug, len(order)))  # stable
        if risk:
            _keep_in_top(found, lambda s: bool(set(risk.needs) & set(s.needs)), RISK_TOP)
        return found, tuple(needs)

    def search_pages(self, text: str = "", needs: tuple[str, ...] = (),
                     audience: str | None = None, limit: int = 3, lang: str | None = None) -> list:
        """Self-help pages for the words or needs, best first (audience-matching pages first)."""
        text = normalise(text)
        weights = self._need_weights(text, lang) if text else {}
        for slug in needs:
            weights.setdefault(slug, 1)
        terms = self._text_terms(text, weights, lang)
        if not terms:
            return []
        ranked = []
        for score, docnum in self._hits(terms, self._docs.get(("kind", "page"), ())):
            page = self.content.page(self._slugs[docnum])
            fits = audience is None or audience in page.audience
            ranked.append((not fits, -score, page.title, page))
        return [r[-1] for r in sorted(ranked, key=lambda r: r[:3])][:limit]

    def search(self, text: str = "", filters: Filters | None = None,
               when: dt.datetime | None = None, lang: str | None = None,
               audience: str | None = None) -> Results:
        """Services matching free text and filters, best first; never raises on odd input.

        `lang` is the language of the page searched from (None: words of every language count);
        `audience` is who is looking (?for=), which changes what counts as the best first step.
        Risk is looked for in every language: someone in danger may type in any of them.
        """
        filters = filters or Filters()
        text = normalise(text)
        suggestion = self.suggest(text, lang) if text else None
        risk = self.risk.detect(text)
        if risk is None and suggestion and self.risk.detect(text, exceptions=False) is None:
            risk = self.risk.detect(suggestion)  # "suicdal": the correction is the risk word
        found, needs = self._run(text, filters, when, lang, risk, audience)
        corrected = False
        if not found and suggestion:
            found, needs = self._run(suggestion, filters, when, lang, risk, audience)
            corrected = bool(found)
        return Results(
            services=[s for _, s in found], total=len(found), help_now=risk is not None,
            did_you_mean=suggestion, corrected=corrected, needs_seen=needs, risk=risk,
        )


def _union(sets) -> frozenset[int]:
    return frozenset().union(*sets)


def who_is_asking(text: str, audience: str | None, filters: Filters | None = None) -> str | None:
    """"young" for a young person asking about themselves, "parent" for a parent, or None."""
    if audience in YOUNG_AUDIENCES:
        return "young"
    if audience == "parents":
        return "parent"
    tokens = set(words(text))
    if tokens & CHILD_WORDS:
        return "parent"
    if tokens & FIRST_PERSON or (filters is not None and filters.age_band is not None):
        return "young"
    return None


def need_focus(service: Service, needs: tuple[str, ...]) -> float:
    """How central the needs browsed are to a service: its first listed need counts most."""
    if not needs:
        return 1.0
    places = [service.needs.index(n) for n in needs if n in service.needs]
    if not places:
        return 0.5
    return 1.0 / (1 + 0.25 * min(places)) + 0.5 / len(service.needs)


def rank_factor(service: Service, asker: str | None, age: int | None, risky: bool) -> float:
    """How much a service's relevance counts for who is asking: the best first step first.

    A young person first sees services they can contact themselves, not lines only parents can
    use; a parent sees parents' lines; crisis routes follow unless the words signal risk; a
    service made for a narrow age range around the age asked about comes a little before one
    for everyone.
    """
    factor = 1.0
    referral = set(service.referral)
    if asker == "young":
        if referral and referral <= {"parent-or-carer"}:
            factor *= PARENT_ONLY_FACTOR
        elif "self-referral" in referral:
            factor *= SELF_REFERRAL_FACTOR
    elif asker == "parent" and ("parent-or-carer" in referral or "parenting" in service.needs):
        factor *= PARENT_LINE_FACTOR
    if getattr(service, "urgent", False) and not risky:
        factor *= URGENT_FACTOR
    if age is not None:
        span = max(0, service.maximum_age - service.minimum_age)
        factor *= 1 + AGE_FIT_FACTOR * max(0.0, 1 - span / 25)
    return factor


def _keep_in_top(found: list, wanted, top: int) -> None:
    """Make sure one item the test `wanted` accepts is within the first `top` (moving the best)."""
    if any(wanted(s) for _, s in found[:top]):
        return
    for i, (_score, service) in enumerate(found):
        if wanted(service):
            found.insert(top - 1, found.pop(i))
            return


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


# Translated fields that are searched, as in English: what a service or page is and who it is
# for. Steps, hours and whole page bodies would make the index several times slower to build.
SEARCHED_TRANSLATIONS = ("name", "title", "summary", "description", "eligibility_description")


def _translated_fields(translations: dict) -> dict[str, str]:
    """One field per language of an item's translated text: lang_pl, lang_ur, ..."""
    out = {}
    for lang, block in translations.items():
        texts = [block[k] for k in SEARCHED_TRANSLATIONS if isinstance(block.get(k), str)]
        if texts and re.fullmatch(r"[a-z]{2,3}", lang):
            out[f"lang_{lang}"] = _whole(" ".join(texts))
    return out


def _plain_analyzer():
    from whoosh.analysis import LowercaseFilter, RegexTokenizer
    return RegexTokenizer(WORD_RE.pattern) | LowercaseFilter()
