"""Search engines find every page in every language; shared links preview what they are."""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from directory import create_app

SITE = "https://signpost.example.org"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("seo") / "f.sqlite3"
    app = create_app({"TESTING": True, "SITE_URL": SITE, "FEEDBACK_DB": str(db)})
    return app.test_client()


class Head(HTMLParser):
    """The <link> and <meta> tags of a page."""

    def __init__(self):
        super().__init__()
        self.links, self.meta = [], {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "meta" and "property" in attrs:
            self.meta[attrs["property"]] = attrs.get("content", "")


def head(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    parser = Head()
    parser.feed(response.get_data(as_text=True))
    return parser


def test_robots_txt_answers_at_the_root_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert "User-agent: *" in text and f"Sitemap: {SITE}/sitemap.xml" in text
    assert "Disallow: /\n" not in text


def test_sitemap_lists_every_page_in_every_language(client):
    app = client.application
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    root = ET.fromstring(response.data)
    locs = [u.findtext("s:loc", namespaces=NS) for u in root.findall("s:url", NS)]
    assert len(locs) == len(set(locs))
    with app.test_request_context():
        from directory import state

        content = state.content()
        for lang in app.config["LANGUAGES"]:
            expected = [f"/{lang}/", f"/{lang}/help-now", f"/{lang}/for-schools",
                        f"/{lang}/jargon-buster"]
            expected += [f"/{lang}/services/{s.slug}" for s in content.services]
            expected += [f"/{lang}/topics/{n.slug}" for n in content.needs]
            expected += [f"/{lang}/areas/{a.slug}" for a in content.areas]
            expected += [f"/{lang}/self-help/{p.slug}" for p in content.pages]
            missing = [p for p in expected if SITE + p not in locs]
            assert not missing, f"the sitemap leaves out {missing[:5]}"
    first = root.find("s:url", NS)
    alternates = {a.get("hreflang"): a.get("href") for a in first.findall("x:link", NS)}
    assert set(alternates) == set(app.config["LANGUAGES"])
    assert all(href.startswith(SITE + "/") for href in alternates.values())
    # Every address it lists answers.
    for loc in locs[:: max(1, len(locs) // 60)]:
        assert client.get(loc.removeprefix(SITE)).status_code == 200, loc


@pytest.mark.parametrize("path", ["/en/", "/ur/topics/anxiety", "/gu/services/kooth",
                                  "/pl/search?q=sleep&for=teens", "/ar/help-now"])
def test_pages_name_absolute_alternates_a_canonical_and_a_preview(client, path):
    page = head(client, path)
    alternates = {link["hreflang"]: link["href"] for link in page.links
                  if link.get("rel") == "alternate" and "hreflang" in link}
    assert set(alternates) == set(client.application.config["LANGUAGES"]) | {"x-default"}
    assert all(href.startswith(SITE + "/") for href in alternates.values()), alternates
    canonical = [link["href"] for link in page.links if link.get("rel") == "canonical"]
    bare = path.split("?")[0]
    assert canonical == [SITE + bare], "the canonical link is the page's path at SITE_URL"
    assert not [h for h in alternates.values() if "?" in h], "no visitor text in page addresses"
    assert page.meta["og:url"] == SITE + bare
    assert page.meta["og:title"] and page.meta["og:description"]
    assert "{" not in page.meta["og:title"] and "<" not in page.meta["og:title"]
    image = page.meta["og:image"]
    assert image.startswith(SITE + "/static/") and "?" not in image, "our own image, no tracking"
    with client.get(image.removeprefix(SITE)) as served:
        assert served.status_code == 200 and served.mimetype == "image/png"
    assert re.fullmatch(r"[a-z]{2}", page.meta["og:locale"])


def test_error_pages_give_no_address_built_from_what_was_typed(client):
    html = client.get("/en/services/%3Cnot-here%3E").get_data(as_text=True)
    assert 'rel="canonical"' not in html and 'og:url' not in html
    assert "not-here" not in "".join(re.findall(r'<link[^>]*>', html))


@pytest.mark.parametrize("lang", ["en", "ur", "gu", "so"])
def test_accessibility_statement_and_privacy_notice_are_linked_from_every_footer(client, lang):
    home = client.get(f"/{lang}/").get_data(as_text=True)
    footer = home.split('<footer', 1)[1]
    assert f'href="/{lang}/accessibility"' in footer and f'href="/{lang}/privacy"' in footer
    statement = client.get(f"/{lang}/accessibility").get_data(as_text=True)
    privacy = client.get(f"/{lang}/privacy").get_data(as_text=True)
    if lang == "en":
        for heading in ("Compliance status", "Non-accessible content", "Enforcement procedure",
                        "How we tested this website", "Equality Advisory and Support Service"):
            assert heading in statement, heading
        for told in ("sets no cookies", "up to 40 pages", "Clear my list", "How long we keep it",
                     "Words searched for that found nothing", "visits from posters"):
            assert told in privacy, told
    else:  # translated (test_site_pages.py checks every language)
        for page in (statement, privacy):
            assert 'class="prose">' in page and 'class="untranslated"' not in page
    # The enforcement body and the standard keep their official names in every language.
    for name in ("Equality Advisory and Support Service", "WCAG", "EHRC"):
        assert name in statement, name
