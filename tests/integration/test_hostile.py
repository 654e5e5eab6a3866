"""Hostile input, tried as an attacker would: it never becomes markup, a redirect off the site,
a 500, or a response without the security headers."""

from __future__ import annotations

import ast
import inspect
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import flask
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory import create_app

ROOT = Path(__file__).resolve().parents[2]
MARKER = "zqx"
# Each payload plants an element or attribute named with MARKER if it is ever echoed unescaped.
PAYLOADS = (
    f"<meta http-equiv=refresh content=0;//{MARKER}.example>",
    f"<svg on{MARKER}=alert(1)>",
    f"\"><{MARKER} on{MARKER}=1>",
    f"'><img src=x on{MARKER}=1>",
)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """One app over the bundled content for this module, its feedback store in a scratch folder."""
    db = tmp_path_factory.mktemp("hostile") / "feedback.sqlite3"
    return create_app({"TESTING": True, "FEEDBACK_DB": str(db), "PROPAGATE_EXCEPTIONS": False,
                       "FEEDBACK_RATE_LIMIT": 10**9, "RATELIMIT_ENABLED": False})


@pytest.fixture()
def client(app):
    """A test client for this module's app."""
    return app.test_client()


class Planted(HTMLParser):
    """Elements and attributes in a page that came from a payload rather than our templates."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if MARKER in tag:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if MARKER in name or (name == "http-equiv" and (value or "").lower() == "refresh"):
                self.found.append(f"<{tag} {name}={value}>")

    handle_startendtag = handle_starttag


def planted(html: str) -> list[str]:
    """What a payload managed to add to the page's markup."""
    parser = Planted()
    parser.feed(html)
    parser.close()
    return parser.found


def assert_inert(response, payload: str, where: str) -> None:
    """The payload shows, if at all, only as escaped text."""
    html = response.get_data(as_text=True)
    assert not planted(html), f"{where}: the visitor's text became markup: {planted(html)}"
    assert payload not in html, f"{where}: the payload appears unescaped"


# --------------------------------------------------------------------------- HTML injection

def _search_pages(content):
    area, need = content.areas[0].slug, content.needs[0].slug
    return ("/{lang}/search", f"/{{lang}}/topics/{need}", f"/{{lang}}/areas/{area}")


@pytest.mark.parametrize("param", ["area", "postcode", "q", "age", "need", "delivery", "referral",
                                   "open_now", "page", "for"])
def test_visitor_text_never_becomes_markup_on_result_pages(app, param):
    content = app.extensions["signpost.content"]
    client = app.test_client()
    for i, lang in enumerate(app.config["LANGUAGES"]):
        for j, page in enumerate(_search_pages(content)):
            payload = PAYLOADS[(i + j) % len(PAYLOADS)]
            url = page.format(lang=lang) + f"?q=sad&{param}=" + quote(payload)
            response = client.get(url)
            assert response.status_code == 200, url
            assert_inert(response, payload, url)


def test_unknown_area_and_postcode_are_still_named_to_the_visitor(client):
    html = client.get("/en/search?area=" + quote("<b>mars</b>") + "&postcode=" + quote(
        "<i>x</i>")).get_data(as_text=True)
    assert "We don&#39;t know the area “&lt;b&gt;mars&lt;/b&gt;”" in html
    assert "“&lt;i&gt;x&lt;/i&gt;” doesn&#39;t look like a postcode" in html


def _calls(tree: ast.AST, names: set[str]):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in names:
                yield node


