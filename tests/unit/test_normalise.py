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


@pytest.mark.parametrize("phrase, query, found", [
    # Up to three words where the dots are, however the dots are written.
    ("want ... die", "i want to really just die", [(1, 6, 2)]),
    ("want...die", "i want to just die", [(1, 5, 2)]),
    ("want…die", "want to die", [(0, 3, 2)]),
    ("want ... end ... all", "want to end it all", [(0, 5, 3)]),
    # Spacing: a phrase written as one word, found typed as two, and the other way round.
    ("overdose", "over dose", [(0, 2, 1)]),
    ("over dose", "overdosed", [(0, 1, 2)]),
    ("cutting myself", "cuts myself", [(0, 2, 2)]),
    # The letters as written count too, not only their stems: split anywhere, they still match.
    ("over doses", "overdo ses", [(0, 2, 2)]),
    # A prefix ends inside the last word of the run: one more word is not a second match.
    ("samobój*", "samoboj x", [(0, 1, 1)]),
    ("is dil*", "is dilayaa now", [(0, 2, 2)]),
])
def test_where_phrases_are_found(phrase, query, found):
    assert [(start, end, size) for start, end, _, size, _ in table(phrase).find(query)] == found


def test_already_folded_text_is_read_whole():
    # fold() cuts a query to 400 characters; text passed as already folded is not cut again.
    long = "x " * 300 + "suicide"
    assert set(table("suicide").find(long, folded=True)) == {(300, 301, "suicide", 1, "suicide")}
    assert table("suicide").find(long) == []


def test_fold_limits_the_work_on_huge_text():
    # Only twice the limit is read (a flood of spaces cannot make folding slow), then the
    # folded text is cut to the limit; limit=None reads everything.
    assert fold(" " * 800 + "x") == "" and fold(" " * 799 + "x") == "x"
    assert fold("A" * 1000) == "a" * 400
    assert fold("A" * 1000, limit=None) == "a" * 1000
    assert fold("ﬁ" * 300, limit=10) == "f" + "if" * 4 + "i"


@pytest.mark.parametrize("typed, stored", [("a\x07b", "a b"), ("a\x00b\x1fc", "a b c"),
                                           ("a\u200bb", "ab")])
def test_control_characters_in_plain_ascii_text_are_spaces(typed, stored):
    assert fold(typed) == stored
