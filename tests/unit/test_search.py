"""Search over the real bundled pack: the words people type, and filters that always hold."""

import datetime as dt
import itertools

import pytest

from directory.content import UK
from directory.risk import RISK_NEEDS, risk_words
from directory.search import Filters, Index, normalise
from tests.conftest import ROOT

RISK_CORPUS = ROOT / "tests" / "fixtures" / "risk"
LANGS = ("en", "pl", "ro", "so", "ur", "pa", "gu", "ar")


def corpus(name: str) -> list[str]:
    """Phrasings from tests/fixtures/risk/<name>.txt."""
    lines = (line.split("#", 1)[0].strip()
             for line in (RISK_CORPUS / f"{name}.txt").read_text("utf-8").splitlines())
    return [line for line in lines if line]

EVERYDAY = [
    ("worried", "anxiety"), ("panic attacks", "anxiety"), ("stressed out", "anxiety"),
    ("cant sleep", "sleep"), ("nightmares every night", "sleep"), ("bullied", "bullying"),
    ("my mum died", "bereavement"), ("grief", "bereavement"), ("cutting", "self-harm"),
    ("hurting myself", "self-harm"), ("not eating", "eating"), ("anorexia", "eating"),
    ("weed", "drugs-alcohol"), ("vaping", "drugs-alcohol"), ("gay", "lgbtq"),
    ("trans", "lgbtq"), ("autism", "neurodiversity"), ("adhd", "neurodiversity"),
    ("hearing voices", "psychosis"), ("exam stress", "school"), ("kicked out", "housing-money"),
    ("nudes", "online-safety"), ("looking after my mum", "young-carers"),
    ("foster care", "care-experienced"), ("pregnant", "pregnancy-and-new-parents"),
    ("turning 18", "moving-to-adult-services"), ("angry all the time", "anger"),
    ("broke up with my girlfriend", "relationships"), ("sad", "low-mood"),
    ("depressed", "low-mood"), ("flashbacks", "trauma"), ("domestic violence", "abuse"),
    ("my son is autistic", "neurodiversity"), ("worried about my child", "parenting"),
]
MISSPELT = [
    ("anxeity", "anxiety", "anxiety"), ("depresion", "depression", "low-mood"),
    ("bullyed", None, "bullying"), ("anorexya", "anorexia", "eating"),
    ("selfharm", None, "self-harm"), ("insomina", "insomnia", "sleep"),
    ("bereavment", "bereavement", "bereavement"), ("dyslexic", "dyslexia", "neurodiversity"),
]


@pytest.mark.parametrize("words, need", EVERYDAY)
def test_everyday_words_find_services_for_the_right_need(bundled_index, words, need):
    results = bundled_index.search(words)
    top = results.services[:3]
    assert len(top) == 3, f"'{words}' found too little"
    assert all(need in s.needs for s in top), \
        f"'{words}' should put {need} services first, got {[s.slug for s in top]}"


@pytest.mark.parametrize("words, suggestion, need", MISSPELT)
def test_misspellings_are_tolerated(bundled_index, words, suggestion, need):
    results = bundled_index.search(words)
    # Some misspellings share a stem with the right word, so they need no correction.
    assert results.did_you_mean == suggestion
    assert results.services, f"'{words}' found nothing"
    assert need in results.services[0].needs


def test_kept_corrections_read_as_fresh_ones_in_each_language(bundled_content):
    """Corrections are kept per language and word: asking again, or in another language, agrees."""
    words = ["anxeity", "insomina", "bullyed", "adopcjja", "abuzataa", "aalkoloo", "nie moge spac"]
    langs = [None, "en", "pl", "ro", "so"]
    fresh = {}
    for lang in langs:  # a new index per language: nothing kept from another language
        index = Index(bundled_content)
        fresh |= {(w, lang): index.suggest(w, lang) for w in words}
    warm = Index(bundled_content)
    first = {(w, lang): warm.suggest(w, lang) for lang in reversed(langs) for w in words}
    again = {(w, lang): warm.suggest(w, lang) for w in words for lang in langs}
    assert first == again == fresh
    # Polish, Romanian and Somali need words are corrected only on pages in those languages.
    assert fresh[("adopcjja", "pl")] == "adopcja" and fresh[("adopcjja", "en")] is None
    assert fresh[("aalkoloo", "so")] == "aalkolo" and fresh[("aalkoloo", "ro")] is None


