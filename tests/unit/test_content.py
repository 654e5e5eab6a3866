"""Loading and validating content files, as a content editor meets it."""

import datetime as dt

import pytest

from directory.content import UK, load_content, postcode_district
from tests.conftest import FIXTURE

TODAY = dt.date(2026, 11, 22)


def test_fixture_pack_loads_without_errors():
    content = load_content(FIXTURE, today=TODAY)
    assert [str(p) for p in content.errors] == []
    assert {s.slug for s in content.services} == {
        "town-counselling", "night-line", "little-ones", "city-youth-online"}
    town = content.service("town-counselling")
    assert town.minimum_age == 11 and town.maximum_age == 18
    assert town.phones[0].tel == "tel:01234567890"
    assert town.address.postal_code == "LE11 1AA"
    assert town.description.count("\n\n") == 1  # paragraphs survive


def test_stale_last_checked_is_a_warning_naming_file_and_line():
    content = load_content(FIXTURE, today=TODAY)
    stale = [p for p in content.warnings if p.field == "last_checked"]
    assert len(stale) == 1
    assert stale[0].file == "content/services/little-ones.yml"
    assert str(stale[0]).startswith("content/services/little-ones.yml:16: last_checked: ")
    assert "over 12 months ago" in str(stale[0])
    assert content.service("little-ones") is not None  # still shown


def _write(folder, name, text):
    (folder / "services" / name).write_text(text, encoding="utf-8")


def test_missing_field_names_file_field_and_fix(content_copy):
    path = content_copy / "services" / "town-counselling.yml"
    path.write_text(path.read_text().replace("fees: Free\n", ""))
    content = load_content(content_copy, today=TODAY)
    assert content.service("town-counselling") is None
    messages = [str(p) for p in content.errors]
    assert any(m.startswith("content/services/town-counselling.yml:") and ": fees: is missing — "
               in m and "write Free" in m for m in messages), messages
    assert content.service("night-line") is not None  # the rest still load


def test_bad_values_are_each_reported_with_their_line(content_copy):
    path = content_copy / "services" / "town-counselling.yml"
    text = path.read_text()
    text = text.replace("maximum_age: 18", "maximum_age: 9")
    text = text.replace("needs: [anxiety, low-mood]", "needs: [anxiety, worries]")
    text = text.replace('closes_at: "17:00"', "closes_at: 17:00")
    text = text.replace("postal_code: LE11 1AA", "postal_code: NOTAPOSTCODE")
    path.write_text(text)
    content = load_content(content_copy, today=TODAY)
    by_field = {p.field: p for p in content.errors}
    assert by_field["maximum_age"].line == 11
    assert "younger than minimum_age 11" in by_field["maximum_age"].message
    assert by_field["needs"].line == 13 and "'worries'" in by_field["needs"].message
    # unquoted, YAML reads 17:00 as a number; the message still shows the time as written
    assert "in quotes" in by_field["schedules[1].closes_at"].fix
    assert "17:00" in by_field["schedules[1].closes_at"].message
    assert "LE1 6WW" in by_field["address.postal_code"].fix
    assert content.service("town-counselling") is None


def test_invalid_yaml_is_reported_not_raised(content_copy):
    _write(content_copy, "broken.yml", "name: Broken\nsummary: [unclosed\nfees: Free\n")
    content = load_content(content_copy, today=TODAY)
    problem = next(p for p in content.errors if p.file.endswith("broken.yml"))
    assert problem.field == "(file)" and "not valid YAML" in problem.message
    assert problem.line >= 2
    assert len(content.services) == 4


def test_unknown_field_is_a_warning_and_bad_slug_file_name_an_error(content_copy):
    path = content_copy / "services" / "night-line.yml"
    path.write_text(path.read_text() + "nmae: typo\n")
    _write(content_copy, "Bad Name.yml", path.read_text())
    content = load_content(content_copy, today=TODAY)
    assert any(p.field == "nmae" and p.severity == "warning" for p in content.problems)
    assert any("Bad Name.yml" in p.message for p in content.errors)
    assert content.service("night-line") is not None


def test_missing_needs_file_is_reported(content_copy):
    (content_copy / "needs.yml").unlink()
    content = load_content(content_copy, today=TODAY)
    assert any(p.file == "content/needs.yml" and "missing" in p.message for p in content.errors)
    # every service names a need that no longer exists, so none can be shown
    assert content.services == ()


def test_future_date_and_non_boolean_flag_are_errors(content_copy):
    path = content_copy / "services" / "night-line.yml"
    text = path.read_text().replace("last_checked: 2026-10-01", "last_checked: 2030-01-01")
    path.write_text(text.replace("needs_checking: false", "needs_checking: maybe"))
    content = load_content(content_copy, today=TODAY)
    fields = {p.field for p in content.errors if "night-line" in p.file}
    assert {"last_checked", "needs_checking"} <= fields


