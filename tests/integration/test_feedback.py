"""Feedback reaches the content team, with nothing that identifies anyone."""

import csv
import io
import re
import sqlite3

import pytest

from directory import create_app
from tests.conftest import FIXTURE


@pytest.fixture()
def fresh(tmp_path):
    """An app over the fixture pack with its own feedback database."""
    db = tmp_path / "feedback.sqlite3"
    return create_app({"TESTING": True, "CONTENT_DIR": str(FIXTURE), "FEEDBACK_DB": str(db)}), db


def token_from(html, form_action):
    form = html[html.index(f'action="{form_action}"'):]
    return re.search(r'name="token" value="([^"]+)"', form).group(1)


def everything_stored(db):
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT * FROM {t}").fetchall()
                for t in ("helpful", "reports", "not_found", "unmet_searches")}


def test_helpful_answer_is_counted_and_survives_a_restart(fresh, tmp_path):
    app, db = fresh
    client = app.test_client()
    html = client.get("/en/services/town-counselling").get_data(as_text=True)
    token = token_from(html, "/en/feedback/helpful")
    response = client.post("/en/feedback/helpful", data={
        "token": token, "kind": "service", "slug": "town-counselling", "answer": "yes"})
    assert response.status_code == 303
    assert "Set-Cookie" not in response.headers
    thanks = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Thank you" in thanks and 'href="/en/services/town-counselling"' in thanks
    # A new app on the same database (a restart) still has the answer.
    again = create_app({"TESTING": True, "CONTENT_DIR": str(FIXTURE), "FEEDBACK_DB": str(db)})
    result = again.test_cli_runner().invoke(args=["feedback", "summary"])
    assert re.search(r"service:town-counselling\s+1 / 0", result.output), result.output


def test_report_form_stores_the_problem_without_contact_details(fresh):
    app, db = fresh
    client = app.test_client()
    html = client.get("/en/services/night-line/report").get_data(as_text=True)
    assert "don’t include your name or contact details" in html
    token = token_from(html, "/en/services/night-line/report")
    response = client.post("/en/services/night-line/report", data={
        "token": token, "problem": "phone",
        "details": "Number is wrong, ring me on 07700 900123 or jo@example.com, LE1 6WW"})
    assert response.status_code == 303
    [(slug, problem, details, month)] = everything_stored(db)["reports"]
    assert (slug, problem) == ("night-line", "phone")
    assert "07700" not in details and "example.com" not in details and "LE1 6WW" not in details
    assert re.fullmatch(r"\d{4}-\d{2}", month)  # a month, no finer time


@pytest.mark.parametrize("change, status, message", [
    ({"details": "x" * 501}, 400, "under 500 characters"),
    ({"problem": "nonsense"}, 400, "Choose what is wrong"),
    ({"token": "forged"}, 400, "This form has expired"),
    ({"token": ""}, 400, "This form has expired"),
])
def test_malformed_reports_get_a_clear_message_and_store_nothing(fresh, change, status, message):
    app, db = fresh
    client = app.test_client()
    html = client.get("/en/services/night-line/report").get_data(as_text=True)
    data = {"token": token_from(html, "/en/services/night-line/report"), "problem": "hours"}
    data.update(change)
    response = client.post("/en/services/night-line/report", data=data)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert everything_stored(db)["reports"] == []


def test_oversized_body_is_refused(fresh):
    app, db = fresh
    response = app.test_client().post("/en/feedback/not-found",
                                      data={"details": "x" * 50_000})
    assert response.status_code == 413
    assert everything_stored(db)["not_found"] == []


def test_cross_site_post_is_refused(fresh):
    app, db = fresh
    client = app.test_client()
    html = client.get("/en/services/night-line").get_data(as_text=True)
    response = client.post("/en/feedback/helpful", headers={"Sec-Fetch-Site": "cross-site"},
                           data={"token": token_from(html, "/en/feedback/helpful"),
                                 "kind": "service", "slug": "night-line", "answer": "no"})
    assert response.status_code == 400
    assert everything_stored(db)["helpful"] == []


def test_rate_limit_counts_in_memory_and_stores_no_address(tmp_path):
    db = tmp_path / "f.sqlite3"
    app = create_app({"TESTING": True, "CONTENT_DIR": str(FIXTURE), "FEEDBACK_DB": str(db),
                      "FEEDBACK_RATE_LIMIT": 3})
    client = app.test_client()
    html = client.get("/en/services/night-line").get_data(as_text=True)
    token = token_from(html, "/en/feedback/helpful")
    codes = [client.post("/en/feedback/helpful", data={
        "token": token, "kind": "service", "slug": "night-line", "answer": "yes"},
        environ_base={"REMOTE_ADDR": "203.0.113.7"}).status_code for _ in range(5)]
    assert codes == [303, 303, 303, 429, 429]
    other = client.post("/en/feedback/helpful", data={
        "token": token, "kind": "service", "slug": "night-line", "answer": "yes"},
        environ_base={"REMOTE_ADDR": "198.51.100.9"})
    assert other.status_code == 303
    raw = db.read_bytes() + (db.with_suffix(".sqlite3-wal").read_bytes()
                             if db.with_suffix(".sqlite3-wal").exists() else b"")
    assert b"203.0.113.7" not in raw and b"198.51.100.9" not in raw


def test_searches_that_find_nothing_are_counted_by_their_words_only(fresh):
    app, db = fresh
    client = app.test_client()
    for _ in range(3):
        client.get("/en/search?q=Zebra+Crossing&age=14")
    client.get("/en/search?q=worried")  # found something: not counted
    stored = everything_stored(db)["unmet_searches"]
    assert stored == [("zebra crossing", 3)]
    result = app.test_cli_runner().invoke(args=["feedback", "summary"])
    assert re.search(r"zebra crossing\s+3", result.output)


def test_couldnt_find_form_and_export(fresh, tmp_path):
    app, db = fresh
    client = app.test_client()
    html = client.get("/en/search?q=zzzz").get_data(as_text=True)
    assert "Couldn’t find what you need?" in html
    token = token_from(html, "/en/feedback/not-found")
    response = client.post("/en/feedback/not-found", data={
        "token": token, "words": "zzzz", "details": "A group for young dads",
        "back": "https://evil.example/"})
    assert response.status_code == 303
    thanks = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "evil.example" not in thanks  # only ever back to this site
    out = tmp_path / "feedback.csv"
    result = app.test_cli_runner().invoke(args=["feedback", "export", "--out", str(out)])
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_text())))
    assert rows[0][0] == "type"
    assert ["not-found", "zzzz", "", "A group for young dads"] == rows[1][:4]
