"""Security headers from directory/security.py on a bare Flask app (no content, no index).

tests/integration/test_security_headers.py checks every kind of response of the real site; this
checks the module's own rules in a fraction of a second: the exact policy, the per-view policy
for embeds, HTTPS-only settings, and the headers added after each response.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask, jsonify, make_response, session

from directory import security
from tests.integration.test_security_headers import (
    ALWAYS,
    EMBED_POLICY,
    HSTS,
    PAGE_POLICY,
    ROOT,
    policy,
)


def make_app(force_https: bool) -> Flask:
    """A Flask app with a page, a JSON answer, an embed, a session and views that set headers."""
    app = Flask(__name__)
    app.config.update(FORCE_HTTPS=force_https, SECRET_KEY="test only")
    app.add_url_rule("/page", "page", lambda: "<p>hello</p>")
    app.add_url_rule("/json", "json", lambda: jsonify(ok=True))
    app.add_url_rule("/embed", "embed", security.embeddable(lambda: "<p>embed</p>"))

    @app.get("/cached")
    def cached():
        response = make_response("<p>cached</p>")
        response.headers["Cache-Control"] = "max-age=60"
        response.headers["X-Content-Type-Options"] = "own"
        response.headers["Cross-Origin-Opener-Policy"] = "own"
        return response

    @app.get("/remember")
    def remember():
        session["seen"] = True
        return "<p>remembered</p>"

    security.init_app(app)
    security.allow_framing_of_embeds(app)
    return app


@pytest.fixture()
def apps():
    # Made for each test (it takes milliseconds), so that mutation testing, which maps each
    # function to the tests that call it, links init_app and the embed rules to every test.
    return {"http": make_app(False), "https": make_app(True)}


def test_the_inline_stylesheet_is_the_site_css_without_its_comments(apps):
    css = (ROOT / "static" / "css" / "site.css").read_text("utf-8")
    inlined = security.inline_css()
    assert "/*" in css and "/*" not in inlined and "*/" not in inlined
    assert "".join(inlined.split()) == "".join(re.sub(r"/\*.*?\*/", "", css, flags=re.S).split())
    assert apps["http"].extensions["signpost.inline_css"] == inlined  # what help-now inlines


@pytest.mark.parametrize("scheme", ["http", "https"])
@pytest.mark.parametrize("url, framable", [("/page", False), ("/json", False), ("/embed", True),
                                           ("/nowhere", False)])
def test_every_header_exactly(apps, scheme, url, framable):
    response = apps[scheme].test_client().get(url, base_url=f"{scheme}://localhost")
    headers = response.headers
    assert policy(headers["Content-Security-Policy"]) == (EMBED_POLICY if framable
                                                          else PAGE_POLICY)
    for name, value in ALWAYS.items():
        assert headers.get(name) == value, name
    assert headers.get("X-Frame-Options") == (None if framable else "DENY")
    assert headers.get("Strict-Transport-Security") == (HSTS if scheme == "https" else None)
    assert "Set-Cookie" not in headers
    # Nothing else: no header that a slip in a name would add beside the right one.
    expected = {*ALWAYS, "Content-Security-Policy", "X-Frame-Options", "Strict-Transport-Security",
                "Content-Type", "Content-Length", "Cache-Control"}
    assert set(headers.keys()) <= expected, set(headers.keys()) - expected


def test_no_hsts_unless_forced_even_over_https(apps):
    # A deployment that has not set SIGNPOST_FORCE_HTTPS may still be reached over https (a
    # test proxy, say): it must not pin browsers to https for a year.
    response = apps["http"].test_client().get("/page", base_url="https://localhost")
    assert "Strict-Transport-Security" not in response.headers


def test_plain_http_goes_to_https_only_when_forced(apps):
    assert apps["http"].test_client().get("/page").status_code == 200
    response = apps["https"].test_client().get("/page")
    assert response.status_code in (301, 302)
    assert response.headers["Location"] == "https://localhost/page"


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_a_session_cookie_is_secure_only_over_https(apps, scheme):
    response = apps[scheme].test_client().get("/remember", base_url=f"{scheme}://localhost")
    cookie = response.headers["Set-Cookie"].lower()
    assert ("; secure" in cookie) is (scheme == "https")


def test_pages_are_checked_with_the_server_each_time(apps):
    client = apps["http"].test_client()
    assert client.get("/page").headers["Cache-Control"] == "no-cache"
    assert client.get("/embed").headers["Cache-Control"] == "no-cache"
    assert "Cache-Control" not in client.get("/json").headers


def test_a_views_own_headers_are_kept(apps):
    headers = apps["http"].test_client().get("/cached").headers
    assert headers["Cache-Control"] == "max-age=60"
    assert headers["X-Content-Type-Options"] == "nosniff"  # Talisman's, whatever a view says
    assert headers["Cross-Origin-Opener-Policy"] == "own"


def test_only_marked_views_may_be_framed(apps):
    views = apps["http"].view_functions
    assert views["embed"].signpost_embeddable is True
    options = views["embed"].talisman_view_options
    assert options["frame_options"] is None
    assert options["content_security_policy"] == EMBED_POLICY
    assert not hasattr(views["page"], "talisman_view_options")
