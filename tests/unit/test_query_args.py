"""Search parameters read exactly: each value kept, refused or explained, at its edges.

Over the small fixture pack (no app, no index), so every rule of directory/query_args.py can
be checked in a fraction of a second; tests/integration/test_pages.py checks what the
results page then shows.
"""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from directory.content import load_content
from directory.query_args import MAX_AGE, MAX_PAGE, SearchRequest, age_range, parse, whole_number
from directory.search import MAX_QUERY_CHARS, Filters
from tests.conftest import FIXTURE

AGE_NOT_NUMBER = "Age must be a whole number, like 14."
AGE_OUT_OF_RANGE = "Give an age from 0 to 120, like 14."
AGES_BAD = "Give the ages as two numbers, like 11-18."
OPEN_NOW_BAD = "“Open now” should be on or off."
PAGE_BAD = "That page number doesn't exist."
NEED_BAD = "Choose a topic from the list."
DELIVERY_BAD = "Choose how you'd like to get help from the list."
REFERRAL_BAD = "Choose how you'd like to get in from the list."


@pytest.fixture(scope="module")
def content():
    return load_content(FIXTURE, log_problems=False)


def ask(content, *pairs, **kwargs) -> SearchRequest:
    """parse() of URL parameters given as (name, value) pairs."""
    return parse(MultiDict(pairs), content, **kwargs)


@pytest.mark.parametrize("typed, number", [
    ("14", 14), (" 14 ", 14), ("0", 0), ("007", 7), ("-4", -4), ("−4", -4), ("+4", 4),
    ("١٤", 14), ("۱۴", 14), ("१४", 14), ("123456789", 123456789),
])
def test_whole_number_reads_digits_of_any_script(typed, number):
    assert whole_number(typed) == number


@pytest.mark.parametrize("typed", [None, "", " ", "1.5", "14 years", "²", "1234567890", "--4",
                                   "4-", "four", "1e3", "0x10", "+"])
def test_whole_number_refuses_what_is_not_one(typed):
    assert whole_number(typed) is None


@pytest.mark.parametrize("typed, ages", [
    ("11-18", (11, 18)), ("11–18", (11, 18)), ("11—18", (11, 18)), ("11‐18", (11, 18)),
    (" 11 - 18 ", (11, 18)), ("14", (14, 14)), ("0-120", (0, 120)), ("5-5", (5, 5)),
])
def test_age_range_reads_ranges_and_single_ages(typed, ages):
    assert age_range(typed) == ages


@pytest.mark.parametrize("typed", ["18-11", "0-121", "121", "-1-4", "a-b", "11-", "-", "",
                                   "11-18-20", "11 18"])
def test_age_range_refuses_what_is_not_one(typed):
    assert age_range(typed) is None


def test_nothing_asked_for(content):
    req = ask(content)
    assert req == SearchRequest()
    assert req.is_empty and req.errors == {} and req.page == 1 and req.args() == {}
    assert req.filters == Filters()


@pytest.mark.parametrize("pairs", [
    [("q", "sad")], [("age", "0")], [("ages", "11-18")], [("area", "melton")],
    [("postcode", "LE1")], [("need", "anxiety")], [("delivery", "text")],
    [("referral", "gp")], [("open_now", "1")], [("language", "pl")],
])
def test_any_one_thing_asked_for_is_not_empty(content, pairs):
    assert not ask(content, *pairs).is_empty


def test_words_are_collapsed_and_cut(content):
    assert ask(content, ("q", "  feeling \t\n low  ")).text == "feeling low"
    long = ask(content, ("q", "a" * (MAX_QUERY_CHARS + 50))).text
    assert long == "a" * MAX_QUERY_CHARS


@pytest.mark.parametrize("typed, age", [("0", 0), (" 14 ", 14), (str(MAX_AGE), MAX_AGE),
                                        ("١٤", 14)])
def test_ages_kept(content, typed, age):
    req = ask(content, ("age", typed))
    assert req.age == age and "age" not in req.errors
    assert req.filters.age == age and req.filters.age_band is None


@pytest.mark.parametrize("typed, message", [
    ("-1", AGE_OUT_OF_RANGE), ("-4", AGE_OUT_OF_RANGE), ("121", AGE_OUT_OF_RANGE),
    ("fourteen", AGE_NOT_NUMBER), ("14.5", AGE_NOT_NUMBER), ("²", AGE_NOT_NUMBER),
])
def test_ages_refused_with_the_reason(content, typed, message):
    req = ask(content, ("age", typed))
    assert req.age is None and req.errors == {"age": message}


def test_a_blank_age_is_no_age(content):
    req = ask(content, ("age", "  "))
    assert req.age is None and req.errors == {}


def test_a_school_age_range_becomes_the_age_band(content):
    req = ask(content, ("ages", " 11-18 "))
    assert req.ages == (11, 18) and req.age_band == (11, 18) and req.errors == {}
    assert req.filters.age_band == (11, 18)
    assert req.args() == {"ages": "11-18"}
    assert ask(content, ("ages", "  ")).errors == {}


def test_a_bad_age_range_is_explained(content):
    req = ask(content, ("ages", "18-11"), age_band=(4, 10))
    assert req.ages is None and req.age_band == (4, 10) and req.errors == {"ages": AGES_BAD}


def test_an_exact_age_overrides_the_age_band(content):
    req = ask(content, ("age", "15"), age_band=(4, 10))
    assert req.filters.age == 15 and req.filters.age_band is None
    req = ask(content, age_band=(4, 10))
    assert req.filters.age is None and req.filters.age_band == (4, 10)