def test_filters_alone_list_every_matching_service(bundled_content, bundled_index):
    results = bundled_index.search("", Filters(age=16, areas=("melton",), needs=("eating",)))
    expected = {s.slug for s in bundled_content.services
                if s.minimum_age <= 16 <= s.maximum_age and "eating" in s.needs
                and ("melton" in s.service_areas or "national" in s.service_areas)}
    assert expected and {s.slug for s in results.services} == expected


AGES = (0, 4, 11, 15, 18, 22, 25)
AREAS = ((), ("rutland",), ("leicester",), ("north-west-leicestershire",))
NEEDS = ((), ("anxiety",), ("self-harm",), ("parenting",), ("young-carers",))
WORDS = ("", "help", "worried", "school")


@pytest.mark.parametrize("words", WORDS)
def test_every_result_honours_age_area_and_need(bundled_index, words):
    for age, areas, needs in itertools.product(AGES, AREAS, NEEDS):
        for service in bundled_index.search(words, Filters(age, areas, needs)).services:
            assert service.minimum_age <= age <= service.maximum_age, service.slug
            assert not areas or "national" in service.service_areas or set(areas) & set(
                service.service_areas), service.slug
            assert not needs or set(needs) & set(service.needs), service.slug


def test_delivery_referral_and_open_now_filters(bundled_index):
    monday_3am = dt.datetime(2026, 11, 23, 3, 0, tzinfo=UK)
    results = bundled_index.search("", Filters(delivery=("text",), open_now=True),
                                   when=monday_3am)
    assert results.services
    for s in results.services:
        assert "text" in s.delivery and s.is_open(monday_3am) is True
    gp = bundled_index.search("", Filters(referral=("gp",))).services
    assert gp and all("gp" in s.referral for s in gp)


def test_local_services_rank_above_national_ones_of_equal_relevance(bundled_index):
    results = bundled_index.search("", Filters(areas=("rutland",)))
    # Crisis routes (urgent) follow the first step wherever they are; among the rest, local first.
    flags = [s.national for s in results.services if not s.urgent]
    assert flags == sorted(flags), "local services should come before national ones"
    urgent = [i for i, s in enumerate(results.services) if s.urgent]
    assert urgent and min(urgent) > 0, "a crisis route should not lead an area page"
    worried = bundled_index.search("worried", Filters(areas=("charnwood",), age=14)).services
    assert not worried[0].national


@pytest.mark.parametrize("lang", LANGS)
def test_real_risk_phrasings_bring_help_now_and_a_risk_service(bundled_index, lang):
    """Someone in danger, in their own words, sees help-now first and a crisis service near it."""
    misses = []
    for phrase in corpus(lang):
        for page_lang in {lang, "en"}:  # typed on a page in that language, or on an English one
            results = bundled_index.search(phrase, lang=page_lang)
            top = [s.slug for s in results.services[:5]]
            risky = any(set(RISK_NEEDS) & set(s.needs) for s in results.services[:5])
            if not (results.help_now and risky):
                misses.append((phrase, page_lang, results.help_now, top))
    assert misses == [], f"{len(misses)} {lang} phrasings missed: {misses[:10]}"


def test_ordinary_searches_do_not_raise_the_alarm(bundled_index):
    alarms = [q for q in corpus("not_risk") if bundled_index.search(q).help_now]
    assert alarms == [], f"ordinary searches showed the help-now box: {alarms}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_suicide_and_self_harm_word_and_risk_phrase_raises_the_box(
        bundled_content, bundled_index, lang):
    """The need words and the risk rules are one list: each word of either need is a risk."""
    phrases = risk_words(bundled_content)[lang]
    need_words = [p for p, need in phrases if need in RISK_NEEDS]
    assert len(need_words) >= 20, f"{lang} has too few suicide and self-harm words"
    silent = [p for p, need in phrases if (need is None or need in RISK_NEEDS)
              and not bundled_index.search(p.replace("*", "").replace("...", " "),
                                           lang=lang).help_now]
    assert silent == []


