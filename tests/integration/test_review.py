"""A checking round: the review workbook, filled in as a service manager would, applied back."""

from __future__ import annotations

import datetime as dt
import difflib
import shutil

import pytest
from openpyxl import load_workbook

from directory import create_app
from directory.content import UNCONFIRMABLE, load_content
from directory.review import COL, DETAILS, INSTRUCTIONS, SHEET, apply_review, write_review
from tests.conftest import BUNDLED

TODAY = dt.date(2026, 12, 1)


@pytest.fixture()
def pack(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(BUNDLED, target)
    return target


def _rows(path):
    sheet = load_workbook(path)[SHEET]
    return sheet, [dict(zip(COL, (c.value for c in row), strict=False))
                   for row in sheet.iter_rows(min_row=2)]


def test_details_are_the_ones_the_loader_knows():
    assert tuple(DETAILS) == UNCONFIRMABLE


def test_the_workbook_lists_every_unconfirmed_detail_grouped_by_organisation(pack, tmp_path):
    content = load_content(pack, today=TODAY, log_problems=False)
    out = tmp_path / "review.xlsx"
    count = write_review(content, out, TODAY)
    due = [s for s in content.services if s.needs_checking or s.last_checked is None]
    assert count == len(due) > 0
    book = load_workbook(out)
    assert book.sheetnames[0] == INSTRUCTIONS
    sheet, rows = _rows(out)
    assert len(rows) == sum(len(DETAILS) for _ in due)
    orgs = [r["Organisation"] for r in rows]
    assert orgs == sorted(orgs, key=str.casefold), "rows are grouped by organisation"
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.value is None or cell.data_type == "s", "every cell is text"
    numbers = [r["What Signpost shows now"] for r in rows if r["Detail"] == DETAILS["phone"]]
    assert any(n.startswith("0") for n in numbers), "phone numbers keep their leading 0"
    assert all(r["Confirmed value"] is None and r["Checked by / on"] is None for r in rows)


def _fill(path, answers: dict[tuple[str, str], tuple[str, str]]):
    """Write answers {(slug, detail key): (value, checked by)} into the workbook, as Excel would."""
    book = load_workbook(path)
    sheet = book[SHEET]
    for row in sheet.iter_rows(min_row=2):
        slug, label = row[COL["Service file"] - 1].value, row[COL["Detail"] - 1].value
        key = next(k for k, v in DETAILS.items() if v == label)
        if (slug, key) in answers:
            value, by = answers[(slug, key)]
            row[COL["Confirmed value"] - 1].value = value
            row[COL["Checked by / on"] - 1].value = by
    book.save(path)


def test_a_filled_in_workbook_applies_cleanly_and_only_changed_lines_differ(pack, tmp_path):
    content = load_content(pack, today=TODAY, log_problems=False)
    out = tmp_path / "review.xlsx"
    write_review(content, out, TODAY)
    due = [s for s in content.services if s.needs_checking]
    whole = next(s for s in due if s.phones and s.url)           # every detail confirmed
    bad = next(s for s in due if s.phones and s is not whole)     # one bad phone number
    part = next(s for s in due if s.phones and s not in (whole, bad))  # only the phone
    before = {s.slug: (pack / "services" / f"{s.slug}.yml").read_text() for s in (whole, bad, part)}
    answers = {(whole.slug, k): ("correct", "Sam Patel 30/11/2026") for k in DETAILS}
    answers[(whole.slug, "url")] = (whole.url.rstrip("/") + "/young-people", "Sam Patel 30/11/2026")
    answers[(whole.slug, "ages")] = ("11 to 19", dt.datetime(2026, 11, 30))
    answers[(bad.slug, "phone")] = ("0116 255", "Sam Patel 2026-11-30")
    answers[(bad.slug, "email")] = ("correct", "Sam Patel 2026-11-30")
    answers[(part.slug, "phone")] = (part.phones[0].number, "Jo 2026-11-29")
    _fill(out, answers)

    outcome = apply_review(out, content, TODAY)

    # The bad row is reported by sheet, row and column, and nothing is written for that service.
    assert bad.slug in outcome.skipped
    assert any(str(p).startswith(f"{SHEET}!F") and "0116 255" in str(p) for p in outcome.problems)
    assert (pack / "services" / f"{bad.slug}.yml").read_text() == before[bad.slug]

    after = load_content(pack, today=TODAY, log_problems=False)
    assert not [p for p in after.errors if p.file.startswith("content/services/")]
    done = after.service(whole.slug)
    assert not done.needs_checking and done.last_checked == dt.date(2026, 11, 30)
    assert done.url.endswith("/young-people") and (done.minimum_age, done.maximum_age) == (11, 19)
    assert not done.check_note and not done.unconfirmed
    half = after.service(part.slug)
    assert half.needs_checking and half.last_checked is None
    assert "phone" not in half.unconfirmed and "hours" in half.unconfirmed

    # git diff-style: only the changed values' lines differ; comments and order survive.
    diff = [line for line in difflib.unified_diff(
        before[whole.slug].splitlines(), (pack / "services" / f"{whole.slug}.yml").read_text()
        .splitlines(), lineterm="", n=0) if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    changed_keys = {line[1:].split(":")[0] for line in diff}
    assert changed_keys <= {"url", "minimum_age", "maximum_age", "needs_checking", "check_note",
                            "last_checked"}, diff
    assert "+needs_checking: false" in diff and "+last_checked: 2026-11-30" in diff
    diff_part = [line for line in difflib.unified_diff(
        before[part.slug].splitlines(), (pack / "services" / f"{part.slug}.yml").read_text()
        .splitlines(), lineterm="", n=0) if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert [line for line in diff_part if line.startswith("-")] == [], diff_part
    assert diff_part[0].startswith("+unconfirmed:")


def test_the_commands_write_and_apply_a_workbook(tmp_path):
    from tests.conftest import FIXTURE

    pack = tmp_path / "content"
    shutil.copytree(FIXTURE, pack)
    app = create_app({"TESTING": True, "CONTENT_DIR": str(pack),
                      "FEEDBACK_DB": str(tmp_path / "f.sqlite3")})
    runner = app.test_cli_runner()
    out = tmp_path / "review.xlsx"
    result = runner.invoke(args=["content", "review", "--out", str(out)])
    assert result.exit_code == 0 and "details to confirm" in result.output, result.output
    _, rows = _rows(out)
    slug = rows[0]["Service file"]
    _fill(out, {(slug, "areas"): ("Mars", "Jo 2026-11-30")})
    result = runner.invoke(args=["content", "apply", str(out)])
    assert result.exit_code == 1
    assert "is not an area in this pack" in result.output and f"{SHEET}!F" in result.output
    _fill(out, {(slug, "areas"): ("correct", "Jo 2026-11-30")})
    result = runner.invoke(args=["content", "apply", str(out)])
    assert result.exit_code == 0, result.output
    assert f"services/{slug}.yml:" in result.output and "Content check: 0 errors" in result.output


def test_unconfirmed_entries_say_what_is_unconfirmed_instead_of_a_date(tmp_path):
    from tests.conftest import FIXTURE

    pack = tmp_path / "content"
    shutil.copytree(FIXTURE, pack)
    path = pack / "services" / "little-ones.yml"
    text = path.read_text().replace("last_checked: 2024-01-15\n", "")
    path.write_text(text + "unconfirmed: [phone, hours]\n")
    app = create_app({"TESTING": True, "CONTENT_DIR": str(pack),
                      "FEEDBACK_DB": str(tmp_path / "f.sqlite3")})
    assert not [p for p in app.extensions["signpost.content"].errors if "little-ones" in p.file]
    client = app.test_client()
    page = client.get("/en/services/little-ones").get_data(as_text=True)
    assert "Details not yet confirmed." in page and "Details last checked" not in page
    assert "Phone number not yet confirmed" in page and "Opening hours not yet confirmed" in page
    assert "Confirm who can refer." not in page
    for_pros = client.get("/en/services/little-ones?for=professionals").get_data(as_text=True)
    assert "Confirm who can refer." in for_pros
    polish = client.get("/pl/services/little-ones").get_data(as_text=True)
    assert "Numer telefonu jeszcze niepotwierdzony" in polish
    confirmed = client.get("/en/services/town-counselling").get_data(as_text=True)
    assert "Details last checked on" in confirmed and "not yet confirmed" not in confirmed


def test_unconfirmed_must_name_known_details_and_go_with_needs_checking(content_copy):
    path = content_copy / "services" / "little-ones.yml"
    path.write_text(path.read_text() + "unconfirmed: [phone, colour]\n")
    problems = load_content(content_copy, log_problems=False).errors
    assert any(p.field == "unconfirmed" and "phone, text, email" in p.fix for p in problems)
    town = content_copy / "services" / "town-counselling.yml"
    town.write_text(town.read_text() + "unconfirmed: [hours]\n")
    problems = load_content(content_copy, log_problems=False).errors
    assert any(p.field == "unconfirmed" and "needs_checking is false" in p.message
               for p in problems)
    town.write_text(town.read_text().replace("last_checked: 2026-11-01\n", "")
                    .replace("unconfirmed: [hours]\n", ""))
    problems = load_content(content_copy, log_problems=False).errors
    assert any(p.field == "last_checked" and "is missing" in p.message for p in problems)
