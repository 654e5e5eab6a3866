"""Every page through the real app: what a visitor's browser receives."""

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest

from directory import create_app


class PageCheck(HTMLParser):
    """Collects what the tests look at in a page: ids, scripts, styles, links and <html> attrs."""

    def __init__(self):
        super().__init__()
        self.ids, self.inline_scripts, self.inline_styles, self.links = [], 0, 0, []
        self.html_attrs, self.style_blocks, self._in_style = {}, [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_attrs = attrs
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if "style" in attrs:
            self.inline_styles += 1
        if tag == "style":
            self._in_style = True
            self.style_blocks.append("")
        if tag == "script" and "src" not in attrs:
            self.inline_scripts += 1
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style_blocks[-1] += data


def check_page(client, url, status=200):
    """Fetch a page and check what every page must have."""
    response = client.get(url)
    assert response.status_code == status, f"{url} gave {response.status_code}"
    html = response.get_data(as_text=True)
    page = PageCheck()
    page.feed(html)
    assert page.html_attrs.get("lang") == "en" and page.html_attrs.get("dir") == "ltr"
    assert len(page.ids) == len(set(page.ids)), f"duplicate ids on {url}"
    assert page.inline_scripts == 0 and page.inline_styles == 0, f"inline code on {url}"
    assert "/en/help-now" in page.links, f"no Help now link on {url}"
    assert "Set-Cookie" not in response.headers, f"{url} set a cookie"
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    for block in page.style_blocks:  # an inline stylesheet is allowed only by its exact hash
        digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp, f"inline style on {url} not allowed by the CSP"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    return html, page


def test_root_redirects_to_english(client):
    response = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/en/")


@pytest.mark.parametrize("url", [
    "/en/", "/en/search?q=worried&age=14&area=charnwood", "/en/search?need=anxiety",
    "/en/topics", "/en/topics/anxiety", "/en/areas", "/en/areas/rutland", "/en/help-now",
    "/en/services/town-counselling", "/en/services/town-counselling/report",
    "/en/services/night-line", "/en/services/little-ones", "/en/services/city-youth-online",
])
def test_every_page_renders_safely(fixture_app, url):
    check_page(fixture_app.test_client(), url)


def test_every_bundled_service_page_renders(client, bundled_content):
    for service in bundled_content.services:
        html, page = check_page(client, f"/en/services/{service.slug}")
        assert service.name.replace("&", "&amp;").replace("'", "&#39;") in html
        for phone in service.phones:
            assert phone.tel in page.links
        for line in service.texts:
            assert any(link.startswith("sms:" + line.number.replace(" ", "")) for link in page.links)


def test_every_bundled_topic_and_area_page_renders(client, bundled_content):
    for need in bundled_content.needs:
        check_page(client, f"/en/topics/{need.slug}")
    for area in bundled_content.areas:
        check_page(client, f"/en/areas/{area.slug}")


def test_service_page_has_everything_needed_to_get_help(fixture_app):
    html, page = check_page(fixture_app.test_client(), "/en/services/town-counselling")
    assert "tel:01234567890" in page.links
    assert any(link.startswith("https://www.google.com/maps/dir/") and "LE11+1AA" in link
               for link in page.links)
    assert "/en/services/town-counselling/report" in page.links
    for words in ("Who it’s for", "How to get help", "Ask your teacher to contact the service.",
                  "What happens next", "About four weeks.", "Opening hours", "Monday to Friday",
                  "09:00–17:00", "Details last checked on 1 November 2026"):
        assert words in html, words


def test_text_line_is_a_real_sms_link(fixture_app):
    html, page = check_page(fixture_app.test_client(), "/en/services/night-line")
    assert "sms:80000?&body=NIGHT" in [link.replace("&amp;", "&") for link in page.links]
    assert "Every day" in html and "19:00–02:00" in html


def test_unchecked_entry_is_marked(fixture_app):
    html, _ = check_page(fixture_app.test_client(), "/en/services/little-ones")
    assert "still checking some of these details" in html


def test_results_honour_filters_and_say_what_was_searched(fixture_app):
    html, page = check_page(fixture_app.test_client(), "/en/search?age=12&area=leicester")
    assert "age 12" in html and "Leicester city" in html
    assert "/en/services/city-youth-online" in page.links
    assert "/en/services/town-counselling" not in page.links  # Charnwood only
    assert "/en/services/little-ones" not in page.links  # too old, wrong area
    assert "/en/services/night-line" not in page.links  # 13 and over


def test_risk_search_puts_help_now_first(fixture_app):
    html, _ = check_page(fixture_app.test_client(), "/en/search?q=I+want+to+kill+myself")
    box = html.index("If you need help right now")
    assert box < html.index("<h1>")
    for number in ("tel:999", "tel:111", "tel:08001111", "tel:116123", "sms:85258"):
        assert number in html[box:box + 4000]


def test_no_results_is_not_a_dead_end(fixture_app):
    client = fixture_app.test_client()
    html, page = check_page(client, "/en/search?q=zebra+crossing&age=14&area=rutland&need=low-mood")
    assert "We couldn’t find a service that fits everything" in html
    assert "Search without the words" in html and "Any age" in html and "Anywhere" in html
    assert "Services anyone in the UK can use" in html
    assert "/en/services/night-line" in page.links  # national, low mood, age 14


def test_misspelling_is_corrected(fixture_app):
    html, _ = check_page(fixture_app.test_client(), "/en/search?q=anxeity")
    assert "so we searched for “anxiety” instead" in html
    assert "Town Counselling" in html


@pytest.mark.parametrize("query, told", [
    ("age=abc", "Age must be a whole number, like 14."),
    ("age=-4", "Give an age from 0 to 120, like 14."),
    ("age=121", "Give an age from 0 to 120, like 14."),
    ("age=%C2%B2", "Age must be a whole number, like 14."),  # ² passes str.isdigit()
    ("age=1.5", "Age must be a whole number, like 14."),
    ("age=" + "9" * 5000, "Age must be a whole number, like 14."),
    ("area=mars", "We don&#39;t know the area “mars”. Choose one from the list."),
    ("need=nothing", "Choose a topic from the list."),
    ("postcode=%%%", "“%%%” doesn&#39;t look like a postcode."),
    ("page=0", "That page number doesn&#39;t exist."),
    ("page=99999", "That page number doesn&#39;t exist."),
    ("q=sad&page=%C2%B2", "That page number doesn&#39;t exist."),
    ("open_now=maybe", "“Open now” should be on or off."),
    ("delivery=pigeon", "Choose how you&#39;d like to get help from the list."),
    ("referral=pigeon", "Choose how you&#39;d like to get in from the list."),
    ("q=" + "a" * 5000, None), ("q=%00%01%02", None), ("q=*:?(AND+OR", None),
    ("q=%E2%80%AE%F0%9F%98%80", None), ("need=anxiety&need=anxiety&need=", None),
    ("q=&age=&area=", None), ("q=sad&lang=ur", None), ("q=sad&lang=", None),
    ("q=sad&for=x&for=y", None),
])
def test_strange_search_input_gets_a_page_that_says_what_was_wrong(fixture_app, query, told):
    response = fixture_app.test_client().get("/en/search?" + query)
    assert response.status_code in (200, 302)
    html = response.get_data(as_text=True)
    if told is None:
        assert 'class="field-error"' not in html and 'role="alert"' not in html
        return
    alert = re.search(r'<div class="notice" role="alert">(.*?)</div>', html, re.S)
    assert alert and told in alert.group(1), \
        f"the visitor is not told what was wrong with {query[:40]}"
    field = query.split("&")[-1].split("=")[0]
    if field == "page":
        return  # no field to correct: the message is enough
    # The message links to the field it is about, and that field is on the page, shown.
    assert f'<a href="#{field}">{told}' in alert.group(1), f"{told!r} does not link to #{field}"
    page = PageCheck()
    page.feed(html)
    assert field in page.ids and '<details class="refine" open>' in html
    if field in ("age", "postcode"):
        assert f'aria-describedby="{field}-error"' in html and f'id="{field}-error">' + told in html


@pytest.mark.parametrize("age, shown", [("14", 14), ("١٤", 14), ("۱۴", 14), (" 7 ", 7), ("0", 0)])
def test_ages_in_any_script_of_digits_are_understood(fixture_app, age, shown):
    html = fixture_app.test_client().get("/en/search?q=sad&age=" + age).get_data(as_text=True)
    assert f"age {shown}" in html and "field-error" not in html


def test_bad_filter_is_explained(fixture_app):
    html, _ = check_page(fixture_app.test_client(), "/en/search?age=abc&q=sad")
    assert 'role="alert"' in html and "Age must be a whole number" in html


def test_postcode_outside_the_area_still_shows_national_services(fixture_app):
    html, page = check_page(fixture_app.test_client(), "/en/search?postcode=SW1A+1AA&age=15")
    assert "outside the areas this directory covers" in html
    assert "/en/services/night-line" in page.links
    assert "/en/services/town-counselling" not in page.links


def test_postcode_finds_local_services(fixture_app):
    _, page = check_page(fixture_app.test_client(), "/en/search?postcode=le11+3tu&age=15")
    assert "/en/services/town-counselling" in page.links
    assert "/en/services/city-youth-online" not in page.links


def test_unknown_pages_get_a_helpful_404(fixture_app):
    client = fixture_app.test_client()
    html, _ = check_page(client, "/en/services/no-such-service", status=404)
    assert "We can’t find that page" in html and 'role="search"' in html
    check_page(client, "/en/nowhere", status=404)
    assert client.get("/xx/").status_code == 404


def test_server_error_page_is_friendly(content_copy):
    app = create_app({"CONTENT_DIR": str(content_copy), "PROPAGATE_EXCEPTIONS": False,
                      "SECRET_KEY": "not-the-default"})

    @app.get("/en/boom")
    def boom():
        raise RuntimeError("boom")

    response = app.test_client().get("/en/boom")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Sorry, something went wrong" in html and "tel:999" in html


def test_server_error_page_that_itself_breaks_still_offers_help(content_copy, caplog):
    app = create_app({"CONTENT_DIR": str(content_copy), "PROPAGATE_EXCEPTIONS": False,
                      "SECRET_KEY": "not-the-default"})

    @app.get("/en/boom")
    def boom():
        raise RuntimeError("boom")

    @app.context_processor
    def broken_templates():  # every template now fails, the error page's included
        raise RuntimeError("a broken template")

    for url in ("/en/boom", "/en/no-such-page"):
        response = app.test_client().get(url)
        assert response.status_code in (404, 500)
        html = response.get_data(as_text=True)
        assert "tel:999" in html and "tel:111" in html and "tel:116123" in html
        assert "object-src 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert any("could not be drawn" in r.getMessage() for r in caplog.records)


def test_one_broken_file_does_not_take_the_site_down(content_copy, caplog):
    (content_copy / "services" / "town-counselling.yml").write_text("name: [broken\n")
    app = create_app({"TESTING": True, "CONTENT_DIR": str(content_copy)})
    client = app.test_client()
    assert client.get("/en/services/town-counselling").status_code == 404
    assert client.get("/en/services/night-line").status_code == 200
    assert client.get("/en/search?q=low").status_code == 200
    assert any("town-counselling.yml" in r.getMessage() for r in caplog.records)


def test_static_css_is_served_and_cacheable(client):
    address = re.search(r'href="(/static/css/site\.css\?v=\w+)"', client.get("/en/").get_data(
        as_text=True)).group(1)
    with client.get(address) as response:
        assert response.status_code == 200 and "max-age" in response.headers["Cache-Control"]
        css = response.get_data(as_text=True)
    assert re.search(r"margin-left|padding-right|text-align:\s*left", css) is None, \
        "use logical properties so right-to-left works"