def test_risk_names_its_need_so_services_for_it_come_first(bundled_index):
    assert bundled_index.search("i took a load of pills").risk.needs[0] == "self-harm"
    assert bundled_index.search("my son wants to die").risk.needs[0] == "suicidal-thoughts"
    assert bundled_index.search("someone touched me").risk.needs[0] == "abuse"
    assert bundled_index.search("worried").risk is None


@pytest.mark.parametrize("words, ordinary", [
    ("cutting myself", "cutting my hair"), ("cuts on my arms", "cuts to youth services"),
    ("i want to die", "dying my hair"), ("kill myself", "killing time"),
    ("scars on my arms from cutting", "scars from acne"),
])
def test_one_word_risk_words_in_ordinary_company_do_not_alarm(bundled_index, words, ordinary):
    assert bundled_index.search(words).help_now
    assert not bundled_index.search(ordinary).help_now


def test_a_misspelt_risk_word_still_brings_help(bundled_index):
    results = bundled_index.search("suicdal")
    assert results.did_you_mean == "suicidal" and results.help_now


@pytest.mark.parametrize("words", [
    "", " ", "*", "?", "AND OR NOT", '"unclosed', "a" * 10_000, "\x00\x01\x02", "🙂🙂",
    "‮reversed", "<script>alert(1)</script>", "age:[1 TO 5]", "Ŵöřđ ñáḿé", "٣٤٥", "-- ;",
])
def test_odd_queries_never_raise(bundled_index, words):
    results = bundled_index.search(words, Filters(age=14))
    # Whatever the words, the filters still hold: nobody aged 14 is sent to a service for others.
    assert all(s.minimum_age <= 14 <= s.maximum_age for s in results.services)
    assert len(set(s.slug for s in results.services)) == len(results.services)


def test_query_normalisation_caps_length_and_strips_control_characters():
    assert normalise("  Hello\x00  World ’s ") == "hello world s"
    assert len(normalise("x" * 5000)) == 200


def test_index_of_a_tiny_pack(bundled_content):
    index = Index(bundled_content)
    assert index.search("kooth").services[0].slug == "kooth"


