"""The one normalisation shared by the index, need words and risk phrases."""

import random

import pytest

from directory.normalise import PhraseTable, fold, stem


@pytest.mark.parametrize("typed, stored", [
    ("Is-Dil", "is dil"), ("I CAN’T cope", "i cant cope"), ("i've", "ive"),
    ("ŻYLETKĄ", "zyletka"), ("gânduri de sinucidere", "ganduri de sinucidere"),
    ("ș ş ț ţ ă î â", "s s t t a i a"), ("samobójstwo", "samobojstwo"), ("łódź", "lodz"),
    ("أؤذي نفسي", "اوذی نفسی"), ("خودكشي", "خودکشی"), ("إنتحار", "انتحار"),
    ("آخر مرّة", "اخر مره"), ("انـــتحار", "انتحار"), ("مَوْت", "موت"),
    ("ﬁne", "fine"), ("a\u200db", "ab"), ("tab\tand\nline", "tab and line"),
    ("ਖ਼ੁਦਕੁਸ਼ੀ", "ਖੁਦਕੁਸੀ"),
])
def test_fold_makes_keyboard_variants_one_text(typed, stored):
    assert fold(typed) == stored


def test_fold_keeps_gujarati_and_gurmukhi_vowel_signs():
    assert fold("આત્મહત્યા") == "આત્મહત્યા"
    assert fold("ਮਰਨਾ") == "ਮਰਨਾ"


@pytest.mark.parametrize("forms", [("cut", "cuts", "cutting"), ("harm", "harms", "harming",
                                   "harmed"), ("die", "dies", "died", "dying"),
                                   ("overdose", "overdosed", "overdosing")])
def test_inflections_share_a_stem(forms):
    assert len({stem(f) for f in forms}) == 1


def test_short_words_are_not_stemmed_into_others():
    assert stem("kms") == "kms" and stem("km") == "km"


def table(*phrases):
    out = PhraseTable()
    for p in phrases:
        out.add(p, p)
    return out


@pytest.mark.parametrize("phrase, query", [
    ("is dil", "isdil"), ("isdil", "is-dil"), ("is-dil", "waan is dilayaa is dil"),
    ("self harm", "selfharming"), ("cut myself", "CUTTING myself"),
    ("samobój*", "myśli samobójcze"), ("sinucid*", "vreau sa ma sinucid"),
    ("want ... die", "i really just want to die"), ("can't cope", "i cant cope"),
])
def test_phrases_match_however_spaced_hyphenated_or_inflected(phrase, query):
    assert table(phrase).find(query), (phrase, query)


@pytest.mark.parametrize("phrase, query", [
    ("is dil", "this dill"), ("kms", "km"), ("samobój*", "samo"), ("want ... die", "die want"),
    ("want ... die", "want a b c d die"), ("cut myself", "cut my hair myself"),
])
def test_phrases_do_not_match_across_words_or_out_of_order(phrase, query):
    assert not table(phrase).find(query), (phrase, query)


def test_fold_never_raises_and_is_stable_on_any_text():
    rng = random.Random(10)
    alphabet = [chr(c) for c in range(0x20, 0x3000)] + ["\u200d", "\u202e", "\x00", "ـ", "'"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
        once = fold(text)
        assert fold(once) == once
        assert len(once) <= 400
        table("is dil", "want ... die", "samobój*").find(text)
