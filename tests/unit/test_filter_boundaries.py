"""Filters at their edges, checked against our own reading of the content files.

The expected services are worked out here from the YAML itself, not from the index's rules or
the content module's opening-hours code, so a slip in either shows up as a difference.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from directory.content import UK, load_content
from directory.search import Filters, Index
from tests.conftest import BUNDLED, FIXTURE

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
MONDAY = dt.date(2026, 11, 23)  # a Monday outside any clock change


def read_services(folder: Path) -> dict[str, dict]:
    """Every service file, as YAML says it."""
    return {path.stem: yaml.safe_load(path.read_text("utf-8"))
            for path in sorted((folder / "services").glob("*.yml"))}


def minutes(text: str) -> int:
    hours, mins = text.split(":")
    return int(hours) * 60 + int(mins)


def open_at(data: dict, when: dt.datetime) -> bool:
    """Whether a service's listed hours include this moment (UK time), read from its YAML."""
    today, yesterday = DAYS[when.weekday()], DAYS[(when.weekday() - 1) % 7]
    now = when.hour * 60 + when.minute
    for schedule in data.get("schedules") or []:
        opens, closes = minutes(schedule["opens_at"]), minutes(schedule["closes_at"])
        days = schedule["byday"]
        if opens < closes:
            if today in days and opens <= now < closes:
                return True
        elif (today in days and now >= opens) or (yesterday in days and now < closes):
            return True
    return False


def at(day: int, minute: int) -> dt.datetime:
    """Day 0 is a Monday; minute is minutes after midnight (1440 is the next midnight)."""
    start = dt.datetime.combine(MONDAY + dt.timedelta(days=day), dt.time(), tzinfo=UK)
    return start + dt.timedelta(minutes=minute)


@pytest.fixture(scope="module")
def bundled():
    content = load_content(BUNDLED, log_problems=False)
    yaml_services = {slug: data for slug, data in read_services(BUNDLED).items()
                     if content.service(slug) is not None}
    return Index(content), yaml_services


def found(index: Index, filters: Filters, when: dt.datetime | None = None) -> set[str]:
    return {s.slug for s in index.search("", filters, when=when).services}


def test_brook_is_found_at_24_and_not_at_25(bundled):
    index, services = bundled
    assert services["brook"]["maximum_age"] == 24
    assert "brook" in found(index, Filters(age=24))
    assert "brook" not in found(index, Filters(age=25))


@pytest.mark.parametrize("age", range(0, 27))
def test_every_age_finds_exactly_the_services_whose_range_includes_it(bundled, age):
    index, services = bundled
    expected = {slug for slug, d in services.items()
                if d["minimum_age"] <= age <= d["maximum_age"]}
    assert found(index, Filters(age=age)) == expected


def test_each_services_first_and_last_age_are_inside_and_one_beyond_is_outside(bundled):
    index, services = bundled
    by_age = {age: found(index, Filters(age=age)) for age in range(0, 40)}
    for slug, d in services.items():
        low, high = d["minimum_age"], d["maximum_age"]
        assert slug in by_age[low] and slug in by_age[high], slug
        if low > 0:
            assert slug not in by_age[low - 1], slug
        if high + 1 < 40:
            assert slug not in by_age[high + 1], slug


@pytest.mark.parametrize("band", [(0, 10), (11, 17), (18, 25)])
def test_who_is_looking_finds_services_overlapping_their_ages(bundled, band):
    index, services = bundled
    expected = {slug for slug, d in services.items()
                if d["minimum_age"] <= band[1] and d["maximum_age"] >= band[0]}
    assert found(index, Filters(age_band=band)) == expected


def test_every_area_finds_its_own_and_national_services(bundled):
    index, services = bundled
    areas = [a["slug"] for a in yaml.safe_load((BUNDLED / "areas.yml").read_text("utf-8"))]
    for area in areas:
        expected = {slug for slug, d in services.items()
                    if area in d["service_areas"] or "national" in d["service_areas"]}
        assert found(index, Filters(areas=(area,))) == expected, area
    national = {slug for slug, d in services.items() if "national" in d["service_areas"]}
    assert found(index, Filters(national_only=True)) == national
    pair = {slug for slug, d in services.items()
            if {"rutland", "melton", "national"} & set(d["service_areas"])}
    assert found(index, Filters(areas=("rutland", "melton"))) == pair


