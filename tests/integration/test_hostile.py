"""Hostile input, tried as an attacker would: it never becomes markup, a redirect off the site,
a 500, or a response without the security headers."""

from __future__ import annotations

import ast
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[2]
MARKER = "zqx"
# Each payload plants an element or attribute named with MARKER if it is ever echoed unescaped.
PAYLOADS = (
    f"<meta http-equiv=refresh content=0;//{MARKER}.example>",
    f"<svg on{MARKER}=alert(1)>",
    f"\"><{MARKER} on{MARKER}=1>",
    f"'><img src=x on{MARKER}=1>",
)


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
    allowed = {"directory/markup.py", "directory/views/helpers.py"}
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
