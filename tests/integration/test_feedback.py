"""Feedback reaches the content team, with nothing that identifies anyone."""

import csv
import io
import logging
import re
import sqlite3
import subprocess
import sys
import time

import pytest

from directory import create_app
from tests.conftest import FIXTURE


@pytest.fixture()
def fresh(tmp_path):
    """An app over the fixture pack with its own feedback database."""
    db = tmp_path / "feedback.sqlite3"
    return create_app({"TESTING": True, "CONTENT_DIR": str(FIXTURE), "FEEDBACK_DB": str(db),
                       "FEEDBACK_WRITE_TIMEOUT_MS": 100}), db


def token_from(html, form_action):
    form = html[html.index(f'action="{form_action}"'):]
    return re.search(r'name="token" value="([^"]+)"', form).group(1)


def everything_stored(db):
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT * FROM {t}").fetchall()
                for t in ("helpful", "reports", "not_found", "unmet_searches", "campaign_scans")}


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


def test_report_form_stores_the_problem_with_contact_details_replaced(fresh):
    app, db = fresh
    client = app.test_client()
    html = client.get("/en/services/night-line/report").get_data(as_text=True)
    assert "don’t include your name or contact details" in html
    token = token_from(html, "/en/services/night-line/report")
    response = client.post("/en/services/night-line/report", data={
        "token": token, "problem": "phone",
        "details": "Number is wrong, ring me on 07700 900123 or jo@example.com, le1 6ww. "
                   "My name is Jane Doe, I live at 12 Acacia Avenue Loughborough"})
    assert response.status_code == 303
    [(slug, problem, details, month)] = everything_stored(db)["reports"]
    assert (slug, problem) == ("night-line", "phone")
    # Exactly what is kept: the visitor's words, with placeholders where they identified someone.
    assert details == ("Number is wrong, ring me on [number] or [email], [postcode]. "
                       "My name is [name], I live at [address]")
    assert re.fullmatch(r"\d{4}-\d{2}", month)  # a month, no finer time


@pytest.mark.parametrize("change, status, message", [
    ({"details": "x" * 301}, 400, "under 300 characters"),
    ({"problem": "nonsense"}, 400, "Choose what is wrong"),
    ({"token": "forged"}, 400, "This form has expired"),
    ({"token": ""}, 400, "This form has expired"),
])
def test_malformed_reports_get_a_clear_message_and_store_nothing(fresh, change, status, message):
    app, db = fresh
    client = app.test_client()
    html = client.get("/en/services/night-line/report").get_data(as_text=True)
    assert 'maxlength="300"' in html
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


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": "https://evil.example"},  # an older browser: no Fetch Metadata, but an Origin
    {"Origin": "null"},
    {"Origin": "http://localhost.evil.example"},
])
def test_cross_site_post_is_refused(fresh, headers):
    app, db = fresh
    client = app.test_client()
    html = client.get("/en/services/night-line").get_data(as_text=True)
    response = client.post("/en/feedback/helpful", headers=headers,
                           data={"token": token_from(html, "/en/feedback/helpful"),
                                 "kind": "service", "slug": "night-line", "answer": "no"})
    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)
    assert everything_stored(db)["helpful"] == []


def test_a_post_from_our_own_origin_is_accepted(fresh):
    app, db = fresh
    client = app.test_client()
    html = client.get("/en/services/night-line").get_data(as_text=True)
    response = client.post("/en/feedback/helpful", headers={"Origin": "http://localhost"},
                           data={"token": token_from(html, "/en/feedback/helpful"),
                                 "kind": "service", "slug": "night-line", "answer": "no"})
    assert response.status_code == 303


def test_a_post_from_chromium_with_no_referrer_is_accepted(fresh):
    # Our pages set referrer policy no-referrer, so Chromium sends "Origin: null" with their
    # forms; its Fetch Metadata still says the post came from this site.
    app, db = fresh
    client = app.test_client()
    html = client.get("/en/services/night-line").get_data(as_text=True)
    response = client.post("/en/feedback/helpful",
                           headers={"Origin": "null", "Sec-Fetch-Site": "same-origin"},
                           data={"token": token_from(html, "/en/feedback/helpful"),
                                 "kind": "service", "slug": "night-line", "answer": "no"})
    assert response.status_code == 303
    assert len(everything_stored(db)["helpful"]) == 1


def test_a_token_works_only_on_the_form_it_was_issued_for(fresh):
    app, db = fresh
    client = app.test_client()
    helpful_token = token_from(client.get("/en/services/night-line").get_data(as_text=True),
                               "/en/feedback/helpful")
    response = client.post("/en/services/night-line/report",
                           data={"token": helpful_token, "problem": "hours"})
    assert response.status_code == 400
    assert everything_stored(db)["reports"] == []


