"""Easy read content files: what the content check says about a broken one."""

from __future__ import annotations

import datetime as dt

import pytest

from directory.content import load_content
from directory.easy_read import bold_parts

TODAY = dt.date(2026, 12, 2)
GOOD = """title: Help now
last_reviewed: 2026-12-01
lines:
  - heading: Right now
  - icon: danger
    text: If you are in **danger**, call **999**.
    contact: emergency-999
  - icon: phone
    text: Call **Childline**. It is free.
    contact: childline
"""


def _write(folder, name, text):
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def test_a_good_file_loads_with_its_lines_icons_and_contacts(content_copy):
    _write(content_copy, "easy-read/help-now.yml", GOOD)
    content = load_content(content_copy, today=TODAY, log_problems=False)
    page = content.easy("help-now")
    assert not [p for p in content.problems if "easy-read" in p.file]
    assert page.title == "Help now"
    assert page.icons == (None, "danger", "phone")
    assert page.contacts == (None, "emergency-999", "childline")
    rows, used = page.rows("pl")
    assert used == "en" and rows[0]["heading"] and rows[1]["contact"] == "emergency-999"


@pytest.mark.parametrize(("change", "field", "complaint"), [
    (("icon: danger", "icon: skull"), "icon", "'skull' is not one of our pictures"),
    (("contact: childline", "contact: nightline"), "contact", "is not a contact in crisis.yml"),
    (("Call **Childline**.", "Call 0800 123 4567."), "text", "mentions 08001234567"),
    (("    text: Call **Childline**. It is free.\n", ""), "text", "is missing"),
    (("last_reviewed: 2026-12-01", "last_reviewed: soon"), "last_reviewed", "is not a date"),
    (("title: Help now", "title: ''"), "title", "is missing"),
    (("  - heading: Right now", "  - heading: Right now\n    icon: heart"), "heading",
     "a heading has no icon"),
])
def test_a_broken_easy_read_file_names_file_field_and_problem(content_copy, change, field,
                                                              complaint):
    _write(content_copy, "easy-read/help-now.yml", GOOD.replace(*change))
    content = load_content(content_copy, today=TODAY, log_problems=False)
    problem = next(p for p in content.errors if p.file == "content/easy-read/help-now.yml")
    assert problem.field.split(".")[-1] == field and complaint in problem.message, problem
    assert problem.line >= 1 and problem.fix
    assert content.easy("help-now") is None  # left off the site, the rest keeps serving
    assert content.services


def test_an_easy_read_file_for_no_page_is_an_error(content_copy):
    _write(content_copy, "easy-read/sleeping.yml", GOOD)
    content = load_content(content_copy, today=TODAY, log_problems=False)
    problem = next(p for p in content.errors if p.file == "content/easy-read/sleeping.yml")
    assert "is not a self-help page or help-now" in problem.message


@pytest.mark.parametrize(("text", "complaint"), [
    ("title: Pomoc\nlines:\n  - Teraz\n  - Zadzwoń pod 999.\n", "has 2 lines but the English has 3"),
    ("title: Pomoc\nlines:\n  - Teraz\n  - Zadzwoń pod 999.\n  - Zadzwoń pod 0800 999 999.\n",
     "line 3 gives 0800999999"),
    ("title: Pomoc\nlines: Teraz\n", "should be a list of texts"),
])
def test_a_broken_translation_is_reported_and_english_shown(content_copy, text, complaint):
    _write(content_copy, "easy-read/help-now.yml", GOOD)
    _write(content_copy, "translations/pl/easy-read/help-now.yml", text)
    content = load_content(content_copy, today=TODAY, log_problems=False)
    problem = next(p for p in content.errors
                   if p.file == "content/translations/pl/easy-read/help-now.yml")
    assert problem.field.startswith("lines") and complaint in problem.message, problem
    rows, used = content.easy("help-now").rows("pl")
    assert used == "en" and rows[1]["text"] == "If you are in **danger**, call **999**."


def test_a_translation_shows_in_its_language_keeping_icons_and_contacts(content_copy):
    _write(content_copy, "easy-read/help-now.yml", GOOD)
    _write(content_copy, "translations/pl/easy-read/help-now.yml",
           "title: Pomoc teraz\nlines:\n  - Teraz\n  - Zadzwoń pod **999**.\n"
           "  - Zadzwoń do **Childline**.\n")
    content = load_content(content_copy, today=TODAY, log_problems=False)
    page = content.easy("help-now")
    rows, used = page.rows("pl")
    assert used == "pl" and page.text("title", "pl") == ("Pomoc teraz", "pl")
    assert [r["icon"] for r in rows] == [None, "danger", "phone"]
    assert rows[2]["contact"] == "childline" and rows[2]["text"] == "Zadzwoń do **Childline**."
    assert content.ledger.awaiting_review("pl", "easy-read/help-now")


def test_bold_parts_split_key_words():
    assert bold_parts("Call **999** now") == [("Call ", False), ("999", True), (" now", False)]
    assert bold_parts("no bold") == [("no bold", False)]
    assert bold_parts("**a****b**") == [("a", True), ("b", True)]


def test_a_broken_crisis_file_does_not_take_the_easy_read_help_page_away(content_copy):
    _write(content_copy, "easy-read/help-now.yml", GOOD.replace("contact: childline",
                                                                "contact: papyrus"))
    (content_copy / "crisis.yml").write_text("emergency: [unclosed\n", encoding="utf-8")
    content = load_content(content_copy, today=TODAY, log_problems=False)
    page = content.easy("help-now")
    assert page is not None, [p for p in content.problems if "easy-read" in p.file]
    # The safety card has no Papyrus: that line keeps its words, without a button.
    assert page.contacts == (None, "emergency-999", None)
    assert {c.slug for c in content.crisis} >= {"emergency-999", "childline"}
