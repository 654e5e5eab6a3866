"""The whole directory through one spreadsheet and back: unchanged stays unchanged, edits land."""

from __future__ import annotations

import shutil
import subprocess

from openpyxl import load_workbook

from directory import create_app
from directory.content import load_content
from directory.pack_sheet import export_pack, import_pack
from tests.conftest import BUNDLED, FIXTURE


def test_an_unchanged_sheet_changes_no_file(tmp_path):
    pack = tmp_path / "content"
    shutil.copytree(BUNDLED, pack)
    counts = export_pack(pack, tmp_path / "pack.xlsx")
    assert counts["Services"] == len(list((pack / "services").glob("*.yml")))
    assert import_pack(tmp_path / "pack.xlsx", pack) == []
    diff = subprocess.run(["diff", "-r", str(BUNDLED), str(pack)], capture_output=True, text=True)
    assert diff.returncode == 0, diff.stdout[:2000]


def test_phone_numbers_stay_text_and_edits_land_with_only_their_lines_changed(tmp_path):
    pack = tmp_path / "content"
    shutil.copytree(FIXTURE, pack)
    out = tmp_path / "pack.xlsx"
    export_pack(pack, out)
    book = load_workbook(out)
    sheet = book["Services"]
    header = [c.value for c in sheet[1]]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    phones = rows["town-counselling"][header.index("phones")]
    assert phones.data_type == "s" and phones.value.startswith("number=01234 567890")
    phones.value = "number=0116 255 5555 | description=Office hours"
    rows["town-counselling"][header.index("maximum_age")].value = 19
    new = [None] * len(header)
    for key, value in {"slug": "new-service", "name": "New Service", "organization": "Org",
                       "summary": "Help.", "description": "Help for people.",
                       "eligibility_description": "Anyone.", "minimum_age": 11,
                       "maximum_age": 25, "service_areas": "charnwood", "needs": "anxiety",
                       "delivery": "online", "referral": "self-referral",
                       "how_to_get_help": "Ask your GP.", "fees": "Free",
                       "needs_checking": "true", "check_note": "Confirm everything."}.items():
        new[header.index(key)] = value
    sheet.append(new)
    book["Areas"]["B2"].value = book["Areas"]["B2"].value + " (city)"
    book.save(out)
    before = (pack / "services" / "town-counselling.yml").read_text().splitlines()
    changes = import_pack(out, pack)
    assert "services/town-counselling.yml: maximum_age, phones" in changes
    after = (pack / "services" / "town-counselling.yml").read_text().splitlines()
    assert [a for a, b in zip(before, after, strict=True) if a != b] == [
        "maximum_age: 18", '  - number: "01234 567890"']
    content = load_content(pack, log_problems=False)
    assert not content.errors, content.errors
    assert content.service("town-counselling").phones[0].number == "0116 255 5555"
    assert content.service("new-service").needs_checking
    assert content.areas[0].name.endswith("(city)")


def test_the_commands_export_and_import(tmp_path):
    pack = tmp_path / "content"
    shutil.copytree(FIXTURE, pack)
    app = create_app({"TESTING": True, "CONTENT_DIR": str(pack),
                      "FEEDBACK_DB": str(tmp_path / "f.sqlite3")})
    runner = app.test_cli_runner()
    out = tmp_path / "pack.xlsx"
    result = runner.invoke(args=["content", "export", "--out", str(out)])
    assert result.exit_code == 0 and "4 services" in result.output, result.output
    result = runner.invoke(args=["content", "import", str(out)])
    assert result.exit_code == 0 and "Nothing changed" in result.output, result.output
    book = load_workbook(out)
    book["Services"]["A1"].value = "colour"
    book.save(out)
    result = runner.invoke(args=["content", "import", str(out)])
    assert result.exit_code == 1 and "'colour' is not a field" in result.output
