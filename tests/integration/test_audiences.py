"""Audiences that are real: each changes wording, look, self-help and what a young person is told."""

import re

import pytest

from directory import state
from directory.content import load_content

AUDIENCES = ("children", "teens", "young-adults", "parents", "professionals")
ALONE = "you don’t need to tell a parent"


def h1(html: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


def test_each_audience_has_its_own_wording_and_look(client):
    headings = {a: h1(client.get(f"/en/?for={a}").get_data(as_text=True)) for a in AUDIENCES}
    headings[None] = h1(client.get("/en/").get_data(as_text=True))
    assert len(set(headings.values())) == len(headings), headings
    css = client.get("/audiences.css").get_data(as_text=True)
    for audience in AUDIENCES:
        html = client.get(f"/en/topics/anxiety?for={audience}").get_data(as_text=True)
        assert f'class="audience-{audience}"' in html and "/audiences.css" in html
        rule = re.search(rf"\.audience-{audience} {{([^}}]*)}}", css)
        assert rule and "--brand:" in rule.group(1) and "font-size:" in rule.group(1), audience
    assert len(set(re.findall(r"--brand: (#[0-9a-f]{6})", css))) == len(AUDIENCES)


def test_audience_styles_come_from_the_content_pack(app):
    with app.app_context():
        styles = state.content().site.audience_styles
    assert set(styles) == set(AUDIENCES)
    assert styles["children"].type_scale > styles["professionals"].type_scale


@pytest.mark.parametrize(("block", "field", "words"), [
    ('  teens:\n    brand: "red"\n    brand_dark: "#06423f"\n    tint: "#e6f4f3"\n',
     "audiences.teens.brand", "not a colour"),
    ('  teens:\n    brand: "#7fd1cc"\n    brand_dark: "#06423f"\n    tint: "#e6f4f3"\n',
     "audiences.teens.brand", "hard to read"),
    ('  teens:\n    brand: "#0a5f5a"\n    brand_dark: "#06423f"\n    tint: "#e6f4f3"\n'
     '    type_scale: 3\n', "audiences.teens.type_scale", "not a type scale"),
    ('  pets:\n    brand: "#0a5f5a"\n', "audiences.pets", "not an audience"),
])
def test_content_check_names_a_bad_audience_style(content_copy, block, field, words):
    site = content_copy / "site.yml"
    site.write_text(site.read_text() + "audiences:\n" + block)
    problems = load_content(content_copy, log_problems=False).problems
    found = [p for p in problems if p.field == field]
    assert found and words in found[0].message and found[0].file.endswith("site.yml"), problems


def test_children_see_no_professionals_pages_and_no_crisis_team_first(client):
    for path in ("/en/topics/anxiety?for=children", "/en/search?q=worried&for=children",
                 "/en/self-help?for=children"):
        html = client.get(path).get_data(as_text=True)
        assert "/self-help/how-referral-works" not in html, path
    html = client.get("/en/topics/anxiety?for=children").get_data(as_text=True)
    cards = re.findall(r'/services/([a-z0-9-]+)[?"]', html)
    assert cards and cards[0] != "camhs-crisis-and-home-treatment"
    urgent = html[html.index('id="urgent-title"'):]
    assert "camhs-crisis-and-home-treatment" in urgent[:urgent.index("</section>")]
    assert "If it’s urgent" in html


def test_crisis_routes_are_under_if_its_urgent_on_area_pages(client):
    html = client.get("/en/areas/leicester?need=self-harm").get_data(as_text=True)
    main_list = html[html.index('<ol class="results"'):html.index("</ol>")]
    assert "/services/camhs-crisis-and-home-treatment" not in main_list
    assert 'id="urgent-title"' in html


def _cards_with_note(html: str) -> set:
    cards = re.findall(r'<article class="card">(.*?)</article>', html, re.S)
    return {re.search(r'/services/([a-z0-9-]+)[?"]', c).group(1) for c in cards
            if "/services/" in c and ALONE in c}


def test_contact_them_yourself_only_where_true(app, client):
    html = client.get("/en/topics/self-harm?for=teens").get_data(as_text=True)
    noted = _cards_with_note(html)
    assert "childline" in noted
    with app.app_context():
        for slug in noted:
            service = state.content().service(slug)
            assert service.confidential and "self-referral" in service.referral, slug
            assert service.minimum_age <= 17, slug
    assert not _cards_with_note(client.get("/en/topics/self-harm?for=parents").get_data(
        as_text=True))
    assert not _cards_with_note(client.get("/en/topics/self-harm?age=19").get_data(as_text=True))
    # Kooth is for 11 and over: an 8-year-old is not told they can use it alone.
    assert "kooth" not in _cards_with_note(
        client.get("/en/topics/self-harm?age=8").get_data(as_text=True))
    assert "kooth" in _cards_with_note(
        client.get("/en/topics/self-harm?age=14").get_data(as_text=True))
    page = client.get("/en/services/childline?for=teens").get_data(as_text=True)
    assert ALONE in page
    assert ALONE not in client.get("/en/services/childline").get_data(as_text=True)


def test_school_links_and_posters_open_the_site_for_their_audience(client):
    html = client.get("/en/for-schools?build=1&audience=teens&age=14&campaign=school-a")
    link = re.search(r'<a href="(http[^"]+)" dir', html.get_data(as_text=True)).group(1)
    assert "for=teens" in link.replace("&amp;", "&")
    landing = client.get("/en/search?age=14&for=teens&src=school-a")
    assert landing.status_code == 302 and "for=teens" in landing.headers["Location"]


@pytest.mark.parametrize("path", ["/en/topics/anxiety", "/en/topics/low-mood",
                                  "/en/areas/leicester"])
def test_browsing_puts_the_first_step_for_who_is_looking_first(app, client, path):
    with app.app_context():
        service = state.content().service
        parents = re.findall(r'/services/([a-z0-9-]+)[?"]',
                             client.get(f"{path}?for=parents").get_data(as_text=True))
        assert "parenting" in service(parents[0]).needs, parents[:3]
        for audience in ("teens", "young-adults"):
            html = client.get(f"{path}?for={audience}").get_data(as_text=True)
            first = re.findall(r'/services/([a-z0-9-]+)[?"]', html)[0]
            assert "self-referral" in service(first).referral, (audience, first)


def test_a_kept_card_is_the_card_for_this_language_audience_and_age(client):
    """Cards are rendered once and kept: each page still gets the card made for its own
    language, audience and age, however many pages asked before it."""
    def card(url, slug="kooth"):
        html = client.get(url).get_data(as_text=True)
        cards = re.findall(r'<article class="card">(.*?)</article>', html, re.S)
        return next(c for c in cards if f"/services/{slug}" in c)

    english, polish = card("/en/topics/self-harm?age=14"), card("/pl/topics/self-harm?age=14")
    assert "/en/services/kooth" in english and "/pl/services/kooth" in polish
    assert card("/en/topics/self-harm?age=14") == english  # the kept card, unchanged
    assert "for=parents" in card("/en/topics/self-harm?for=parents")
    assert "for=parents" not in card("/en/topics/self-harm?age=14")
    assert ALONE in card("/en/topics/self-harm?for=teens", "childline")
    assert ALONE not in card("/en/topics/self-harm?for=parents", "childline")