def test_several_processes_can_build_indexes_at_once(tmp_path):
    """gunicorn workers start together; their index builds must not share scratch files."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    script = ("from directory.content import load_content\n"
              "from directory.search import Index\n"
              "c = load_content('content', log_problems=False)\n"
              "for _ in range(2):\n"
              "    assert Index(c).search('worried').total > 0\n")
    env = {"TMPDIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    workers = [subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env=env,
                                stderr=subprocess.PIPE) for _ in range(3)]
    results = []
    try:
        # A generous guard against a hang, not a speed test: a loaded 2-core machine is slow.
        for w in workers:
            _, err = w.communicate(timeout=600)
            results.append((w.returncode, err.decode()[-300:]))
    finally:
        for w in workers:  # never leave a builder (or its pipe) behind for the next test
            if w.poll() is None:
                w.kill()
                w.communicate()
    assert [code for code, _ in results] == [0, 0, 0], results
    assert list(tmp_path.iterdir()) == []  # scratch folders cleaned up


# ---------------------------------------------------------------- places and everyday words

@pytest.mark.parametrize("typed, areas", [
    ("LE1 6", ("leicester",)), ("LE1 6AB", ("leicester",)), ("le1 6ab", ("leicester",)),
    ("LE16 7AA", ("harborough",)), ("LE16", ("harborough",)), ("LE15 6AB", ("rutland",)),
    ("LE2 5", ("leicester", "oadby-and-wigston")), ("LE11 3", ("charnwood",)),
    ("LE1  6", ("leicester",)), ("SW1A 1AA", ()),
])
def test_partial_postcodes_are_read_by_their_outward_code(bundled_content, typed, areas):
    assert bundled_content.areas_for_postcode(typed) == areas


@pytest.mark.parametrize("words", ["food", "eating", "hungry", "not eating properly",
                                   "food issues", "issues with food", "i have no appetite"])
def test_food_words_mean_eating(bundled_content, bundled_index, words):
    results = bundled_index.search(words)
    assert results.needs_seen == ("eating",)
    top = results.services[:5]
    assert all("eating" in s.needs for s in top[:3]), [s.slug for s in top]
    housing_only = [s.slug for s in top if "housing-money" in s.needs and "eating" not in s.needs]
    assert housing_only == []


@pytest.mark.parametrize("words", ["food bank", "no money for food", "cant afford food",
                                   "i am hungry and have no money"])
def test_food_with_money_words_means_money(bundled_index, words):
    results = bundled_index.search(words)
    assert results.needs_seen == ("housing-money",)
    assert "housing-money" in results.services[0].needs


@pytest.mark.parametrize("words, lang, needs", [
    ("praca domowa", "pl", ("school",)), ("mam problem z pracą domową", "pl", ("school",)),
    ("atak paniki", "pl", ("anxiety",)), ("ataki paniki w nocy", "pl", ("anxiety",)),
    ("bea apă", "ro", ()), ("beau ceai cu mama", "ro", ()), ("bea alcool", "ro",
                                                                ("drugs-alcohol",)),
    ("walbahaar", "so", ("anxiety",)), ("buufis", "so", ("low-mood",)),
    ("school da kamm", "pa", ("school",)), ("kamm", "pa", ()),
    ("بنك الطعام", "ar", ("housing-money",)), ("mat", "en", ()), ("nom", "en", ()),
    ("yoga mat", None, ()),
])
def test_words_mean_what_they_mean_in_their_language(bundled_index, words, lang, needs):
    assert bundled_index.search(words, lang=lang).needs_seen == needs


@pytest.mark.parametrize("words, lang", [("buufis", "so"), ("walbahaar", "so"),
                                         ("buufiska", "so"), ("samobojstwo", "pl")])
def test_spelling_is_never_corrected_into_another_need(bundled_index, words, lang):
    results = bundled_index.search(words, lang=lang)
    assert results.did_you_mean is None, results.did_you_mean


# ---------------------------------------------------------------- the best first step

@pytest.mark.parametrize("words", corpus("disclosures"))
def test_a_childs_own_words_about_abuse_reach_childline_and_the_nspcc_first(bundled_index,
                                                                            words):
    results = bundled_index.search(words, Filters(age=12))
    assert "abuse" in results.needs_seen
    assert [s.slug for s in results.services[:2]] == ["childline", "nspcc-helpline"]
    assert results.help_now, "someone being hurt should see who to call right now"


def test_a_young_person_is_not_sent_to_a_parents_line(bundled_index):
    top = [s.slug for s in bundled_index.search("i self harm and cant tell my parents").
           services[:5]]
    assert "youngminds-parents-helpline" not in top
    assert "self-harm" in bundled_index.search("i self harm and cant tell my parents").risk.needs


def test_a_parent_is_shown_parents_lines(bundled_index):
    top = bundled_index.search("my son is self harming").services[:5]
    assert "youngminds-parents-helpline" in [s.slug for s in top]


def test_who_is_looking_changes_a_topic_page(bundled_index):
    filters = Filters(needs=("self-harm",))
    teens = bundled_index.search("", filters, audience="teens").services
    parents = bundled_index.search("", filters, audience="parents").services
    assert [s.slug for s in teens] != [s.slug for s in parents]
    assert all("self-referral" in s.referral for s in teens[:3]), [s.slug for s in teens[:3]]
    assert any("parent-or-carer" in s.referral for s in parents[:3])
    assert set(s.slug for s in teens) == set(s.slug for s in parents)  # ranking, not filtering


@pytest.mark.parametrize("need, age", [("anxiety", 8), ("low-mood", 15), ("self-harm", 14),
                                       ("psychosis", 17)])
def test_crisis_routes_do_not_lead_a_topic_page(bundled_index, need, age):
    services = bundled_index.search("", Filters(age=age, needs=(need,))).services
    assert services and not services[0].urgent, services[0].slug
    assert [s.slug for s in services] != sorted(s.slug for s in services), "not A to Z"


def test_crisis_routes_lead_when_the_words_signal_risk(bundled_index):
    top = bundled_index.search("i want to kill myself tonight").services[:5]
    assert any(s.urgent for s in top) or any("suicidal-thoughts" in s.needs for s in top)
