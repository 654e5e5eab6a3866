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


# --------------------------------------------------------------------------- site.yml

@pytest.mark.parametrize(("old", "new", "field"), [
    ("name: Signpost", "name: {x: 1}", "name"),
    ("area_name: Leicester, Leicestershire and Rutland", "area_name: [Leicester]", "area_name"),
    ("languages: [en, gu, pa, ur, ar, pl, ro, so]", "languages: [en, no]", "languages"),
    ("languages: [en, gu, pa, ur, ar, pl, ro, so]", "languages: en", "languages"),
    ("default_language: en", "default_language: fr", "default_language"),
    ("site_url: http://localhost:5000", "site_url: 5000", "site_url"),
    ("  team: the Leicester", "  team: [the Leicester", "corrections.team"),
    ("  email:", "  email: nobody", "corrections.email"),
])
def test_wrong_types_in_site_yml_are_reported(content_copy, old, new, field):
    path = content_copy / "site.yml"
    text = path.read_text()
    assert old in text
    if field == "corrections.team":
        text = text.replace("partnership\n", "partnership]\n")
    path.write_text(text.replace(old, new))
    content = load_content(content_copy, today=TODAY, log_problems=False)
    problem = next(p for p in content.errors if p.file == "content/site.yml")
    assert problem.field == field, problem
    assert problem.line == next(i for i, line in enumerate(path.read_text().splitlines(), 1)
                                if new.split(":")[0] + ":" in line)
    assert isinstance(content.site.name, str) and isinstance(content.site.area_name, str)
    assert "en" in content.site.languages and content.site.site_url.startswith("http")


def test_unknown_site_field_is_a_warning(content_copy):
    path = content_copy / "site.yml"
    path.write_text(path.read_text() + "nmae: Typo\n")
    content = load_content(content_copy, today=TODAY, log_problems=False)
    assert [(p.field, p.severity) for p in content.problems] == [("nmae", "warning")] + [
        (p.field, p.severity) for p in load_content(FIXTURE, today=TODAY).problems]


# --------------------------------------------------------------------------- translation files

def _translations(folder, **files):
    (folder / "translations").mkdir(exist_ok=True)
    for lang, text in files.items():
        (folder / "translations" / f"{lang}.yml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("text", "complaint"), [
    ("", "is empty"), ("# nothing yet\n", "is empty"),
    ("services:\n  night-line: [unclosed\n", "not valid YAML"),
    ("- just a list\n", "should have sections"),
])
def test_broken_or_empty_translation_file_is_an_error(content_copy, text, complaint):
    _translations(content_copy, pl=text)
    content = load_content(content_copy, today=TODAY, log_problems=False)
    problem = next(p for p in content.errors if p.file == "content/translations/pl.yml")
    assert complaint in problem.message, problem


@pytest.mark.parametrize("path", ["ur/services/night-line.yml", "ur/glossary.yml"])
def test_an_empty_per_language_file_is_an_error_not_silence(content_copy, path):
    target = content_copy / "translations" / path
    target.parent.mkdir(parents=True)
    target.write_text("# to do\n")
    content = load_content(content_copy, today=TODAY, log_problems=False)
    problem = next(p for p in content.errors if p.file == f"content/translations/{path}")
    assert problem.field == "(file)" and "is empty" in problem.message


def test_one_broken_service_is_one_problem_not_one_per_translation(content_copy):
    block = "services:\n  night-line:\n    summary: {}\n"
    _translations(content_copy, pl=block.format("Linia nocna"), ur=block.format("رات کی لائن"),
                  ro=block.format("Linie de noapte"))
    (content_copy / "translations" / "ur" / "services").mkdir(parents=True)
    (content_copy / "translations" / "ur" / "services" / "night-line.yml").write_text(
        "description: رات کو کسی رضاکار سے بات کریں۔\n", encoding="utf-8")
    clean = load_content(content_copy, today=TODAY, log_problems=False)
    assert clean.service("night-line").text("description", "ur")[1] == "ur"
    assert clean.service("night-line").text("summary", "pl") == ("Linia nocna", "pl")
    path = content_copy / "services" / "night-line.yml"
    path.write_text(path.read_text().replace("minimum_age: 13", "minimum_age: thirteen"))
    broken = load_content(content_copy, today=TODAY, log_problems=False)
    new = set(broken.problems) - set(clean.problems)
    assert [str(p) for p in new] == [
        "content/services/night-line.yml:7: minimum_age: 'thirteen' is not an age in whole years "
        "— write a whole number such as 11 (0 means from birth)"]