def test_a_known_area(content):
    req = ask(content, ("area", " melton "))
    assert req.area == "melton" and req.errors == {}
    assert req.filters.areas == ("melton",) and not req.filters.national_only


def test_an_unknown_area_is_named_and_cut(content):
    req = ask(content, ("area", "x" * 60))
    assert req.area == "" and req.filters.areas == ()
    assert req.errors == {"area": f"We don't know the area “{'x' * 40}”. Choose one from the list."}


def test_a_postcode_in_the_areas(content):
    req = ask(content, ("postcode", " le1 6ww "), ("area", "melton"))
    assert req.postcode == "LE1 6WW" and req.postcode_areas == ("leicester",)
    assert req.errors == {}
    # The postcode decides the areas, not the area chosen beside it.
    assert req.filters.areas == ("leicester",) and not req.filters.national_only
    assert req.args()["postcode"] == "LE1 6WW"


def test_a_district_shared_by_areas(content):
    req = ask(content, ("postcode", "LE8"))
    assert set(req.filters.areas) == {"blaby", "harborough", "oadby-and-wigston"}


def test_a_postcode_outside_every_area_shows_national_services(content):
    req = ask(content, ("postcode", "sw1a 1aa"))
    assert req.postcode == "SW1A 1AA" and req.postcode_areas == ()
    assert req.filters.national_only and req.filters.areas == ()
    assert req.errors == {"postcode": "SW1A 1AA is outside the areas this directory covers, so "
                                      "we show services anyone in the UK can use."}


def test_a_long_postcode_outside_is_cut_to_ten_characters(content):
    req = ask(content, ("postcode", "SW1A    1AA"))
    assert req.postcode == "SW1A    1A"


def test_what_is_not_a_postcode_is_named_and_cut(content):
    req = ask(content, ("postcode", "not a postcode at all, really"))
    assert req.postcode == "" and req.postcode_areas == () and not req.filters.national_only
    assert req.errors == {"postcode": "“not a postcode at al” doesn't look like a postcode. "
                                      "Try the first part, like LE11."}


@pytest.mark.parametrize("name, allowed, message", [
    ("need", ("anxiety", "sleep"), NEED_BAD),
    ("delivery", ("text", "phone"), DELIVERY_BAD),
    ("referral", ("gp", "school"), REFERRAL_BAD),
])
def test_choices_from_lists(content, name, allowed, message):
    first, second = allowed
    attribute = {"need": "needs"}.get(name, name)
    req = ask(content, (name, f"{first}, {second},,{first}"), (name, f" {second} "))
    assert getattr(req, attribute) == (first, second) and req.errors == {}
    assert getattr(req.filters, attribute) == (first, second)
    assert req.args()[name] == [first, second]
    req = ask(content, (name, f"nonsense,{second}"))
    assert getattr(req, attribute) == (second,) and req.errors == {name: message}
    assert ask(content, (name, ""), (name, " , ")).errors == {}
    # An empty item between commas is skipped, not the end of the list.
    assert getattr(ask(content, (name, f",{first},,{second}")), attribute) == (first, second)


@pytest.mark.parametrize("typed, language", [("pl", "pl"), (" AR ", "ar"), ("en", ""),
                                             ("xx", ""), ("", "")])
def test_language_filter(content, typed, language):
    req = ask(content, ("language", typed))
    assert req.language == language and req.filters.language == language and req.errors == {}


@pytest.mark.parametrize("typed, on", [("1", True), ("true", True), (" ON ", True), ("yes", True),
                                       ("0", False), ("false", False), ("off", False),
                                       ("No", False), ("", False)])
def test_open_now_words(content, typed, on):
    req = ask(content, ("open_now", typed))
    assert req.open_now is on and req.filters.open_now is on and req.errors == {}
    assert req.args().get("open_now") == ("1" if on else None)


def test_open_now_nonsense_is_explained(content):
    req = ask(content, ("open_now", "maybe"))
    assert req.open_now is False and req.errors == {"open_now": OPEN_NOW_BAD}


@pytest.mark.parametrize("typed, page", [("1", 1), ("2", 2), (str(MAX_PAGE), MAX_PAGE),
                                         ("", 1), (" 3 ", 3)])
def test_pages_kept(content, typed, page):
    req = ask(content, ("page", typed))
    assert req.page == page and req.errors == {}


@pytest.mark.parametrize("typed", ["0", "-1", str(MAX_PAGE + 1), "two", "1.0"])
def test_pages_refused(content, typed):
    req = ask(content, ("page", typed))
    assert req.page == 1 and req.errors == {"page": PAGE_BAD}


def test_args_round_trip_and_changes(content):
    pairs = [("q", "sad"), ("age", "14"), ("area", "melton"), ("need", "anxiety"),
             ("delivery", "text"), ("referral", "gp"), ("open_now", "on"), ("language", "pl")]
    req = ask(content, *pairs)
    assert req.args() == {"q": "sad", "age": 14, "area": "melton", "need": ["anxiety"],
                          "delivery": ["text"], "referral": ["gp"], "open_now": "1",
                          "language": "pl"}
    as_url = [(k, str(v)) for k, vs in req.args().items()
              for v in (vs if isinstance(vs, list) else [vs])]
    assert ask(content, *as_url) == req
    assert req.args(age=None, q="low", need=[]) == {
        "q": "low", "area": "melton", "delivery": ["text"], "referral": ["gp"],
        "open_now": "1", "language": "pl"}
    assert ask(content, ("age", "0")).args() == {"age": 0}
    req = ask(content, ("postcode", "LE1"), ("ages", "4-10"))
    assert req.args() == {"postcode": "LE1", "ages": "4-10"}