def test_no_lazy_string_is_ever_formatted():
    """Flask-Babel's lazy strings say they are safe HTML: formatting one with a value (which could
    be a visitor's) would put that value into the page unescaped. Format with gettext instead."""
    offenders = []
    for path in sorted((ROOT / "directory").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        lazy = {"lazy_gettext", "lazy_ngettext", "lazy_pgettext"}
        lazy |= {a.asname for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                 for a in n.names if a.name in lazy and a.asname}
        for call in _calls(tree, lazy):
            if call.keywords or not all(isinstance(a, ast.Constant) for a in call.args):
                offenders.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert not offenders, f"lazy strings formatted with values: {offenders}"


def test_markup_is_only_made_from_escaped_or_our_own_text():
    """Markup(...) marks text as safe HTML; only the modules that escape first may make it."""
    allowed = {"directory/markup.py", "directory/views/helpers.py", "directory/views/parts.py"}
    users = set()
    for path in sorted((ROOT / "directory").rglob("*.py")):
        if list(_calls(ast.parse(path.read_text(encoding="utf-8")), {"Markup"})):
            users.add(str(path.relative_to(ROOT)))
    assert users <= allowed, f"Markup made in {users - allowed}: escape visitor text instead"
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", "") and "Markup" not in text, template


@pytest.mark.parametrize("kind", ["svg", "png"])
@pytest.mark.parametrize("to", [
    "/en/search?q=<script>alert(1)</script>",
    "/en/search?q=" + quote("<svg onload=alert()>"),
    "/en/search?area=\"><b>x</b>",
    "/en/search?q=%00",
    "/en/search?q=it's",
    "/en/search?q=%60x%60",
])
def test_qr_codes_refuse_links_carrying_markup(client, kind, to):
    response = client.get(f"/qr.{kind}?to=" + quote(to))
    assert response.status_code == 400
    assert response.get_json()["error"]["parameter"] == "to"


def test_qr_codes_still_draw_plain_search_links(client):
    response = client.get("/qr.svg?to=" + quote("/en/search?q=feeling+low&age=14"))
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"


# --------------------------------------------------------------------------- redirects

def leaves_site(location: str | None) -> bool:
    """Whether a browser following this Location (or link) would leave the site."""
    if location is None:
        return False
    # Browsers drop tabs and newlines anywhere in a URL, trim control characters and spaces at
    # the ends, and read a backslash as a slash.
    cleaned = re.sub(r"[\t\n\r]", "", location).strip("\x00- ").replace("\\", "/")
    parts = urlsplit(cleaned)
    return (parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "localhost")
            or cleaned.startswith("//"))


@pytest.mark.parametrize("location, off_site", [
    ("/en/", False), ("http://localhost/en/", False), ("//evil.example", True),
    ("/\t/evil.example", True), ("/\\evil.example", True), ("https://evil.example/", True),
    ("javascript:alert(1)", True), (" //evil.example", True), ("/en/?next=//evil", False),
])
def test_the_off_site_check_itself(location, off_site):
    assert leaves_site(location) is off_site


HOSTILE_PATHS = (
    "/%09/evil.example", "/%0a/evil.example", "/%0d%0a/evil.example", "/%09%09/evil.example",
    "//evil.example", "/\\evil.example", "/%5Cevil.example", "/%2F%2Fevil.example",
    "/%5C%5Cevil.example", "/%E2%80%A8/evil.example", "/en/services/%09x", "/en/%0a",
    "/en/..%2F..%2Fevil", "/%00/evil.example", "/%20/evil.example", "/en//evil.example",
)


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_campaign_links_never_redirect_off_the_site(client, path):
    response = client.get(path + "?src=poster-1&q=x")
    assert response.status_code < 500, path
    assert not leaves_site(response.headers.get("Location")), response.headers.get("Location")


def test_campaign_links_still_drop_the_label_on_our_own_pages(client):
    response = client.get("/en/search?q=feeling+low&src=poster-1&age=14")
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/search?q=feeling+low&age=14"
    response = client.get("/pl/topics/anxiety?src=poster-1")
    assert response.status_code == 302 and response.headers["Location"] == "/pl/topics/anxiety"


@pytest.mark.parametrize("value, safe", [
    ("/en/search?q=sad&age=14", "/en/search?q=sad&age=14"),
    ("/en/services/a\tb", None),  # a page, but a tab that browsers would drop
    ("/en/search?q=\n//evil.example", None),
    ("/en/search?q=a\\b", None),
    ("///en/", None),  # browsers read three slashes as a host name too
    ("//en/", None),
    ("/%2F/evil.example", None),
    ("/en/nowhere-at-all", None),
    ("en/", None),
    ("/en/services/" + "a" * 3000, None),
    ("/en/services/%09x", None),  # a page, but a tab once decoded
    ("", None),
    (None, None),
])
def test_local_url_accepts_only_our_own_pages(app, value, safe):
    from directory import redirects

    with app.test_request_context():
        assert redirects.local_url(value) == safe


def test_local_path_encodes_what_flask_decoded(app):
    from directory import redirects

    with app.test_request_context():
        assert redirects.local_path("/en/search", [("q", "a b&c")]) == "/en/search?q=a+b%26c"
        assert redirects.local_path("/\t/evil.example", []) is None
        assert redirects.local_path("/en/services/caf\u00e9", []) == "/en/services/caf%C3%A9"


