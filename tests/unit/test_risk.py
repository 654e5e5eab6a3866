"""Risk detection's own rules, exactly, over a small pack made here (no app, no index).

tests/unit/test_search.py checks the real pack's phrasings in every language; this checks which
phrases count, for which needs, in what order, when a not-risk word cancels one, and what the
content check says when a language or phrase would let a risky search through.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from directory.content import Need, Problem, load_content
from directory.risk import Risk, RiskDetector, check, risk_words
from tests.conftest import FIXTURE

SELF_HARM = Need(
    slug="self-harm", name="Self-harm", description="", words=("cutting", "hurt myself"),
    risk_phrases=("bleeding out",), not_risk=("hair",),
    translations={"pl": {"name": "Samookaleczenie", "words": ["tnę się", ""],
                         "risk_phrases": ["żyletka"], "not_risk": ["włosy"]}})
SUICIDE = Need(
    slug="suicidal-thoughts", name="Thoughts of suicide", description="",
    words=("kill myself", "want ... die"), translations={"ro": {"words": ["sinucid*"]}})
GRIEF = Need(
    slug="bereavement", name="Grief", description="", words=("died",),
    risk_phrases=("join them", "unbearable"), not_risk=("plants",),
    translations={"pl": {"risk_phrases": ["dołączyć do niej"]}})
SLEEP = Need(slug="sleep", name="Sleep", description="", words=("tired",))


@pytest.fixture(scope="module")
def pack():
    """The fixture pack with the needs and language-wide phrases above."""
    content = load_content(FIXTURE, log_problems=False)
    return replace(content, needs=(SELF_HARM, SUICIDE, GRIEF, SLEEP),
                   site=replace(content.site, languages=("en", "pl", "ro", "so")),
                   risk_phrases={"en": ("no way out", "join them", "hopeless"),
                                 "so": ("is dil*",)})


@pytest.fixture()
def detector(pack):
    # Built for each test (it takes milliseconds), so that mutation testing, which maps each
    # function to the tests that call it, links the detector's rules to every test here.
    return RiskDetector(pack)


def test_risk_words_by_language(pack):
    assert risk_words(pack) == {
        "en": [("Self-harm", "self-harm"), ("cutting", "self-harm"), ("hurt myself", "self-harm"),
               ("bleeding out", "self-harm"), ("Thoughts of suicide", "suicidal-thoughts"),
               ("kill myself", "suicidal-thoughts"), ("want ... die", "suicidal-thoughts"),
               ("join them", "bereavement"), ("unbearable", "bereavement"),
               ("no way out", None), ("hopeless", None)],
        "pl": [("Samookaleczenie", "self-harm"), ("tnę się", "self-harm"),
               ("żyletka", "self-harm"), ("dołączyć do niej", "bereavement")],
        "ro": [("sinucid*", "suicidal-thoughts")],
        "so": [("is dil*", None)],
    }


@pytest.mark.parametrize("text", ["", "   ", "!!!", "i am tired", "my gran died"])
def test_no_risk(detector, text):
    assert detector.detect(text) is None


@pytest.mark.parametrize("text, risk", [
    ("i keep Cutting", Risk(("self-harm",), ("cutting",), (2,))),
    ("cutting and cutting", Risk(("self-harm",), ("cutting",), (0, 2))),
    ("I want to DIE", Risk(("suicidal-thoughts",), ("want ... die",), (1, 2, 3))),
    ("ciągle tnę się", Risk(("self-harm",), ("tnę się",), (1, 2))),
    ("gânduri sinucidere", Risk(("suicidal-thoughts",), ("sinucid*",), (1,))),
    ("waan is dilayaa", Risk(("self-harm", "suicidal-thoughts"), ("is dil*",), (1, 2))),
    # A phrase filed under no need points to both risk needs, alphabetically on a tie.
    ("there is no way out", Risk(("self-harm", "suicidal-thoughts"), ("no way out",),
                                 (2, 3, 4))),
    # The longer phrase comes first; on a tie the risk need comes before another need.
    ("join them hurt myself", Risk(("self-harm", "bereavement"), ("join them", "hurt myself"),
                                   (0, 1, 2, 3))),
])
def test_risk_found(detector, text, risk):
    assert detector.detect(text) == risk


def test_a_cancelled_word_does_not_hide_what_follows(detector):
    assert detector.detect("cutting my hair kill myself") == Risk(
        ("suicidal-thoughts",), ("kill myself",), (3, 4))


def test_a_need_keeps_its_longest_phrase_weight(detector):
    # self-harm is named by a two-word phrase, then a one-word one: it still weighs two, so it
    # ties with bereavement's two-word phrase and, as a risk need, comes first.
    assert detector.detect("bleeding out cutting join them").needs == ("self-harm", "bereavement")


def test_the_strongest_need_comes_first(detector):
    risk = detector.detect("bleeding out and unbearable")
    assert risk.needs == ("self-harm", "bereavement")
    assert risk.phrases == ("bleeding out", "unbearable") and risk.words == (0, 1, 3)


@pytest.mark.parametrize("text", [
    "cutting my hair", "cutting my hair and cutting", "Cutting Hair", "żyletka włosy",
    "unbearable plants",
])
def test_an_ordinary_meaning_cancels_a_one_word_phrase(detector, text):
    assert detector.detect(text) is None


def test_cancelled_only_with_exceptions(detector):
    assert detector.detect("cutting my hair", exceptions=False) == Risk(
        ("self-harm",), ("cutting",), (0,))


@pytest.mark.parametrize("text, risk", [
    # A longer phrase is never cancelled by a not-risk word.
    ("hurt myself cutting hair", Risk(("self-harm",), ("hurt myself",), (0, 1))),
    # Nor is a language-wide one-word phrase, which belongs to no need's exceptions.
    ("hopeless hair", Risk(("self-harm", "suicidal-thoughts"), ("hopeless",), (0,))),
    # Another need's not-risk word does not cancel this need's word.
    ("cutting plants", Risk(("self-harm",), ("cutting",), (0,))),
    ("unbearable hair", Risk(("bereavement",), ("unbearable",), (0,))),
])
def test_what_is_not_cancelled(detector, text, risk):
    assert detector.detect(text) == risk


def test_phrases_without_letters_are_listed():
    content = load_content(FIXTURE, log_problems=False)
    pack = replace(content, needs=(replace(SELF_HARM, risk_phrases=("!!!", "bleeding out")),
                                   SUICIDE), risk_phrases={"pl": ("...", "—")})
    assert RiskDetector(pack).unmatchable == [("en", "!!!"), ("pl", "..."), ("pl", "—")]
    assert RiskDetector(replace(pack, risk_phrases={})).unmatchable == [("en", "!!!")]


def test_a_sound_pack_has_no_problems(pack):
    assert check(pack) == []


def test_a_language_without_risk_words_is_a_problem(pack):
    problems = check(replace(pack, site=replace(pack.site, languages=("en", "pl", "ro", "gu"))))
    assert problems == [Problem(
        "translations/gu.yml", 1, "risk_phrases", "there are no risk phrases or suicide and "
        "self-harm words for 'gu', so a risky search in it would not bring the help-now box",
        "add the suicidal-thoughts and self-harm words and risk_phrases: in this language (see "
        "content/README.md)")]


def test_english_without_risk_words_names_needs_yml(pack):
    problems = check(replace(pack, needs=(GRIEF, SLEEP), risk_phrases={"pl": ("umrzeć",)},
                             site=replace(pack.site, languages=("en", "pl"))))
    assert [(p.file, p.field) for p in problems] == [("needs.yml", "risk_phrases")]


def test_only_another_needs_phrases_is_not_enough(pack):
    problems = check(replace(pack, needs=(GRIEF,), risk_phrases={},
                             site=replace(pack.site, languages=("en",))))
    assert [(p.file, p.field) for p in problems] == [("needs.yml", "risk_phrases")]


FIX = "give it letters, or remove the not_risk phrase that cancels it"


def test_phrases_that_would_not_bring_the_box(pack):
    cancelled = replace(SELF_HARM, words=("cutting", "hair", "!!!"))
    # Another need's phrase that its own not-risk word cancels is allowed (and not the last).
    grief = replace(GRIEF, risk_phrases=("plants", "join them"))
    problems = check(replace(pack, needs=(grief, cancelled, SUICIDE),
                             risk_phrases={"en": ("?",), "pl": ("x",)},
                             site=replace(pack.site, languages=("en", "pl", "ro"))))
    assert problems == [
        Problem("needs.yml", 1, "self-harm", "'hair' would not bring the help-now box", FIX),
        Problem("needs.yml", 1, "self-harm", "'!!!' would not bring the help-now box", FIX),
        Problem("needs.yml", 1, "risk_phrases", "'?' would not bring the help-now box", FIX),
    ]
