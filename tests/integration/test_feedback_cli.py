"""The partnership's commands: exports safe to open, plain messages when there is nothing yet."""

import csv
import io
import sqlite3
import zipfile

import pytest
from openpyxl import load_workbook

from directory import ConfigurationError, create_app
from tests.conftest import FIXTURE

HOSTILE = [
    '=HYPERLINK("http://evil.example","Click for details")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\x00=1+1",
    "Look \u202eevil\u202c here \x1b[2J\x1b[31mred",
]


@pytest.fixture()
def app(tmp_path):
    """An app with an empty store of its own."""
    return create_app({"TESTING": True, "CONTENT_DIR": str(FIXTURE),
                       "FEEDBACK_DB": str(tmp_path / "feedback.sqlite3")})


@pytest.fixture()
def hostile_app(app, tmp_path):
    """Feedback from someone who hopes staff will open it in a spreadsheet or a terminal.

    Stored raw, as releases before control characters were removed on the way in kept it.
    """
    with sqlite3.connect(tmp_path / "feedback.sqlite3") as db:
        for i, text in enumerate(HOSTILE):
            db.execute("INSERT INTO reports VALUES ('night-line', 'other', ?, '2026-01')", (text,))
            db.execute("INSERT INTO not_found VALUES (?, ?, '2026-01')", (text, text))
            db.execute("INSERT INTO unmet_searches VALUES (?, '2026-01', ?)", (text, i + 1))
    return app


def test_control_characters_are_removed_on_the_way_in(app):
    store = app.extensions["signpost.feedback"]
    store.add_report("night-line", "other", HOSTILE[-1])
    store.count_unmet_search("\x00zebra\u202e crossing\x1b")
    assert store.rows("reports")[0][2] == "Look evil here [2J[31mred"
    assert store.rows("unmet_searches")[0][0] == "zebra crossing"


def run(app, *args):
    return app.test_cli_runner().invoke(args=["feedback", *args])


def test_csv_export_neutralises_formulas_and_control_characters(hostile_app, tmp_path):
    out = tmp_path / "feedback.csv"
    result = run(hostile_app, "export", "--out", str(out))
    assert result.exit_code == 0 and "wrote 15 rows" in result.output
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert not [c for c in cells if any(ch in c for ch in "\x00\x1b\u202e\u202c")]
    assert "'=HYPERLINK(\"http://evil.example\",\"Click for details\")" in cells
    assert "Look evil here [2J[31mred" in cells


def test_xlsx_export_stores_every_text_cell_as_text(hostile_app, tmp_path):
    out = tmp_path / "feedback.xlsx"
    result = run(hostile_app, "export", "--out", str(out))
    assert result.exit_code == 0 and "wrote 15 rows" in result.output
    sheet_xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml  # no formula anywhere
    sheet = load_workbook(out).active
    values = [c.value for row in sheet.iter_rows(min_row=2) for c in row]
    assert {c.data_type for row in sheet.iter_rows() for c in row} <= {"s", "n", "inlineStr"}
    # Text is kept as the visitor wrote it (no quote added), minus control characters.
    assert '=HYPERLINK("http://evil.example","Click for details")' in values
    assert "=1+1" in values
    assert not [v for v in values if isinstance(v, str) and any(ch in v for ch in "\x00\x1b\u202e")]


def test_summary_shows_escape_codes_instead_of_obeying_them(hostile_app):
    result = run(hostile_app, "summary")
    assert result.exit_code == 0
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "\\x1b[2J\\x1b[31mred" in result.output and "\\u202e" in result.output


def test_an_empty_store_says_so_and_writes_no_file(app, tmp_path):
    summary = run(app, "summary")
    assert summary.exit_code == 0
    assert summary.output.startswith("Nothing stored yet")
    out = tmp_path / "feedback.csv"
    export = run(app, "export", "--out", str(out))
    assert export.exit_code == 0
    assert "Nothing to export yet" in export.output and "No file was written" in export.output
    assert not out.exists()
    assert "Nothing to export yet" in run(app, "export").output


def test_migrate_command_is_idempotent(app):
    result = run(app, "migrate")
    assert result.exit_code == 0 and "nothing to do; schema version 2" in result.output