HOSTILE_BACKS = (
    "/%09/evil.example", "/\t/evil.example", "//evil.example", "/\\evil.example",
    "https://evil.example/", "javascript:alert(1)", "/%0a/evil.example", "\n//evil.example",
    " /en/", "/en/nowhere-at-all", "/en/\\evil", "/%2F%2Fevil.example",
)


def _go_back_link(html: str) -> str:
    return re.search(r'<a class="btn" href="([^"]*)">', html).group(1)


@pytest.mark.parametrize("back", HOSTILE_BACKS)
def test_go_back_never_leaves_the_site(client, back):
    response = client.get("/en/feedback/thanks?back=" + quote(back))
    assert response.status_code == 200
    assert _go_back_link(response.get_data(as_text=True)) == "/en/"


def test_go_back_returns_to_the_page_the_visitor_came_from(client):
    response = client.get("/en/feedback/thanks?back=" + quote("/en/search?q=sad&age=14"))
    assert _go_back_link(response.get_data(as_text=True)) == "/en/search?q=sad&amp;age=14"


@pytest.mark.parametrize("back", ["/%09/evil.example", "//evil.example", "/\\evil.example"])
def test_couldnt_find_form_never_passes_an_off_site_back_on(client, back):
    html = client.get("/en/search?q=zzqqxxnothing").get_data(as_text=True)
    form = html[html.index('action="/en/feedback/not-found"'):]
    token = re.search(r'name="token" value="([^"]+)"', form).group(1)
    response = client.post("/en/feedback/not-found", data={
        "token": token, "words": "zzqqxxnothing", "details": "", "back": back})
    assert response.status_code == 303
    thanks = urlsplit(response.headers["Location"])
    assert parse_qs(thanks.query)["back"] == ["/en/"]


# --------------------------------------------------------------------------- crafted queries

def _slug_candidates(content) -> list[str]:
    return [kind[0].slug for kind in (content.services, content.needs, content.areas,
                                      content.pages, content.easy_read) if kind]


def _open_referral_id(endpoint: str, content) -> str:
    """A real id for an /openreferral/ route (a service at a location only if one has an address)."""
    from directory import openreferral as oruk

    located = oruk.located_services(content)
    return {
        "openreferral.service": oruk.oruk_id("service", content.services[0].slug),
        "openreferral.taxonomy": oruk.taxonomies(content)[0]["id"],
        "openreferral.taxonomy_term": oruk.taxonomy_terms(content)[0]["id"],
        "openreferral.service_at_location": oruk.oruk_id(
            "service_at_location", (located or content.services)[0].slug),
    }[endpoint]


@pytest.fixture(scope="module")
def routes(app):
    """Every GET route in the URL map, with real values for its parts (a slug that exists)."""
    content = app.extensions["signpost.content"]
    client = app.test_client()
    filled = []
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or ()):
            continue
        values = {}
        for name in rule.arguments:
            if name == "lang":
                values[name] = "en"
            elif name == "filename":
                values[name] = "css/site.css"
            elif name == "id_":
                values[name] = _open_referral_id(rule.endpoint, content)
            elif name == "rest":
                values[name] = "organizations"
            elif name != "slug":
                raise AssertionError(f"{rule}: tell this test what a real <{name}> is")
        if "slug" in rule.arguments:
            # The first slug of any kind that the route knows (service, topic, area, page).
            for slug in _slug_candidates(content):
                url = rule.build(dict(values, slug=slug), append_unknown=False)[1]
                if client.get(url).status_code == 200:
                    values["slug"] = slug
                    break
            else:
                raise AssertionError(f"{rule}: no slug in the content opens it")
        filled.append((rule, values))
    return filled


def route_urls(routes, **overrides) -> list[str]:
    """Each route's address with its parts filled (some replaced by `overrides`)."""
    return [rule.build({k: overrides.get(k, v) for k, v in values.items()},
                       append_unknown=False)[1] for rule, values in routes]


def test_every_route_was_found(routes):
    urls = route_urls(routes)
    for expected in ("/en/search", "/en/services/", "/en/topics/", "/en/areas/", "/qr.png",
                     "/api/v1/services", "/sw.js", "/en/self-help/", "/embed/en"):
        assert any(url.startswith(expected) for url in urls), expected


