"""Help comes first wherever risk is likely: a number to call or text before anything else."""

import re
from html import escape
from urllib.parse import quote

import pytest

from directory import state
from tests.conftest import ROOT

RISK_TOPICS = ("self-harm", "suicidal-thoughts")
RISKY_QUERIES = {"en": ["i want to kill myself", "suicide", "self harm"], "ur": ["خودکشی"]}
CRISIS_LINK = re.compile(r'href="(tel|sms):')


def _first(pattern: str, html: str) -> int:
    found = re.search(pattern, html)
    return found.start() if found else len(html)


def assert_help_first(html: str, where: str):
    """The first tel:/sms: crisis button comes before any service and before 'Share'."""
    main = html[html.index('<main'):]
    crisis = _first(r'data-help-box', main)
    button = _first(CRISIS_LINK.pattern, main)
    assert button < len(main), f"{where}: no call or text button on the page"
    assert crisis < button, f"{where}: the first call button is not in the help-now box"
    assert button < _first(r'class="card"', main), f"{where}: a service comes before help"
    assert button < _first(r"data-share", main), f"{where}: 'Share this search' comes before help"


@pytest.mark.parametrize("lang", ["en", "ur"])
@pytest.mark.parametrize("topic", RISK_TOPICS)
def test_risk_topic_pages_open_with_a_crisis_button(client, lang, topic):
    html = client.get(f"/{lang}/topics/{topic}").get_data(as_text=True)
    assert_help_first(html, f"/{lang}/topics/{topic}")


@pytest.mark.parametrize(("lang", "words"), [(lang, q) for lang, qs in RISKY_QUERIES.items()
                                              for q in qs])
def test_risky_searches_open_with_a_crisis_button(client, lang, words):
    html = client.get(f"/{lang}/search?q={quote(words)}").get_data(as_text=True)
    assert_help_first(html, f"search for {words!r} in {lang}")


def test_self_help_pages_on_risk_topics_open_with_a_crisis_button(app, client):
    with app.app_context():
        pages = [p for p in state.content().pages if set(p.needs) & set(RISK_TOPICS)]
    assert pages, "the bundled pack should have self-help pages on self-harm or suicide"
    for page in pages:
        html = client.get(f"/en/self-help/{page.slug}").get_data(as_text=True)
        main = html[html.index("<main"):]
        assert _first("data-help-box", main) < _first("<article", main), page.slug
        assert CRISIS_LINK.search(main[:main.index("<article")]), page.slug


def test_ordinary_topics_do_not_alarm(client):
    html = client.get("/en/topics/sleep").get_data(as_text=True)
    assert "data-help-box" not in html


def test_every_result_card_with_a_number_has_its_own_button(app, client):
    html = client.get("/en/topics/self-harm").get_data(as_text=True)
    cards = re.findall(r'<article class="card">(.*?)</article>', html, re.S)
    assert cards
    with app.app_context():
        for card in (c for c in cards if "/services/" in c):
            slug = re.search(r'/services/([a-z0-9-]+)"', card).group(1)
            service = state.content().service(slug)
            if service.phones:
                assert f'href="{service.phones[0].tel}"' in card, slug
            elif service.texts:
                assert 'href="sms:' in card, slug
            else:
                assert not CRISIS_LINK.search(card), slug


def test_services_come_before_self_help_cards(client):
    html = client.get("/en/search?q=exam+stress").get_data(as_text=True)
    assert 'id="selfhelp-title"' in html
    assert html.index('class="card"') < html.index('id="selfhelp-title"')


@pytest.mark.parametrize("lang", ["en", "ur", "ar", "gu", "pa", "pl", "ro", "so"])
def test_help_now_has_every_contact_as_a_button_and_no_repeated_headings(app, client, lang):
    html = client.get(f"/{lang}/help-now").get_data(as_text=True)
    with app.app_context():
        crisis = state.content().crisis
    box = html[html.index("data-help-box"):html.index("</section>", html.index("data-help-box"))]
    for contact in crisis:
        target = escape(contact.phone.tel if contact.phone else contact.text_line.sms)
        assert f'href="{target}"' in box, f"{contact.slug} is not a button in the help-now box"
    headings = [re.sub(r"<[^>]+>|\s+", " ", h).strip()
                for h in re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", html, re.S)]
    assert len(headings) == len(set(headings)), headings
    paragraphs = [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p[^>]*>(.*?)</p>", html, re.S)]
    for heading in headings[1:]:  # the page title "Help now" may well start a sentence
        for para in paragraphs:
            assert not para.startswith(heading), f"heading {heading!r} repeated in {para!r}"


def test_help_now_inline_css_stays_small(client):
    html = client.get("/en/help-now").get_data(as_text=True)
    css = html[html.index("<style>"):html.index("</style>")]
    # One round trip on a slow phone: the whole page, styles included, stays small.
    assert len(css.encode()) < 16_000, len(css.encode())
    assert len(html.encode()) < 24_000, len(html.encode())


def test_help_now_inlines_every_rule_of_the_stylesheet_without_its_comments(client):
    html = client.get("/en/help-now").get_data(as_text=True)
    css = html[html.index("<style>") + len("<style>"):html.index("</style>")]
    sheet = (ROOT / "static" / "css" / "site.css").read_text(encoding="utf-8")
    assert "/*" in sheet and "/*" not in css and "*/" not in css
    rules = re.sub(r"\s+", "", re.sub(r"/\*.*?\*/", "", sheet, flags=re.S))
    assert re.sub(r"\s+", "", css) == rules