@pytest.mark.parametrize("age_s, status", [(2 * 3600 - 60, 303), (2 * 3600 + 60, 400)])
def test_form_tokens_expire_after_two_hours(fresh, monkeypatch, age_s, status):
    import itsdangerous.timed

    app, db = fresh
    client = app.test_client()
    now = time.time()
    # The page was loaded age_s ago: itsdangerous stamps the token with the clock at that time.
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: now - age_s)
    html = client.get("/en/services/night-line/report").get_data(as_text=True)
    monkeypatch.undo()
    response = client.post("/en/services/night-line/report", data={
        "token": token_from(html, "/en/services/night-line/report"), "problem": "hours"})
    assert response.status_code == status


def post_helpful(client, token, **environ):
    return client.post("/en/feedback/helpful", data={
        "token": token, "kind": "service", "slug": "night-line", "answer": "yes"},
        **environ).status_code


def test_rate_limit_is_per_visitor_and_stores_no_address(tmp_path):
    db = tmp_path / "f.sqlite3"
    app = create_app({"TESTING": True, "CONTENT_DIR": str(FIXTURE), "FEEDBACK_DB": str(db),
                      "FEEDBACK_RATE_LIMIT": 3})
    client = app.test_client()
    html = client.get("/en/services/night-line").get_data(as_text=True)
    token = token_from(html, "/en/feedback/helpful")
    first = {"environ_base": {"REMOTE_ADDR": "203.0.113.7"}}
    codes = [post_helpful(client, token, **first) for _ in range(5)]
    assert codes == [303, 303, 303, 429, 429]
    refused = client.post("/en/feedback/helpful", data={"token": token}, **first)
    assert "we have had a lot of messages from you" in refused.get_data(as_text=True)
    assert post_helpful(client, token, environ_base={"REMOTE_ADDR": "198.51.100.9"}) == 303
    raw = db.read_bytes() + (db.with_suffix(".sqlite3-wal").read_bytes()
                             if db.with_suffix(".sqlite3-wal").exists() else b"")
    assert b"203.0.113.7" not in raw and b"198.51.100.9" not in raw
    # Nor is the address kept in the limiter's own storage, even in memory.
    keys = repr(dict(app.extensions["signpost.limiter"].storage.storage))
    assert "203.0.113.7" not in keys and "198.51.100.9" not in keys and "signpost" in keys


def test_behind_one_trusted_proxy_each_visitor_has_their_own_limit(tmp_path):
    app = create_app({"TESTING": True, "CONTENT_DIR": str(FIXTURE), "FEEDBACK_RATE_LIMIT": 2,
                      "FEEDBACK_DB": str(tmp_path / "f.sqlite3"), "TRUSTED_PROXIES": 1})
    client = app.test_client()
    token = token_from(client.get("/en/services/night-line").get_data(as_text=True),
                       "/en/feedback/helpful")

    def via_proxy(visitor):
        return {"environ_base": {"REMOTE_ADDR": "127.0.0.1"},
                "headers": {"X-Forwarded-For": visitor}}

    assert [post_helpful(client, token, **via_proxy("203.0.113.7")) for _ in range(3)] == [
        303, 303, 429]
    assert post_helpful(client, token, **via_proxy("198.51.100.9")) == 303


def test_without_trusted_proxies_a_forged_forwarded_for_does_not_escape_the_limit(tmp_path):
    app = create_app({"TESTING": True, "CONTENT_DIR": str(FIXTURE), "FEEDBACK_RATE_LIMIT": 2,
                      "FEEDBACK_DB": str(tmp_path / "f.sqlite3")})
    client = app.test_client()
    token = token_from(client.get("/en/services/night-line").get_data(as_text=True),
                       "/en/feedback/helpful")
    codes = [post_helpful(client, token, environ_base={"REMOTE_ADDR": "203.0.113.7"},
                          headers={"X-Forwarded-For": f"10.0.0.{i}"}) for i in range(3)]
    assert codes == [303, 303, 429]


def test_searches_that_find_nothing_are_counted_by_their_words_and_month_only(fresh):
    app, db = fresh
    client = app.test_client()
    for _ in range(3):
        client.get("/en/search?q=Zebra+Crossing&age=14")
    client.get("/en/search?q=worried")  # found something: not counted
    [(words, month, count)] = everything_stored(db)["unmet_searches"]
    assert (words, count) == ("zebra crossing", 3) and re.fullmatch(r"\d{4}-\d{2}", month)
    result = app.test_cli_runner().invoke(args=["feedback", "summary"])
    assert re.search(r"zebra crossing\s+3", result.output)


def test_a_script_cannot_grow_the_counts_without_bound(tmp_path):
    db = tmp_path / "f.sqlite3"
    app = create_app({"TESTING": True, "CONTENT_DIR": str(FIXTURE), "FEEDBACK_DB": str(db),
                      "FEEDBACK_NEW_KEYS_PER_DAY": 5})
    client = app.test_client()
    for i in range(20):
        assert client.get(f"/en/search?q=zzqx{i}").status_code == 200
        assert client.get(f"/en/?src=fake-{i}", follow_redirects=True).status_code == 200
    stored = everything_stored(db)
    assert len(stored["unmet_searches"]) == 5 and len(stored["campaign_scans"]) == 5
    client.get("/en/search?q=zzqx0")  # a phrase already counted still counts
    assert ("zzqx0", 2) in [(w, c) for w, _, c in everything_stored(db)["unmet_searches"]]