RESERVED = ("slug=x", "_anchor=x", "_method=x", "_scheme=x", "_external=1", "lang=ur", "lang=",
            "for=x", "for=y", "endpoint=x", "values=x", "_scheme=javascript")


def fetch(client, url: str, method: str = "GET", **kwargs):
    """The response and its body, read and closed (static files stream from an open file)."""
    if url.startswith("/"):  # a path: never let the test client read //x as a host name
        url = "http://localhost" + url
    with client.open(url, method=method, **kwargs) as response:
        return response, response.get_data()


def assert_links_stay_relative(url: str, response, body: bytes) -> None:
    """No link was made absolute, given a scheme, an anchor or a method from the query string."""
    if response.mimetype != "text/html":
        return
    html = body.decode()
    # The language switcher's links are relative; the <head>'s alternate-language links are
    # absolute on purpose, from the configured SITE_URL only (never from the query string).
    assert 'href="/ur/' in html or "hreflang" not in html, url
    heads = re.findall(r'<link rel="alternate" hreflang="ur" href="([^"]*)"', html)
    assert all(h.startswith("http://localhost:5000/ur/") and "?" not in h for h in heads), url
    links = re.findall(r'(?:href|src|action)="([^"]*)"', html)
    assert not [link for link in links if "evil.example" in link or link.startswith(
        "javascript") or link.endswith("#x")], f"{url}: links built from the query string"


def test_url_for_names_in_the_query_string_break_no_route(client, routes):
    """request.args once went wholesale into url_for, so its own argument names crashed pages."""
    everything = "&".join(RESERVED)
    for url in route_urls(routes) + ["/en/services/no-such-service", "/en/nowhere"]:
        full = url + ("&" if "?" in url else "?") + everything
        response, body = fetch(client, full, headers={"Host": "evil.example"})
        assert response.status_code < 500, f"{full} gave {response.status_code}"
        assert "Content-Security-Policy" in response.headers, full
        assert_links_stay_relative(full, response, body)


@pytest.mark.parametrize("query", RESERVED + ("_external=1&_scheme=https",))
def test_each_url_for_name_alone_breaks_nothing(client, app, query):
    content = app.extensions["signpost.content"]
    for url in (f"/en/topics/{content.needs[0].slug}", f"/ur/services/{content.services[0].slug}",
                "/en/", "/en/search?q=sad", "/en/services/no-such-service"):
        full = url + ("&" if "?" in url else "?") + query
        response, body = fetch(client, full, headers={"Host": "evil.example"})
        assert response.status_code < 500, f"{full} gave {response.status_code}"
        assert_links_stay_relative(full, response, body)


@pytest.mark.parametrize("url", [
    "/en/search?age=%C2%B2", "/en/search?q=sad&page=%C2%B2", "/qr.png?to=/en/&size=%C2%B2",
    "/en/posters?age=%C2%B2&need=anxiety",
    "/en/posters/poster.png?age=%C2%B2", "/en/for-schools?build=1&age=%C2%B2",
    "/api/v1/services?age=%C2%B2", "/api/v1/services?page=%C2%B3", "/en/search?age=%E2%91%A0",
    "/en/search?age=" + "1" * 5000, "/qr.png?to=/en/&size=" + "6" * 5000,
])
def test_digits_that_are_not_numbers_get_a_clear_no(client, url):
    response = client.get(url)
    assert response.status_code in (200, 400), url
    if response.mimetype == "application/json":
        assert response.get_json()["error"]["message"]
    else:
        html = response.get_data(as_text=True)
        assert any(told in html for told in (
            "whole number", "give an age from 0 to 25", "page number doesn&#39;t exist")), url


def test_school_links_and_posters_read_ages_in_other_scripts(client):
    html = client.get("/en/for-schools?build=1&age=%D9%A1%D9%A4").get_data(as_text=True)
    assert "/en/search?age=14" in html
    response = client.get("/en/posters/poster.png?preview=1&age=%D9%A1%D9%A4")
    assert response.status_code == 200 and response.mimetype == "image/png"
    response = client.get("/qr.png?to=/en/&size=%EF%BC%96%EF%BC%94%EF%BC%90")  # full-width 640
    assert response.status_code == 200 and response.mimetype == "image/png"


# --------------------------------------------------------------------------- property-based sweep
#
# Routes come from the app's URL map and parameters from what the code reads, so a new page or
# parameter is covered without anyone adding it here.