def test_opening_hours_in_uk_time_including_past_midnight():
    content = load_content(FIXTURE, today=TODAY)
    town, night = content.service("town-counselling"), content.service("night-line")
    monday_noon = dt.datetime(2026, 11, 23, 12, 0, tzinfo=UK)
    saturday_noon = dt.datetime(2026, 11, 28, 12, 0, tzinfo=UK)
    sunday_1am = dt.datetime(2026, 11, 29, 1, 0, tzinfo=UK)
    assert town.is_open(monday_noon) is True
    assert town.is_open(saturday_noon) is False
    assert town.next_opening(saturday_noon) == dt.datetime(2026, 11, 30, 9, 0, tzinfo=UK)
    assert night.is_open(sunday_1am) is True  # opened Saturday 19:00, closes 02:00
    assert night.is_open(saturday_noon) is False
    # 16:30 UTC in summer is 17:30 UK time (BST): just closed
    summer = dt.datetime(2026, 7, 1, 16, 30, tzinfo=dt.UTC)  # 17:30 BST
    assert town.is_open(summer) is False
    assert content.service("little-ones").is_open(monday_noon) is None  # hours not listed


def test_postcodes_map_to_areas():
    content = load_content(FIXTURE, today=TODAY)
    assert postcode_district("le11 3tu") == "LE11"
    assert postcode_district("LE113TU") == "LE11"
    assert postcode_district("LE15") == "LE15"
    assert postcode_district("hello") is None
    assert content.areas_for_postcode("LE11 3TU") == ("charnwood",)
    assert set(content.areas_for_postcode("LE2 1AA")) == {"leicester", "oadby-and-wigston"}
    assert content.areas_for_postcode("SW1A 1AA") == ()


# --------------------------------------------------------------------------- phone numbers

def _set_phone(folder, written: str) -> None:
    path = folder / "services" / "town-counselling.yml"
    path.write_text(path.read_text().replace('number: "01234 567890"', f"number: {written}"))


def test_unquoted_phone_number_is_refused_with_how_to_quote_it(content_copy):
    _set_phone(content_copy, "01162555555")  # YAML 1.1 reads this as octal 164289389
    content = load_content(content_copy, today=TODAY)
    assert content.service("town-counselling") is None  # never published as tel:164289389
    problem = next(p for p in content.errors if "town-counselling" in p.file)
    assert str(problem).startswith(
        "content/services/town-counselling.yml:27: phones[1].number: the phone number is not in "
        "quotes")
    assert "164289389" in problem.message and "in quotes" in problem.fix


@pytest.mark.parametrize(("written", "complaint"), [
    ('"0116 25"', "too short"),
    ('"0116 255 55555 5"', "too long"),
    ('"ring the office"', "is not a phone number"),
    ('"0116-255-5555"', "is not a phone number"),
    ('"07700 900123"', "not a phone number in use"),  # Ofcom's range kept for TV drama
    ("999", "not in quotes"),
    ("true", "is not a phone number"),
    ('""', "needs a number"),
])
def test_wrong_phone_numbers_fail_the_check_naming_file_line_and_field(content_copy, written,
                                                                       complaint):
    _set_phone(content_copy, written)
    content = load_content(content_copy, today=TODAY)
    assert content.service("town-counselling") is None
    problem = next(p for p in content.errors if "town-counselling" in p.file)
    assert (problem.line, problem.field) == (27, "phones[1].number")
    assert complaint in problem.message, problem
    assert problem.fix


@pytest.mark.parametrize(("written", "tel"), [
    ('"999"', "tel:999"), ('"111"', "tel:111"), ('"116 123"', "tel:116123"),
    ('"116 111"', "tel:116111"), ('"0800 1111"', "tel:08001111"),
    ('"0800 068 4141"', "tel:08000684141"), ('"0116 255 5555"', "tel:01162555555"),
    ('"+44 116 255 5555"', "tel:+441162555555"), ('"0300  123   6600"', "tel:03001236600"),
])
def test_good_numbers_are_shown_and_dialled_as_written(content_copy, written, tel):
    _set_phone(content_copy, written)
    content = load_content(content_copy, today=TODAY)
    phone = content.service("town-counselling").phones[0]
    assert phone.tel == tel
    assert phone.number == " ".join(written.strip('"').split())


def test_text_short_codes_are_accepted_and_bad_text_numbers_refused(content_copy):
    path = content_copy / "services" / "night-line.yml"
    good = path.read_text().replace('number: "80000"', 'number: "85258"')
    path.write_text(good)
    assert load_content(content_copy, today=TODAY).service("night-line").texts[0].sms.startswith(
        "sms:85258")
    path.write_text(good.replace('number: "85258"', 'number: "text us"'))
    content = load_content(content_copy, today=TODAY)
    assert content.service("night-line") is None
    problem = next(p for p in content.errors if "night-line" in p.file)
    assert problem.field == "texts[1].number" and "is not a text number" in problem.message


@pytest.mark.parametrize(("line", "complaint"), [
    ('phone: 01162555555', "not in quotes"), ("phone: 116123", "not in quotes"),
    ('phone: "0116 25"', "too short"), ('text: "ring us"', "not a text number"),
])
def test_crisis_numbers_are_checked_like_services(content_copy, line, complaint):
    path = content_copy / "crisis.yml"
    path.write_text(path.read_text().replace('phone: "116 123"', line))
    content = load_content(content_copy, today=TODAY)
    problem = next(p for p in content.errors if p.file == "content/crisis.yml")
    assert problem.field.startswith("samaritans.") and complaint in problem.message, problem
    assert problem.line == 20
    assert "samaritans" not in {c.slug for c in content.crisis}