@pytest.mark.parametrize("config", [
    {"ENV": "production"},  # as gunicorn runs it with SIGNPOST_ENV=production
    {"ENV": "production", "TESTING": True},
    {"ENV": "production", "DEBUG": True},
])
def test_the_site_refuses_to_start_with_the_default_secret_key(tmp_path, config, monkeypatch):
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)  # as under gunicorn
    with pytest.raises(ConfigurationError, match="SIGNPOST_SECRET_KEY is not set"):
        create_app({"CONTENT_DIR": str(FIXTURE), "FEEDBACK_DB": str(tmp_path / "f.sqlite3"),
                    **config})


def test_the_site_starts_with_its_own_secret_key(tmp_path):
    app = create_app({"CONTENT_DIR": str(FIXTURE), "FEEDBACK_DB": str(tmp_path / "f.sqlite3"),
                      "SECRET_KEY": "a-long-random-value-for-this-test", "ENV": "production"})
    assert app.test_client().get("/en/").status_code == 200


def test_commands_other_than_run_work_without_a_secret_key(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASK_RUN_FROM_CLI", "true")  # what the flask command sets
    monkeypatch.setattr("sys.argv", ["flask", "--app", "wsgi", "content", "check"])
    app = create_app({"CONTENT_DIR": str(FIXTURE), "FEEDBACK_DB": str(tmp_path / "f.sqlite3")})
    assert "Nothing stored yet" in run(app, "summary").output
    monkeypatch.setattr("sys.argv", ["flask", "--app", "wsgi", "run"])
    with pytest.raises(ConfigurationError, match="SIGNPOST_SECRET_KEY"):
        create_app({"CONTENT_DIR": str(FIXTURE), "FEEDBACK_DB": str(tmp_path / "f.sqlite3"),
                    "ENV": "production"})


def test_outside_production_the_site_starts_with_a_local_key(tmp_path, monkeypatch):
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)  # as under gunicorn
    from directory import local_secret_key
    from directory.config import Defaults

    app = create_app({"CONTENT_DIR": str(FIXTURE), "FEEDBACK_DB": str(tmp_path / "f.sqlite3")})
    assert app.config["SECRET_KEY"] not in (Defaults.SECRET_KEY, "")
    assert app.config["SECRET_KEY"] == local_secret_key()  # every worker agrees
    assert app.test_client().get("/en/help-now").status_code == 200


def test_prune_deletes_only_what_is_older_than_the_period(app, tmp_path):
    import datetime as dt

    from directory.cli import months_before

    today = dt.date.today()
    old, kept = months_before(today, 13), months_before(today, 11)
    with sqlite3.connect(tmp_path / "feedback.sqlite3") as db:
        for month in (old, kept):
            db.execute("INSERT INTO helpful VALUES ('page', 'sleep', 1, ?)", (month,))
            db.execute("INSERT INTO reports VALUES ('night-line', 'other', '', ?)", (month,))
            db.execute("INSERT INTO not_found VALUES ('x', '', ?)", (month,))
            db.execute("INSERT INTO unmet_searches VALUES (?, ?, 1)", ("w" + month, month))
            db.execute("INSERT INTO campaign_scans VALUES ('bus', ?, 1)", (month + "-28",))
    result = run(app, "prune", "--older-than", "12")
    assert result.exit_code == 0, result.output
    assert f"kept everything from {months_before(today, 12)} on" in result.output
    assert "deleted 1 helpful, 1 reports, 1 not found, 1 unmet searches, 1 campaign scans" \
        in result.output
    store = app.extensions["signpost.feedback"]
    assert [r[-1] for r in store.rows("helpful")] == [kept]
    assert [r[1] for r in store.rows("campaign_scans")] == [kept + "-28"]
    assert run(app, "prune", "--older-than", "0").exit_code != 0


def test_months_before_crosses_years():
    import datetime as dt

    from directory.cli import months_before

    assert months_before(dt.date(2026, 12, 2), 12) == "2025-12"
    assert months_before(dt.date(2026, 1, 31), 1) == "2025-12"
    assert months_before(dt.date(2026, 3, 1), 14) == "2025-01"