READERS = {"get", "getlist"}
SOURCES = ("args", "form", "values")


def _source_of(node: ast.AST) -> bool:
    # request.args, request.form, or a parameter named args/form that carries them.
    return (isinstance(node, ast.Attribute) and node.attr in SOURCES) or (
        isinstance(node, ast.Name) and node.id in SOURCES)


def parameters_in_source() -> set[str]:
    """Every query and form parameter name the views, helpers and templates read."""
    names: set[str] = set()
    for path in (ROOT / "directory").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            key = None
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr in READERS and _source_of(node.func.value) and node.args:
                key = node.args[0]
            elif isinstance(node, ast.Subscript) and _source_of(node.value):
                key = node.slice
            elif isinstance(node, ast.Compare) and any(
                    isinstance(op, ast.In | ast.NotIn) for op in node.ops) and any(
                    _source_of(c) for c in node.comparators):
                key = node.left
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                names.add(key.value)
    for template in (ROOT / "templates").rglob("*.html"):
        names |= set(re.findall(r"request\.(?:args|form|values)\.get(?:list)?\(\s*['\"]([^'\"]+)",
                                template.read_text(encoding="utf-8")))
    return names


class _Recording:
    """Mixed into the request's parameter dictionaries: remembers which names each page reads."""

    read: dict[str | None, set[str]] = {}

    def _note(self, key):
        from flask import has_request_context, request

        endpoint = request.endpoint if has_request_context() else None
        self.read.setdefault(endpoint, set()).add(key)

    def get(self, key, *args, **kwargs):
        self._note(key)
        return super().get(key, *args, **kwargs)

    def getlist(self, key, *args, **kwargs):
        self._note(key)
        return super().getlist(key, *args, **kwargs)

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)


class Baseline(HTMLParser):
    """Tags and attribute names our pages use, and the forms that carry a token."""

    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.forms: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}
        if tag == "form" and dict(attrs).get("method") == "post":
            self.forms.append(dict(attrs).get("action") or "")

    handle_startendtag = handle_starttag


@pytest.fixture(scope="module")
def surface(app, routes):
    """What the property tests draw from: routes, parameter names, known markup, form pages."""
    from werkzeug.datastructures import ImmutableMultiDict

    recording = type("RecordingMultiDict", (_Recording, ImmutableMultiDict), {"read": {}})
    app.request_class = type("RecordingRequest", (app.request_class,),
                             {"parameter_storage_class": recording})
    client = app.test_client()
    known = Baseline()
    form_pages: dict[str, str] = {}
    # Templates name every tag and attribute they can write, including those shown only
    # sometimes (aria-invalid on a field in error, checked on a chosen box).
    for template in (ROOT / "templates").rglob("*.html"):
        text = re.sub(r"{%.*?%}|{{.*?}}|{#.*?#}", " ", template.read_text(encoding="utf-8"),
                      flags=re.S)
        for tag, inside in re.findall(r"<([a-z][a-z0-9-]*)([^<>]*)>", text):
            known.tags.add(tag)
            inside = re.sub(r"\"[^\"]*\"|'[^']*'", " ", inside)
            known.attributes |= set(re.findall(r"([a-z][a-z0-9:-]*)\s*(?:=|$|\s|/)", inside))
    urls = route_urls(routes) + ["/en/search?q=zzqqxx", "/en/for-schools?build=1"]
    seconds = {}
    for url in urls:
        for method in ("GET", "POST"):
            started = time.perf_counter()
            response, body = fetch(client, url, method=method, data={} if method == "POST"
                                   else None)
            rule = app.url_map.bind("localhost").match(url.split("?")[0], return_rule=True)[0]
            if method == "GET":
                seconds[rule.rule] = max(seconds.get(rule.rule, 0), time.perf_counter() - started)
            if method == "GET" and response.mimetype == "text/html":
                page = Baseline()
                page.feed(body.decode())
                known.tags |= page.tags
                known.attributes |= page.attributes
                for action in page.forms:
                    form_pages.setdefault(action, url)
    parameters = parameters_in_source().union(*recording.read.values())
    # Names that mean something to the code beyond a page's own parameters: url_for's keyword
    # arguments and the parts of every route, which once clashed when a query was splatted.
    reserved = {name for name in inspect.signature(flask.url_for).parameters if name != "values"}
    reserved |= {name for rule in app.url_map.iter_rules() for name in rule.arguments}
    everywhere = recording.read.get(None, set())
    return {"routes": routes, "parameters": sorted(parameters), "tags": known.tags,
            "attributes": known.attributes, "form_pages": form_pages,
            "reads": {endpoint: sorted(names | everywhere)
                      for endpoint, names in recording.read.items() if endpoint},
            "reserved": sorted(reserved), "seconds": seconds,
            "post_rules": [r for r in app.url_map.iter_rules() if "POST" in (r.methods or ())]}