@pytest.fixture()
def locked(fresh):
    """Another process holding an exclusive lock on the feedback database."""
    app, db = fresh
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys\n"
         f"db = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
         "db.execute('BEGIN EXCLUSIVE')\nprint('locked', flush=True)\nsys.stdin.read()\n"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    yield app, db
    holder.communicate("", timeout=10)


def test_a_locked_database_never_breaks_or_stalls_a_page(locked, caplog):
    app, db = locked
    client = app.test_client()
    with caplog.at_level(logging.WARNING):
        for url in ("/en/search?q=zebra+crossing", "/en/?src=bus-2026",
                    "/en/search?q=zebra+crossing", "/en/services/night-line?src=bus-2026"):
            started = time.perf_counter()
            response = client.get(url, follow_redirects=True)
            took = time.perf_counter() - started
            assert response.status_code == 200, url
            # Before the fix each of these waited out SQLite's 5 s busy timeout, then failed.
            # The count now gives up after 0.2 s; the bound leaves room for a loaded machine
            # rendering the page (the figure itself is measured, not asserted to the ms).
            assert took < 3.0, f"{url} took {took:.2f} s with the database locked"
    # Logged once for the whole run of failures, not once per request.
    assert len([r for r in caplog.records if "could not count" in r.getMessage()]) == 1


def test_a_locked_database_refuses_a_form_post_politely(locked):
    app, db = locked
    client = app.test_client()
    html = client.get("/en/services/night-line/report").get_data(as_text=True)
    response = client.post("/en/services/night-line/report", data={
        "token": token_from(html, "/en/services/night-line/report"), "problem": "hours"})
    assert response.status_code == 503
    assert "couldn’t save that just now" in response.get_data(as_text=True)


def test_counting_resumes_when_the_lock_is_released(tmp_path, caplog):
    db = tmp_path / "f.sqlite3"
    app = create_app({"TESTING": True, "CONTENT_DIR": str(FIXTURE), "FEEDBACK_DB": str(db),
                      "FEEDBACK_COUNT_RETRY_S": 0})
    client = app.test_client()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    client.get("/en/search?q=zebra")
    holder.execute("ROLLBACK")
    holder.close()
    with caplog.at_level(logging.WARNING):
        client.get("/en/search?q=zebra")
    assert [(w, c) for w, _, c in everything_stored(db)["unmet_searches"]] == [("zebra", 1)]
    assert any("counting again: 1 counts were dropped" in r.getMessage()
               for r in caplog.records)


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
    assert rows[0] == ["type", "what", "answer_or_problem", "details", "month_or_day", "count"]
    assert ["not-found", "zzzz", "", "A group for young dads"] == rows[1][:4]
    assert ["unmet-search", "zzzz", "", ""] == rows[2][:4] and rows[2][5] == "1"


def test_only_visits_to_real_pages_count_for_a_campaign(fresh):
    app, db = fresh
    client = app.test_client()
    assert client.get("/en/no-such-page?src=bus-2026").status_code in (302, 404)
    assert client.get("/%09/evil.example?src=bus-2026").status_code == 404
    assert client.get("/en/help-now?src=bus-2026", follow_redirects=True).status_code == 200
    assert [(c, n) for c, _, n in everything_stored(db)["campaign_scans"]] == [("bus-2026", 1)]


def test_a_rate_limit_storage_that_is_down_does_not_break_the_forms(tmp_path):
    app = create_app({"TESTING": True, "CONTENT_DIR": str(FIXTURE),
                      "FEEDBACK_DB": str(tmp_path / "f.sqlite3"),
                      "RATELIMIT_STORAGE_URI": "memcached://127.0.0.1:9"})
    client = app.test_client()
    token = token_from(client.get("/en/services/night-line").get_data(as_text=True),
                       "/en/feedback/helpful")
    assert post_helpful(client, token) == 303


def test_a_rate_limit_storage_that_hangs_does_not_hang_the_forms(tmp_path):
    import socket

    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        app = create_app({"TESTING": True, "CONTENT_DIR": str(FIXTURE),
                          "FEEDBACK_DB": str(tmp_path / "f.sqlite3"),
                          "RATELIMIT_STORAGE_URI": f"memcached://127.0.0.1:{silent.getsockname()[1]}"})
        client = app.test_client()
        token = token_from(client.get("/en/services/night-line").get_data(as_text=True),
                           "/en/feedback/helpful")
        started = time.perf_counter()
        assert post_helpful(client, token) == 303
        assert time.perf_counter() - started < 5
        app.extensions["signpost.limiter"].storage.storage.close()
