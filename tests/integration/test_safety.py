"""Crisis help can't vanish: whatever is wrong with crisis.yml, help-now still offers 999, 111 and
a free helpline (the built-in safety card), and the content check says what is wrong."""

import logging
import shutil

import pytest

from directory import create_app
from directory.content import load_content
from directory.safety import missing_lines
from tests.conftest import FIXTURE

BROKEN_CRISIS = {
    "invalid YAML": "emergency:\n  - slug: emergency-999\n    phone: [unclosed\n",
    "empty": "",
    "no 999": "urgent:\n  - slug: samaritans\n    name: Samaritans\n    phone: \"116 123\"\n"
              "  - slug: nhs-111\n    name: NHS 111\n    phone: \"111\"\n",
    "only a paid line": "emergency:\n  - slug: emergency-999\n    name: Emergency\n"
                        "    phone: \"999\"\nurgent:\n  - slug: nhs-111\n    name: NHS 111\n"
                        "    phone: \"111\"\n",
    "999 mistyped": (FIXTURE / "crisis.yml").read_text().replace('phone: "999"', "phone: 999"),
    "emergency as text only": (FIXTURE / "crisis.yml").read_text().replace(
        'phone: "999"', 'text: "85258"'),
}


def _dialled(contacts):
    return {c.phone.tel for c in contacts if c.phone} | {c.text_line.sms for c in contacts
                                                          if c.text_line}


@pytest.mark.parametrize("case", sorted(BROKEN_CRISIS))
def test_broken_crisis_file_gives_the_safety_card_and_an_error(content_copy, case):
    (content_copy / "crisis.yml").write_text(BROKEN_CRISIS[case])
    content = load_content(content_copy, log_problems=False)
    assert missing_lines(list(content.crisis)) == []
    assert {"tel:999", "tel:111", "tel:116123", "tel:08001111"} <= _dialled(content.crisis)
    assert next(c for c in content.crisis if c.slug == "emergency-999").emergency
    errors = [str(p) for p in content.errors if p.file == "content/crisis.yml"]
    assert any("safety card" in e for e in errors), errors


def test_missing_crisis_file_gives_the_safety_card(content_copy):
    (content_copy / "crisis.yml").unlink()
    content = load_content(content_copy, log_problems=False)
    assert {"tel:999", "tel:111", "tel:116123"} <= _dialled(content.crisis)
    assert any(p.file == "content/crisis.yml" for p in content.errors)


def test_complete_crisis_file_is_shown_as_written():
    content = load_content(FIXTURE, log_problems=False)
    assert [c.slug for c in content.crisis] == [
        "emergency-999", "nhs-111", "childline", "samaritans", "shout", "papyrus"]
    assert not [p for p in content.problems if p.file == "content/crisis.yml"]


@pytest.fixture(scope="module")
def broken_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("broken-crisis") / "content"
    shutil.copytree(FIXTURE, folder)
    (folder / "crisis.yml").write_text(BROKEN_CRISIS["invalid YAML"])
    return create_app({"TESTING": True, "CONTENT_DIR": str(folder),
                       "FEEDBACK_DB": str(folder.parent / "feedback.sqlite3")})


@pytest.mark.parametrize("path", [
    "/en/help-now", "/ur/help-now", "/ar/help-now", "/pl/help-now", "/en/offline", "/ur/offline",
    "/en/search?q=i+want+to+die", "/ur/search?q=i+want+to+die",
])
def test_help_now_keeps_its_numbers_with_crisis_file_broken(broken_app, path):
    response = broken_app.test_client().get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for target in ('href="tel:999"', 'href="tel:111"', 'href="tel:116123"',
                   'href="tel:08001111"'):
        assert target in html, (path, target)
    if "search" in path:
        box = html.index('class="help-box"')
        assert 'href="tel:999"' in html[box:box + 3000]


def test_start_up_logs_the_broken_crisis_file_as_an_error(content_copy, caplog):
    (content_copy / "crisis.yml").write_text("")
    with caplog.at_level(logging.INFO):
        create_app({"TESTING": True, "CONTENT_DIR": str(content_copy),
                    "FEEDBACK_DB": str(content_copy.parent / "feedback.sqlite3")})
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any("content/crisis.yml" in m and "safety card" in m for m in errors), errors


def test_content_check_fails_naming_the_crisis_file(content_copy):
    (content_copy / "crisis.yml").write_text(BROKEN_CRISIS["no 999"])
    app = create_app({"TESTING": True, "CONTENT_DIR": str(FIXTURE)})
    result = app.test_cli_runner().invoke(args=["content", "check", "--path", str(content_copy)])
    assert result.exit_code == 1
    assert "content/crisis.yml:1: (help-now): does not list 999 under emergency:" in result.output


