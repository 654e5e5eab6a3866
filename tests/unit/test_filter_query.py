"""Every filter, alone and combined, over the small fixture pack, checked against the YAML.

The same independent reading as tests/unit/test_filter_boundaries.py (which covers the bundled
pack), on an index that builds in a fraction of a second, so that each rule of the filter query
can be tried at every edge: each age from 0 to 30, age bands that just touch a service's range,
every area with and without national services, and lists of needs, ways in and routes in.
"""

from __future__ import annotations

import itertools
import shutil

import pytest

from directory.content import load_content
from directory.search import Filters, Index
from tests.conftest import FIXTURE
from tests.unit.test_filter_boundaries import read_services

AREAS = ["leicester", "rutland", "charnwood", "melton", "blaby"]


@pytest.fixture(scope="module")
def pack():
    content = load_content(FIXTURE, log_problems=False)
    services = {slug: d for slug, d in read_services(FIXTURE).items()
                if content.service(slug) is not None}
    assert len(services) == 4
    return Index(content), services


def expected(services: dict, age=None, band=None, areas=(), national_only=False, needs=(),
             delivery=(), referral=()) -> set[str]:
    """The services the YAML says match, read here without the index's rules."""
    out = set()
    for slug, d in services.items():
        low, high = d["minimum_age"], d["maximum_age"]
        if age is not None and not low <= age <= high:
            continue
        if age is None and band is not None and (high < band[0] or low > band[1]):
            continue
        where = set(d["service_areas"])
        if national_only and "national" not in where:
            continue
        if not national_only and areas and not (where & {*areas, "national"}):
            continue
        if any(chosen and not set(chosen) & set(d[name]) for name, chosen in
               (("needs", needs), ("delivery", delivery), ("referral", referral))):
            continue
        out.add(slug)
    return out


def found(index: Index, text: str = "", **filters) -> set[str]:
    return {s.slug for s in index.search(text, Filters(**filters)).services}


def test_no_filter_finds_everything(pack):
    index, services = pack
    assert found(index) == set(services)


@pytest.mark.parametrize("age", range(0, 31))
def test_each_age(pack, age):
    index, services = pack
    assert found(index, age=age) == expected(services, age=age)


@pytest.mark.parametrize("band", [(0, 0), (0, 10), (11, 11), (12, 12), (19, 24), (25, 25),
                                  (26, 30), (12, 17), (0, 120)])
def test_age_bands(pack, band):
    index, services = pack
    assert found(index, age_band=band) == expected(services, band=band)


def test_an_exact_age_wins_over_the_band(pack):
    index, services = pack
    assert found(index, age=5, age_band=(19, 25)) == expected(services, age=5)


@pytest.mark.parametrize("areas", [(a,) for a in AREAS] + list(itertools.combinations(AREAS, 2)))
def test_areas_and_national(pack, areas):
    index, services = pack
    assert found(index, areas=areas) == expected(services, areas=areas)
    assert found(index, areas=areas, national_only=True) == expected(services,
                                                                    national_only=True)


def test_national_only(pack):
    index, services = pack
    assert found(index, national_only=True) == expected(services, national_only=True) == {
        "night-line"}


@pytest.mark.parametrize("name, values", [
    ("needs", ("anxiety",)), ("needs", ("sleep",)), ("needs", ("anger", "school")),
    ("needs", ("eating",)), ("delivery", ("text",)), ("delivery", ("in-person",)),
    ("delivery", ("online", "phone")), ("delivery", ("video",)), ("referral", ("gp",)),
    ("referral", ("school", "parent-or-carer")), ("referral", ("self-referral",)),
])
def test_lists(pack, name, values):
    index, services = pack
    assert found(index, **{name: values}) == expected(services, **{name: values})


@pytest.mark.parametrize("age, areas, needs, delivery", [
    (14, ("charnwood",), ("low-mood",), ()), (12, ("leicester",), (), ("online",)),
    (5, ("rutland",), ("anger",), ("phone",)), (19, ("charnwood",), ("low-mood",), ()),
    (13, (), ("low-mood", "anxiety"), ("text", "in-person")),
    # The smallest set is not inside the next one: every set must be intersected.
    (12, ("charnwood",), (), ()), (None, ("leicester",), (), ("in-person",)),
])
def test_filters_combine(pack, age, areas, needs, delivery):
    index, services = pack
    want = expected(services, age=age, areas=areas, needs=needs, delivery=delivery)
    assert found(index, age=age, areas=areas, needs=needs, delivery=delivery) == want


@pytest.mark.parametrize("text", ["sad", "night", "counselling", "bullied at school"])
def test_filters_narrow_what_words_find(pack, text):
    index, services = pack
    words_alone = found(index, text)
    assert words_alone, text
    for filters in ({"age": 10}, {"age": 12}, {"age": 19}, {"age": 26}, {"areas": ("rutland",)},
                    {"areas": ("leicester",)}, {"national_only": True}, {"age_band": (19, 25)},
                    {"delivery": ("online",)}):
        band = {"band": filters["age_band"]} if "age_band" in filters else {}
        want = expected(services, **{k: v for k, v in filters.items() if k != "age_band"}, **band)
        assert found(index, text, **filters) == words_alone & want, (text, filters)


@pytest.mark.parametrize("removed", [["night-line"], ["night-line", "city-youth-online",
                                                       "little-ones", "town-counselling"]])
def test_a_pack_without_national_services_or_any_services(tmp_path, removed):
    """A partnership's pack may list no national services (or, while it starts, none at all):
    every filter still answers, with nothing where nothing fits."""
    pack = tmp_path / "content"
    shutil.copytree(FIXTURE, pack)
    for slug in removed:
        (pack / "services" / f"{slug}.yml").unlink()
    content = load_content(pack, log_problems=False)
    index = Index(content)
    services = {slug: d for slug, d in read_services(pack).items()
                if content.service(slug) is not None}
    assert found(index, national_only=True) == set()
    for filters in ({}, {"age": 14}, {"areas": ("rutland",)}, {"age_band": (11, 18)},
                    {"needs": ("anger",)}, {"areas": ("melton",), "delivery": ("phone",)}):
        band = {"band": filters["age_band"]} if "age_band" in filters else {}
        want = expected(services, **{k: v for k, v in filters.items() if k != "age_band"}, **band)
        assert found(index, **filters) == want, filters