def test_the_sweep_finds_the_parameters_the_code_reads(surface):
    for name in ("q", "age", "area", "postcode", "need", "delivery", "referral", "open_now", "page",
                 "for", "to", "src", "size", "back", "token", "kind", "slug", "answer", "problem",
                 "details", "words", "language", "audience", "campaign", "build", "preview"):
        assert name in surface["parameters"], name
    assert surface["post_rules"] and surface["form_pages"]



WHOOSH = ["AND", "OR", "NOT", "*", "?", "~", "^", ":", "[", "]", "{", "}", '"', "(", ")", "TO",
          "title:", "a*", "*a", "~2", "^3", "[a TO z]", "{0 TO 9}", "\\", "-", "+", "/"]
PATH_TRICKS = ["%09", "%0a", "%0d%0a", "%0d", "%0c", "%0b", "%1f", "%7f", "%C2%85", "%E2%80%A8",
               "//", "\\", "%5C", "%2F%2F", "/%09/evil.example", "%09/evil.example",
               "//evil.example", "/\\evil.example", "https://evil.example", "..", "%2e%2e",
               "../../etc/passwd", "%00", "%E2%80%AE", "\t/", "javascript:alert(1)", "%ZZ",
               "%", "?", "#", "&", "="]
NUMBERS = ["²", "①", "١٤", "۱۴", "-4", "+5", "−3", "1e3", "0x10", "９", "1.5", " 14 ",
           "99999999999999999999", "1" * 5000, "-0", "0", "120", "121"]
unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
markup_values = st.one_of(
    st.sampled_from(PAYLOADS),
    st.builds(lambda tag, text: f"<{MARKER}{tag} on{MARKER}=1>{text}", unicode_text,
              unicode_text),
)
hostile_values = st.one_of(
    unicode_text,  # every category: controls, format, marks, symbols, private use, unassigned
    st.builds(lambda c, n: c * n, st.characters(exclude_categories=("Cs",)),
              st.integers(1000, 20000)),  # very long
    st.lists(st.sampled_from(WHOOSH + ["sad", "low", "kooth"]), min_size=1, max_size=8).map(
        " ".join),
    st.sampled_from(PATH_TRICKS),
    markup_values, markup_values,  # twice: the payloads that matter most, drawn more often
    st.sampled_from(NUMBERS),
    st.text(st.characters(categories=("Nd", "No")), min_size=1, max_size=3),  # ² ① ١٤ ...
)
# The raw text of a path segment: percent-encoded hostile text, or a trick left as it is.
segments = st.one_of(hostile_values.map(lambda v: quote(v, safe="")),
                     st.sampled_from(PATH_TRICKS), st.sampled_from(PATH_TRICKS))