def test_translation_of_an_entry_that_does_not_exist_is_still_a_warning(content_copy):
    _translations(content_copy, pl="services:\n  no-such-line:\n    summary: Nic\n")
    content = load_content(content_copy, today=TODAY, log_problems=False)
    problem = next(p for p in content.warnings if p.file == "content/translations/pl.yml")
    assert problem.field == "services.no-such-line" and "no such entry" in problem.message


def test_problems_are_logged_once_however_often_the_pack_is_loaded(content_copy, caplog):
    path = content_copy / "services" / "night-line.yml"
    path.write_text(path.read_text().replace("minimum_age: 13", "minimum_age: thirteen"))
    load_content(content_copy, today=TODAY)
    load_content(content_copy, today=TODAY)
    logged = [r.getMessage() for r in caplog.records if "night-line.yml" in r.getMessage()]
    assert len(logged) == 1 and caplog.records[0].levelname in ("ERROR", "WARNING")


# --------------------------------------------------------------------------- self-help pages

PAGE = """---
title: Sleep
summary: Why sleep goes wrong, and small things that help.
needs: [sleep]
audience: [teens]
last_reviewed: 2026-11-01
---
Plain words about sleep.
"""


def _page(folder, name, text):
    (folder / "pages").mkdir(exist_ok=True)
    (folder / "pages" / name).write_text(text, encoding="utf-8")


def test_a_good_page_and_its_translation_load(content_copy):
    _page(content_copy, "sleep.md", PAGE)
    _page(content_copy, "sleep.pl.md", "---\ntitle: Sen\n---\nProste słowa o śnie.\n")
    content = load_content(content_copy, today=TODAY, log_problems=False)
    page = content.page("sleep")
    assert (page.title, page.needs, page.audience) == ("Sleep", ("sleep",), ("teens",))
    assert page.text("title", "pl") == ("Sen", "pl")
    assert page.translations["pl"]["body"] == "Proste słowa o śnie."
    assert page.text("summary", "pl")[1] == "en"  # not translated: English, marked as such
    assert not [p for p in content.problems if "pages" in p.file]


@pytest.mark.parametrize(("old", "new", "field", "line"), [
    ("title: Sleep\n", "", "title", 1),
    ("summary: Why", "summary: " + "x" * 150 + " Why", "summary", 3),
    ("needs: [sleep]", "needs: [dreams]", "needs", 4),
    ("needs: [sleep]", "needs: sleep", "needs", 4),
    ("audience: [teens]", "audience: [pensioners]", "audience", 5),
    ("last_reviewed: 2026-11-01", "last_reviewed: last week", "last_reviewed", 6),
    ("Plain words about sleep.\n", "", "(body)", 1),
    ("---\ntitle", "title", "(header)", 1),
    ("title: Sleep", "title: [Sleep", "(header)", 3),
    ("title: Sleep", "- title: Sleep", "(header)", 3),
    (PAGE[4:PAGE.index("\n---")], "- Sleep", "(header)", 1),
])
def test_page_front_matter_errors_name_file_line_and_field(content_copy, old, new, field, line):
    assert old in PAGE
    _page(content_copy, "sleep.md", PAGE.replace(old, new, 1))
    content = load_content(content_copy, today=TODAY, log_problems=False)
    assert content.page("sleep") is None
    problem = next(p for p in content.errors if p.file == "content/pages/sleep.md")
    assert (problem.field, problem.line) == (field, line), problem
    assert problem.fix


def test_old_page_is_a_warning_and_bad_file_name_an_error(content_copy):
    _page(content_copy, "sleep.md", PAGE.replace("2026-11-01", "2024-01-01"))
    _page(content_copy, "Sleep Well.md", PAGE)
    content = load_content(content_copy, today=TODAY, log_problems=False)
    assert content.page("sleep") is not None
    warning = next(p for p in content.warnings if p.file == "content/pages/sleep.md")
    assert warning.field == "last_reviewed" and "over 12 months" in warning.message
    assert any("Sleep Well.md" in p.message for p in content.errors)


def test_translation_of_a_broken_page_adds_no_second_problem(content_copy):
    _page(content_copy, "sleep.md", PAGE.replace("needs: [sleep]", "needs: [dreams]"))
    _page(content_copy, "sleep.pl.md", "---\ntitle: Sen\n---\nSłowa.\n")
    _page(content_copy, "sleep.ur.md", "---\ntitle: نیند\n---\nالفاظ\n")
    _page(content_copy, "nothing.pl.md", "---\ntitle: Nic\n---\nNic.\n")
    content = load_content(content_copy, today=TODAY, log_problems=False)
    page_problems = [(p.file, p.field) for p in content.problems if "pages" in p.file]
    assert page_problems == [("content/pages/sleep.md", "needs"),
                             ("content/pages/nothing.pl.md", "(file)")]