@pytest.mark.parametrize("name", ["delivery", "referral"])
def test_delivery_and_referral_lists(bundled, name):
    index, services = bundled
    values = {v for d in services.values() for v in d[name]}
    for value in values:
        expected = {slug for slug, d in services.items() if value in d[name]}
        assert found(index, Filters(**{name: (value,)})) == expected, value


def boundary_times(services: dict[str, dict]) -> list[dt.datetime]:
    """Each schedule's opening and closing minute, and the minute before each, every day."""
    times = set()
    for d in services.values():
        for schedule in d.get("schedules") or []:
            for day in range(7):
                for edge in (minutes(schedule["opens_at"]), minutes(schedule["closes_at"])):
                    times |= {at(day, edge % 1440), at(day, (edge - 1) % 1440)}
    return sorted(times)


def test_open_now_matches_the_listed_hours_at_every_opening_and_closing_minute(bundled):
    index, services = bundled
    excluded_somewhere = False
    for when in boundary_times(services):
        expected = {slug for slug, d in services.items() if open_at(d, when)}
        got = found(index, Filters(open_now=True), when=when)
        assert got == expected, when
        excluded_somewhere |= bool({s for s, d in services.items() if d.get("schedules")} - got)
    assert excluded_somewhere, "some listed service should be closed at some minute"


def test_open_now_at_the_edges_of_daytime_hours():
    """The fixture pack's 09:00 to 17:00 weekday service: shut at 17:00 sharp, not a minute later.

    Every bundled schedule with hours closes at 24:00, so only this pack tests a closing minute
    inside the day.
    """
    content = load_content(FIXTURE, log_problems=False)
    index = Index(content)
    services = {slug: d for slug, d in read_services(FIXTURE).items()
                if content.service(slug) is not None}
    daytime = [d for d in services.values() for s in d.get("schedules") or []
               if 0 < minutes(s["opens_at"]) < minutes(s["closes_at"]) < 1440]
    assert daytime, "the fixture pack should list daytime hours"
    for when in boundary_times(services):
        expected = {slug for slug, d in services.items() if open_at(d, when)}
        assert found(index, Filters(open_now=True), when=when) == expected, when


def test_open_now_excludes_a_closed_texting_service_and_services_without_hours(tmp_path):
    """A texting service closed at night vanishes from 'open now'; one open all night stays."""
    import shutil

    pack = tmp_path / "content"
    shutil.copytree(FIXTURE, pack)
    night = yaml.safe_load((pack / "services" / "night-line.yml").read_text("utf-8"))
    assert night["schedules"][0]["opens_at"] == "19:00"
    assert night["schedules"][0]["closes_at"] == "02:00"
    index = Index(load_content(pack, log_problems=False))
    services = read_services(pack)
    texting = Filters(delivery=("text",), open_now=True)
    cases = {at(0, 18 * 60 + 59): False, at(0, 19 * 60): True, at(0, 1439): True,
             at(1, 0): True, at(1, 119): True, at(1, 120): False, at(1, 600): False}
    for when, is_open in cases.items():
        assert open_at(services["night-line"], when) is is_open, when
        got = found(index, texting, when=when)
        assert ("night-line" in got) is is_open, when
        assert "night-line" in found(index, Filters(delivery=("text",)), when=when)
    without_hours = {slug for slug, d in services.items() if not d.get("schedules")}
    assert without_hours and not without_hours & found(index, Filters(open_now=True),
                                                       when=at(2, 12 * 60))


def test_overnight_hours_listed_for_some_days_only(tmp_path):
    """Friday 22:00 to 02:00: open late Friday and early Saturday, not early Friday."""
    import shutil

    pack = tmp_path / "content"
    shutil.copytree(FIXTURE, pack)
    path = pack / "services" / "night-line.yml"
    text = path.read_text("utf-8").replace("byday: [MO, TU, WE, TH, FR, SA, SU]",
                                           "byday: [FR]")
    text = text.replace('opens_at: "19:00"', 'opens_at: "22:00"')
    path.write_text(text, "utf-8")
    index = Index(load_content(pack, log_problems=False))
    data = read_services(pack)["night-line"]
    for when in (at(4, 21 * 60 + 59), at(4, 22 * 60), at(5, 119), at(5, 120), at(4, 60),
                 at(3, 23 * 60), at(6, 60)):
        expected = open_at(data, when)
        assert ("night-line" in found(index, Filters(open_now=True), when=when)) is expected, when
    assert open_at(data, at(5, 60)) and not open_at(data, at(4, 60))
