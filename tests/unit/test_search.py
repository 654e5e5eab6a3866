"""Search over the real bundled pack: the words people type, and filters that always hold."""

import datetime as dt
import itertools

import pytest

from directory.content import UK
from directory.search import Filters, Index, normalise, signals_risk

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
    ("bereavment", None, "bereavement"), ("dyslexic", "dyslexia", "neurodiversity"),
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
    flags = [s.national for s in results.services]
    assert flags == sorted(flags), "local services should come before national ones"
    worried = bundled_index.search("worried", Filters(areas=("charnwood",), age=14)).services
    assert not worried[0].national


@pytest.mark.parametrize("words", [
    "I want to kill myself", "i dont want to be alive anymore", "thinking about suicide",
    "going to hurt myself tonight", "I took an overdose", "want to die", "kms",
    "I can’t go on", "end my life",
])
def test_words_of_danger_bring_help_now(bundled_index, words):
    assert signals_risk(words)
    assert bundled_index.search(words).help_now


@pytest.mark.parametrize("words", [
    "worried", "self harm support for parents", "killing time after school", "bullying",
    "exam stress", "sleep",
])
def test_ordinary_words_do_not_raise_alarm(bundled_index, words):
    assert not bundled_index.search(words).help_now


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
    assert normalise("  Hello\x00  World ’s ") == "hello world 's"
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
              "for _ in range(3):\n"
              "    assert Index(c).search('worried').total > 0\n")
    env = {"TMPDIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    workers = [subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env=env,
                                stderr=subprocess.PIPE) for _ in range(4)]
    results = [(w.wait(timeout=120), w.stderr.read().decode()[-300:]) for w in workers]
    for w in workers:
        w.stderr.close()
    assert [code for code, _ in results] == [0, 0, 0, 0], results
    assert list(tmp_path.iterdir()) == []  # scratch folders cleaned up