SWEEP = settings(deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def check_response(surface, url: str, response, body: bytes, values: list[str]) -> None:
    """What must hold for any request at all, however hostile."""
    where = f"{response.request.method} {url[:300]}"
    assert response.status_code < 500, f"{where} gave {response.status_code}"
    csp = response.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in csp and "object-src 'none'" in csp, f"{where}: no CSP"
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, f"{where}: {name}"
    assert "Set-Cookie" not in response.headers, f"{where} set a cookie"
    assert not leaves_site(response.headers.get("Location")), \
        f"{where} redirects off the site: {response.headers.get('Location')!r}"
    if response.mimetype != "text/html":
        return
    html = body.decode()
    page = Baseline()
    page.feed(html)
    page.close()
    made = sorted((page.tags - surface["tags"]) | (page.attributes - surface["attributes"]))
    assert not made and not planted(html), f"{where}: input became markup: {made}"
    for value in values:
        assert not (MARKER in value and "<" in value and value in html), f"{where}: unescaped"
    for link in re.findall(r'(?:href|action)="([^"]*)"', html):
        assert not leaves_site(link.replace("&amp;", "&")) or link.startswith(
            ("https://", "http://", "tel:", "sms:", "mailto:")) and MARKER not in link, \
            f"{where}: a link built from input leaves the site: {link!r}"


@pytest.fixture(scope="module")
def languages(app):
    """The site's languages."""
    return list(app.config["LANGUAGES"])


def _hostile_url(draw, rule, values, languages):
    url = rule.build(values, append_unknown=False)[1]
    # Mostly the real page; sometimes a part of its path (language, slug or file name) swapped
    # for something hostile, or a trick put in front of the whole path.
    choice = draw(st.sampled_from(["as-is", "as-is", "part", "prefix"]))
    if choice == "part" and values:
        name = draw(st.sampled_from(sorted(values)))
        real = quote(values[name], safe="/")
        replacement = draw(st.one_of(segments, st.sampled_from(languages)))
        url = url.replace(real, replacement, 1) if real in url else url
    elif choice == "prefix":
        url = "/" + draw(segments) + url
    return url


@st.composite
def hostile_parameters(draw, surface, endpoint: str | None):
    """Every parameter the page reads, each left out or given a hostile value, then a few names
    that mean something elsewhere in the code (url_for's own, other pages') or to nobody."""
    own = surface["reads"].get(endpoint, surface["parameters"])
    params = [(name, value) for name in own
              if (value := draw(st.one_of(st.none(), hostile_values, hostile_values)))
              is not None]
    others = st.one_of(st.sampled_from(surface["reserved"]),
                       st.sampled_from(surface["parameters"]), unicode_text.filter(bool))
    params += draw(st.lists(st.tuples(others, hostile_values), max_size=3))
    return draw(st.permutations(params))


def _examples(seconds: float) -> int:
    # A bounded time per route: slow pages (posters) get fewer examples, quick ones more.
    return max(2, min(8, int(1.5 / max(seconds, 0.01))))


def test_hostile_get_requests_on_every_route(app, surface, languages):
    client = app.test_client()
    for rule, values in surface["routes"]:
        sweep_route(client, surface, languages, rule, values)


def sweep_route(client, surface, languages, rule, values) -> None:
    """Hostile GET requests to one route, as many as its speed allows."""

    @settings(SWEEP, max_examples=_examples(surface["seconds"][rule.rule]))
    @given(data=st.data())
    def run(data):
        url = _hostile_url(data.draw, rule, values, languages)
        params = data.draw(hostile_parameters(surface, rule.endpoint))
        query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in params)
        if params and data.draw(st.booleans()):  # or the raw text, tricks left unencoded
            query = "&".join(f"{k}={v}" for k, v in params if "#" not in k + v)
        full = url + ("&" if "?" in url else "?") + query if query else url
        response, body = fetch(client, full)
        check_response(surface, full, response, body, [v for _, v in params])

    run()


def flask_endpoint(app, url: str) -> str | None:
    """The endpoint a POST to url reaches, if any."""
    try:
        return app.url_map.bind("localhost").match(url, method="POST")[0]
    except Exception:
        return None


def test_hostile_form_posts(app, surface, languages):
    client = app.test_client()
    slug = app.extensions["signpost.content"].services[0].slug
    post_urls = sorted({rule.build({"lang": lang, "slug": slug}, append_unknown=False)[1]
                        for rule in surface["post_rules"] for lang in languages})
    post_urls += sorted(surface["form_pages"])

    @settings(SWEEP, max_examples=60)
    @given(data=st.data())
    def run(data):
        if data.draw(st.integers(0, 3)):
            url = data.draw(st.sampled_from(post_urls))
        else:  # a page that takes no posts must still answer well
            rule, values = data.draw(st.sampled_from(surface["routes"]))
            url = _hostile_url(data.draw, rule, values, languages)
        form = dict(data.draw(hostile_parameters(surface, flask_endpoint(app, url))))
        host = surface["form_pages"].get(url)
        if host and data.draw(st.booleans()):  # a real token, so the form is read in full
            _, page = fetch(client, host)
            token = re.search(r'action="' + re.escape(url) + r'".*?name="token" value="([^"]+)"',
                              page.decode(), re.S)
            if token:
                form["token"] = token.group(1)
        response, body = fetch(client, url, method="POST", data=form)
        check_response(surface, url, response, body, list(form.values()))

    run()