@pytest.mark.parametrize(("header", "field", "severity", "line"), [
    ("title: [Sen", "(header)", "error", 3), ("- Sen", "(header)", "error", 1),
    ("title: 5", "title", "error", 2), ("title: Sen\nneeds: [sleep]", "needs", "warning", 3),
    ("summary: " + "y" * 150, "summary", "warning", 2),
])
def test_broken_page_translation_is_reported_not_raised(content_copy, header, field, severity,
                                                        line):
    _page(content_copy, "sleep.md", PAGE)
    _page(content_copy, "sleep.pl.md", f"---\n{header}\n---\nSłowa.\n")
    content = load_content(content_copy, today=TODAY, log_problems=False)
    assert content.page("sleep") is not None  # the English page is still shown
    problem = next(p for p in content.problems if p.file == "content/pages/sleep.pl.md")
    assert (problem.field, problem.severity, problem.line) == (field, severity, line), problem


def test_page_translation_in_a_language_the_site_does_not_have_is_a_warning(content_copy):
    _page(content_copy, "sleep.md", PAGE)
    _page(content_copy, "sleep.fr.md", "---\ntitle: Sommeil\n---\nMots.\n")
    content = load_content(content_copy, today=TODAY, log_problems=False)
    problem = next(p for p in content.problems if p.file == "content/pages/sleep.fr.md")
    assert problem.severity == "warning" and "'fr'" in problem.message
    assert "fr" not in content.page("sleep").translations


# --------------------------------------------------------------------------- glossary

@pytest.mark.parametrize(("text", "field"), [
    ("slug: camhs\n", "(file)"),
    ("- just a word\n", "(file)"),
    ("- slug: Not A Slug\n  term: X\n  meaning: Y\n", "slug"),
    ("- slug: camhs\n  term: CAMHS\n  meaning: A team.\n- slug: camhs\n  term: C\n  meaning: Z\n",
     "slug"),
    ("- slug: camhs\n  term: CAMHS\n", "camhs"),
    ("- slug: camhs\n  term: CAMHS\n  meaning: A team.\n  also: CYPMHS\n", "camhs.also"),
])
def test_glossary_mistakes_are_reported(content_copy, text, field):
    (content_copy / "glossary.yml").write_text(text)
    content = load_content(content_copy, today=TODAY, log_problems=False)
    problem = next(p for p in content.errors if p.file == "content/glossary.yml")
    assert problem.field == field, problem


def test_glossary_terms_load_with_their_other_spellings(content_copy):
    (content_copy / "glossary.yml").write_text(
        "- slug: camhs\n  term: CAMHS\n  also: [CYPMHS, Child and Adolescent Mental Health "
        "Services]\n  meaning: The NHS team   for young people's mental health.\n")
    (term,) = load_content(content_copy, today=TODAY, log_problems=False).glossary
    assert term.meaning == "The NHS team for young people's mental health."
    assert term.spellings[0] == "Child and Adolescent Mental Health Services"
    assert set(term.spellings) == {"CAMHS", "CYPMHS", "Child and Adolescent Mental Health Services"}


@pytest.mark.parametrize(("step", "flagged"), [
    ("Call 0800 068 41144 any time.", "0800 068 41144"),  # one digit too many
    ("Or ring 0116 25 55.", "0116 25 55"),
    ("Call +44 1234 567891.", "+44 1234 567891"),
])
def test_a_number_typed_into_a_sentence_must_be_a_listed_one(content_copy, step, flagged):
    path = content_copy / "services" / "town-counselling.yml"
    path.write_text(path.read_text().replace("  - Or fill in the form yourself.", f"  - {step}"))
    content = load_content(content_copy, today=TODAY, log_problems=False)
    problem = next(p for p in content.warnings if p.field == "how_to_get_help")
    assert str(problem).startswith(
        f"content/services/town-counselling.yml:18: how_to_get_help: mentions {flagged}, which is "
        "not a number listed")


@pytest.mark.parametrize("step", [
    "Call 01234 567890 in office hours.",  # its own phones: entry
    "Or call the night line on 0800 000 000.",  # another entry's number
    "Call 0800 1111 or 116 123, or 999 in an emergency.",  # crisis lines
    "Open since 2023, for ages 11 to 18, at LE11 1AA, 24/7.",  # not phone numbers
])
def test_listed_numbers_and_other_figures_in_sentences_are_fine(content_copy, step):
    path = content_copy / "services" / "town-counselling.yml"
    path.write_text(path.read_text().replace("  - Or fill in the form yourself.", f"  - {step}"))
    content = load_content(content_copy, today=TODAY, log_problems=False)
    assert [p for p in content.problems if "town-counselling" in p.file] == []
