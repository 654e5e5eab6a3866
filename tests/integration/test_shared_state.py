"""Two instances of the site on one PostgreSQL and one memcached share everything they count.

As in production behind a load balancer: each instance is a separate create_app() with its own
connection pool and limiter, so only the shared servers can make them agree.
"""

from __future__ import annotations

import re
import uuid

import pytest

from directory import create_app
from tests.conftest import FIXTURE


@pytest.fixture()
def pair(postgres_url, memcached_uri):
    """Two instances configured alike, sharing a database and a rate-limit storage."""
    config = {"TESTING": True, "CONTENT_DIR": str(FIXTURE), "DATABASE_URL": postgres_url,
              "FEEDBACK_DB": "", "RATELIMIT_STORAGE_URI": memcached_uri,
              "FEEDBACK_RATE_LIMIT": 3, "SECRET_KEY": uuid.uuid4().hex}
    apps = create_app(config), create_app(config)
    yield apps
    for app in apps:
        app.extensions["signpost.feedback"].close()
        # This thread's memcached connection (the limiter keeps one per thread).
        app.extensions["signpost.limiter"].storage.storage.close()


def token(client, page="/en/services/night-line", action="/en/feedback/helpful"):
    html = client.get(page).get_data(as_text=True)
    form = html[html.index(f'action="{action}"'):]
    return re.search(r'name="token" value="([^"]+)"', form).group(1)


def test_feedback_sent_to_one_instance_is_read_from_the_other(pair):
    a, b = (app.test_client() for app in pair)
    response = a.post("/en/services/night-line/report", data={
        "token": token(a, "/en/services/night-line/report", "/en/services/night-line/report"),
        "problem": "hours", "details": "Closed on Mondays now"})
    assert response.status_code == 303
    assert b.post("/en/feedback/helpful", data={
        "token": token(b), "kind": "service", "slug": "night-line", "answer": "no"}
    ).status_code == 303
    summary = pair[0].test_cli_runner().invoke(args=["feedback", "summary"]).output
    assert re.search(r"service:night-line\s+0 / 1", summary)
    exported = pair[1].test_cli_runner().invoke(args=["feedback", "export"]).output
    assert "report,service:night-line,hours,Closed on Mondays now" in exported


def test_campaign_visits_and_unmet_searches_add_up_across_instances(pair):
    a, b = (app.test_client() for app in pair)
    for client in (a, b, a):
        assert client.get("/en/?src=bus-shelters", follow_redirects=True).status_code == 200
        assert client.get("/en/search?q=zebra+crossing").status_code == 200
    report = pair[1].test_cli_runner().invoke(args=["campaigns", "report"]).output
    assert re.search(r"bus-shelters\s+\d{4}-W\d{2}\s+3", report), report
    summary = pair[0].test_cli_runner().invoke(args=["feedback", "summary"]).output
    assert re.search(r"zebra crossing\s+3", summary)


def test_one_visitor_has_one_rate_limit_across_instances(pair):
    a, b = (app.test_client() for app in pair)
    visitor = {"REMOTE_ADDR": "203.0.113.50"}
    codes = [client.post("/en/feedback/helpful", environ_base=visitor, data={
        "token": token(client), "kind": "service", "slug": "night-line", "answer": "yes"}
    ).status_code for client in (a, b, a, b)]
    assert codes == [303, 303, 303, 429]
    other = {"REMOTE_ADDR": "198.51.100.50"}
    assert a.post("/en/feedback/helpful", environ_base=other, data={
        "token": token(a), "kind": "service", "slug": "night-line", "answer": "yes"}
    ).status_code == 303


def test_the_site_serves_crisis_help_while_postgresql_is_unreachable(caplog):
    app = create_app({"TESTING": True, "CONTENT_DIR": str(FIXTURE), "FEEDBACK_DB": "",
                      "DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none?connect_timeout=1",
                      "DATABASE_CONNECT_TIMEOUT": 0.5, "FEEDBACK_WRITE_TIMEOUT_MS": 200})
    assert any("cannot open the feedback store" in r.getMessage() and r.levelname == "ERROR"
               for r in caplog.records)
    client = app.test_client()
    help_now = client.get("/en/help-now")
    assert help_now.status_code == 200 and "tel:999" in help_now.get_data(as_text=True)
    assert client.get("/en/search?q=zebra+crossing").status_code == 200
    assert client.get("/en/?src=bus", follow_redirects=True).status_code == 200
    response = client.post("/en/services/night-line/report", data={
        "token": token(client, "/en/services/night-line/report", "/en/services/night-line/report"),
        "problem": "hours"})
    assert response.status_code == 503
    result = app.test_cli_runner().invoke(args=["feedback", "summary"])
    assert result.exit_code == 1 and "cannot read the feedback store" in result.output
    app.extensions["signpost.feedback"].close()
