"""Every security header, exactly, on every kind of response the site sends."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from flask import g

from directory import create_app

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "content"


def _hash(css: bytes) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(css).digest()).decode() + "'"


def _css_hash() -> str:
    # Written out here, not taken from directory/security.py, so a change there is noticed: the
    # stylesheet as help-now inlines it, without its comments.
    css = (ROOT / "static" / "css" / "site.css").read_bytes()
    return _hash(re.sub(rb"/\*.*?\*/\s*", b"", css, flags=re.S))


PAGE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' " + _css_hash(),
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "manifest-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
EMBED_POLICY = dict(PAGE_POLICY, **{"frame-ancestors": "*"})
ALWAYS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=(), interest-cohort=()",
}
HSTS = "max-age=31556926; includeSubDomains"
TOO_BIG = "x" * (64 * 1024)

# kind of response, method, address, request options, status expected, may other sites frame it
TABLE = [
    ("home page", "GET", "/en/", {}, 200, False),
    ("results page", "GET", "/ur/search?q=worried&age=14", {}, 200, False),
    ("service page", "GET", "/pl/services/night-line", {}, 200, False),
    ("help now (inline CSS)", "GET", "/en/help-now", {}, 200, False),
    ("area sheet", "GET", "/en/areas/charnwood/sheet", {}, 200, False),
    ("feedback thanks", "GET", "/en/feedback/thanks?back=/en/", {}, 200, False),
    ("language redirect", "GET", "/", {}, 302, False),
    ("campaign redirect", "GET", "/en/?src=poster-1", {}, 302, False),
    ("API search", "GET", "/api/v1/services?q=low", {}, 200, False),
    ("API service", "GET", "/api/v1/services/night-line", {}, 200, False),
    ("API 400", "GET", "/api/v1/services?age=abc", {}, 400, False),
    ("API 404", "GET", "/api/v1/services/no-such-service", {}, 404, False),
    ("API unknown address", "GET", "/api/v1/nowhere", {}, 404, False),
    ("404 page", "GET", "/en/nowhere", {}, 404, False),
    ("404 for a missing service", "GET", "/ar/services/no-such-service", {}, 404, False),
    ("400 page", "POST", "/en/feedback/helpful", {"data": {"kind": "x"}}, 400, False),
    ("405 page", "GET", "/en/feedback/helpful", {}, 405, False),
    ("413 page", "POST", "/en/feedback/not-found", {"data": {"details": TOO_BIG}}, 413, False),
    ("500 page", "GET", "/en/boom", {}, 500, False),
    ("500 page that itself fails", "GET", "/en/boom-twice", {}, 500, False),
    ("options", "OPTIONS", "/en/search", {}, 200, False),
    ("static CSS", "GET", "/static/css/site.css", {}, 200, False),
    ("static script", "GET", "/static/js/app.js", {}, 200, False),
    ("static 404", "GET", "/static/nothing.css", {}, 404, False),
    ("embed page", "GET", "/embed/en", {}, 200, True),
    # A partner's frame with a wrong language shows our helpful 404, not a blocked frame.
    ("embed 404", "GET", "/embed/xx", {}, 404, True),
    ("QR SVG", "GET", "/qr.svg?to=/en/", {}, 200, False),
    ("QR PNG", "GET", "/qr.png?to=/en/&size=64", {}, 200, False),
    ("QR refused", "GET", "/qr.svg?to=//evil.example", {}, 400, False),
    ("poster PDF", "GET", "/en/posters/poster.pdf", {}, 200, False),
    ("service worker", "GET", "/sw.js", {}, 200, False),
    ("manifest", "GET", "/en/manifest.webmanifest", {}, 200, False),
]


def _app(tmp_path_factory, **config):
    app = create_app({"TESTING": True, "PROPAGATE_EXCEPTIONS": False, "CONTENT_DIR": str(FIXTURE),
                      "FEEDBACK_DB": str(tmp_path_factory.mktemp("headers") / "f.sqlite3"),
                      **config})

    @app.get("/en/boom")
    def boom():
        raise RuntimeError("a deliberate failure")

    @app.get("/en/boom-twice")
    def boom_twice():
        g.break_templates = True  # and the 500 page's own template fails too
        raise RuntimeError("a deliberate failure")

    @app.context_processor
    def broken_when_asked():
        if g.get("break_templates"):
            raise RuntimeError("a deliberately broken template")
        return {}

    return app


@pytest.fixture(scope="module")
def apps(tmp_path_factory):
    """The site as it runs by default, and with SIGNPOST_FORCE_HTTPS (served over https)."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SIGNPOST_FORCE_HTTPS", "true")  # as a deployment behind TLS sets it
        forced = _app(tmp_path_factory)
    assert forced.config["FORCE_HTTPS"] is True
    return {"http": _app(tmp_path_factory), "https": forced}


def policy(header: str) -> dict[str, str]:
    """A Content-Security-Policy header as {directive: sources}; a repeated directive fails."""
    directives = [part.strip().split(" ", 1) for part in header.split(";") if part.strip()]
    names = [d[0] for d in directives]
    assert len(names) == len(set(names)), f"a directive is repeated: {header}"
    return {d[0]: d[1] if len(d) > 1 else "" for d in directives}


@pytest.mark.parametrize("scheme", ["http", "https"])
@pytest.mark.parametrize("kind, method, url, options, status, framable", TABLE,
                         ids=[row[0] for row in TABLE])
def test_every_response_carries_every_security_header_exactly(
        apps, scheme, kind, method, url, options, status, framable):
    client = apps[scheme].test_client()
    with client.open(url, method=method, base_url=f"{scheme}://localhost", **options) as response:
        response.get_data()
    assert response.status_code == status, f"{kind}: {response.status_code}"
    headers = response.headers
    assert policy(headers.get("Content-Security-Policy", "")) == (
        EMBED_POLICY if framable else PAGE_POLICY), kind
    assert "Content-Security-Policy-Report-Only" not in headers
    for name, value in ALWAYS.items():
        assert headers.get(name) == value, f"{kind}: {name} is {headers.get(name)!r}"
    assert headers.get("X-Frame-Options") == (None if framable else "DENY"), kind
    assert headers.get("Strict-Transport-Security") == (HSTS if scheme == "https" else None), kind
    assert "Set-Cookie" not in headers, f"{kind} sets a cookie"


def test_the_failing_pages_are_ours_not_the_servers(apps):
    client = apps["http"].test_client()
    for url in ("/en/boom", "/en/boom-twice"):
        html = client.get(url).get_data(as_text=True)
        assert "Sorry, something went wrong" in html and "tel:999" in html, url


def test_plain_http_is_sent_to_https_when_forced(apps):
    response = apps["https"].test_client().get("/en/help-now")
    assert response.status_code in (301, 302)
    assert response.headers["Location"] == "https://localhost/en/help-now"
    assert policy(response.headers["Content-Security-Policy"]) == PAGE_POLICY


def test_the_policy_allows_exactly_the_style_help_now_inlines(apps):
    html = apps["http"].test_client().get("/en/help-now").get_data()
    inlined = html[html.index(b"<style>") + len(b"<style>"):html.index(b"</style>")]
    assert _hash(inlined) == _css_hash()