@pytest.mark.parametrize(("lang", "description", "wrong"), [
    ("pl", "Porozmawiaj z kimś. Zadzwoń pod 116 124, bezpłatnie.", "116124"),
    ("ar", "اتصل على ٩٩٠ إذا كانت حياتك في خطر.", "990"),
    ("ur", "فون کریں 0800 1112", "08001112"),
])
def test_a_translation_giving_a_different_crisis_number_is_refused(content_copy, lang,
                                                                   description, wrong):
    slug = {"pl": "samaritans", "ar": "emergency-999", "ur": "childline"}[lang]
    (content_copy / "translations").mkdir()
    (content_copy / "translations" / f"{lang}.yml").write_text(
        f"crisis:\n  {slug}:\n    name: X\n    description: {description}\n", encoding="utf-8")
    content = load_content(content_copy, log_problems=False)
    contact = next(c for c in content.crisis if c.slug == slug)
    assert contact.text("description", lang)[1] == "en"  # the English, with the right number
    assert contact.text("name", lang) == ("X", lang)
    problem = next(p for p in content.errors if p.file == f"content/translations/{lang}.yml")
    assert problem.field == f"crisis.{slug}.description" and wrong in problem.message
    assert problem.line == 4


def test_a_translation_may_write_the_same_numbers_in_its_own_digits(content_copy):
    (content_copy / "translations").mkdir()
    (content_copy / "translations" / "ar.yml").write_text(
        "crisis:\n  samaritans:\n    description: تحدث إلى شخص ما على ١١٦ ١٢٣، مجانًا، 24/7.\n",
        encoding="utf-8")
    content = load_content(content_copy, log_problems=False)
    contact = next(c for c in content.crisis if c.slug == "samaritans")
    assert contact.text("description", "ar")[1] == "ar"
    assert not content.errors


def test_the_server_logs_the_safety_card_even_after_serve_printed_the_check(content_copy, caplog):
    (content_copy / "crisis.yml").write_text("")
    with caplog.at_level(logging.INFO):
        create_app({"TESTING": True, "CONTENT_DIR": str(content_copy), "CONTENT_CHECKED": True,
                    "FEEDBACK_DB": str(content_copy.parent / "feedback.sqlite3")})
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "safety card" in errors[0], errors


@pytest.mark.parametrize("text", ["", "crisis: [unclosed\n", "crisis:\n  samaritans: oops\n",
                                  "crisis:\n  samaritans:\n    name: ''\n    description: 5\n"])
def test_a_broken_language_file_keeps_the_numbers_and_is_an_error(content_copy, text):
    (content_copy / "translations").mkdir()
    (content_copy / "translations" / "ur.yml").write_text(text, encoding="utf-8")
    app = create_app({"TESTING": True, "CONTENT_DIR": str(content_copy),
                      "FEEDBACK_DB": str(content_copy.parent / "feedback.sqlite3")})
    html = app.test_client().get("/ur/help-now").get_data(as_text=True)
    for target in ('href="tel:999"', 'href="tel:111"', 'href="tel:116123"'):
        assert target in html
    assert "Samaritans" in html  # shown in English, not left blank
    content = app.extensions["signpost.content"]
    assert any(p.file == "content/translations/ur.yml" for p in content.errors)


SAMARITANS = '  - slug: samaritans\n    name: Samaritans\n    description: Talk.\n    phone: "116 123"\n'


@pytest.mark.parametrize(("old", "new", "field", "count"), [
    ("urgent:\n", "urgnet:\n", "urgnet", 1),
    (SAMARITANS, '  - slug: samaritans\n    name: {x: 1}\n    phone: "116 123"\n',
     "samaritans.name", 1),
    (SAMARITANS, '  - slug: samaritans\n    phone: "116 123"\n', "samaritans", 1),
    (SAMARITANS, "  - slug: samaritans\n    name: Samaritans\n", "samaritans", 1),
    (SAMARITANS, '  - slug: samaritans\n    name: Samaritans\n    phnoe: "116 123"\n',
     "samaritans", 1),
    (SAMARITANS, '  - slug: Samaritans Line\n    name: Samaritans\n    phone: "116 123"\n',
     "urgent.slug", 1),
])
def test_crisis_file_mistakes_name_the_field(content_copy, old, new, field, count):
    path = content_copy / "crisis.yml"
    text = path.read_text().replace(
        '  - slug: samaritans\n    name: Samaritans\n    description: Talk to someone at any age, '
        'any time. Free, 24 hours.\n    phone: "116 123"\n', SAMARITANS)
    assert old in text
    path.write_text(text.replace(old, new))
    content = load_content(content_copy, log_problems=False)
    errors = [p for p in content.errors if p.file == "content/crisis.yml" and p.field != "(help-now)"]
    assert [p.field for p in errors] == [field] * count, errors
    assert errors[0].line > 1
    assert {"tel:999", "tel:111"} <= _dialled(content.crisis)
    assert "samaritans" not in {c.slug for c in content.crisis} or field == "urgnet"


def test_a_crisis_group_that_is_not_a_list_is_one_error(content_copy):
    (content_copy / "crisis.yml").write_text('emergency: "999"\nurgent: {slug: nhs-111}\n')
    content = load_content(content_copy, log_problems=False)
    errors = [(p.field, p.message) for p in content.errors if p.file == "content/crisis.yml"]
    assert [f for f, _ in errors] == ["emergency", "urgent", "(help-now)"], errors
    assert {"tel:999", "tel:111", "tel:116123"} <= _dialled(content.crisis)
