"""Five people on a 360 px phone, counting every tap from landing to the help they need.

Typing into a field is not counted as a tap; tapping into the field is.
"""

import re

import pytest

from .conftest import PHONE

pytestmark = pytest.mark.browser
TAPS: dict[str, int] = {}


@pytest.fixture(scope="module", autouse=True)
def report_taps():
    """Print each journey's tap count at the end (pytest -s shows them)."""
    yield
    for journey, taps in sorted(TAPS.items()):
        print(f"{taps} taps  {journey}")


class Visitor:
    """A phone visitor whose taps are counted."""

    def __init__(self, page, base: str):
        self.page, self.base, self.taps = page, base, 0

    def land(self, path: str):
        self.page.goto(self.base + path)

    def tap(self, selector: str):
        self.taps += 1
        self.page.locator(selector).first.tap()

    def type_into(self, selector: str, text: str):
        self.tap(selector)
        self.page.locator(selector).first.fill(text)

    def choose(self, selector: str, value: str):
        self.taps += 1  # one tap opens the list, the choice closes it: counted as one
        self.page.select_option(selector, value)

    def crisis_button_on_first_screen(self) -> bool:
        return self.page.evaluate(f"""() => [...document.querySelectorAll(
            '[data-help-box] a[href^="tel:"], [data-help-box] a[href^="sms:"]')].some(a => {{
                const r = a.getBoundingClientRect();
                return r.height >= 44 && r.top >= 0 && r.bottom <= {PHONE['height']};
            }})""")

    def result_slugs(self) -> list[str]:
        hrefs = self.page.eval_on_selector_all(".results .card__title a",
                                               "links => links.map(a => a.getAttribute('href'))")
        return [re.search(r"/services/([a-z0-9-]+)", h).group(1) for h in hrefs]


def needs_of(live_app, slug):
    from directory import state
    with live_app.app_context():
        return state.content().service(slug)


@pytest.fixture(scope="module")
def live_app():
    from directory import create_app
    return create_app({"TESTING": True})


def test_a_14_year_old_in_charnwood_worried_about_self_harm(phone, live_server, live_app):
    v = Visitor(phone, live_server)
    v.land("/en/?for=teens")  # scanned a teens poster
    v.type_into("#q", "i keep cutting myself")
    v.type_into("#age", "14")
    v.choose("#area", "charnwood")
    v.tap("form[role=search] button[type=submit]")
    phone.wait_for_url("**/search?**")
    assert v.crisis_button_on_first_screen(), "no call or text button on the first screen"
    top = v.result_slugs()[:5]
    services = [needs_of(live_app, s) for s in top]
    assert any("self-harm" in s.needs for s in services), top
    assert all(s.ages_fit(14) for s in services), top
    assert phone.locator(".alone").count() >= 1, "not told which services need no parent"
    TAPS["14-year-old, Charnwood, self-harm: to a crisis button and local services"] = v.taps
    assert v.taps <= 4


def test_an_urdu_reading_parent_of_an_8_year_old_in_le2(phone, live_server, live_app):
    v = Visitor(phone, live_server)
    v.land("/en/")
    v.tap(".lang-link")  # the language link at the top jumps to the list of languages
    v.tap("#languages ~ ul a[hreflang=ur]")
    phone.wait_for_url("**/ur/**")
    v.tap(".who a[href*='for=parents']")
    phone.wait_for_url("**for=parents**")
    v.type_into("#age", "8")
    v.type_into("#postcode", "LE2 5AB")
    v.tap("form[role=search] button[type=submit]")
    phone.wait_for_url("**/search?**")
    assert phone.locator("html").get_attribute("lang") == "ur"
    assert phone.locator("html").get_attribute("dir") == "rtl"
    top = v.result_slugs()[:5]
    assert top, "no services for an 8-year-old in LE2"
    services = [needs_of(live_app, s) for s in top]
    assert all(s.ages_fit(8) for s in services), top
    assert top[0] != "camhs-crisis-and-home-treatment"
    TAPS["Urdu-reading parent, child of 8, LE2: to services for the child"] = v.taps
    assert v.taps <= 7


def test_a_19_year_old_student_with_eating_worries(phone, live_server, live_app):
    v = Visitor(phone, live_server)
    v.land("/en/?for=young-adults")
    v.type_into("#q", "worried about my eating")
    v.type_into("#age", "19")
    v.tap("form[role=search] button[type=submit]")
    phone.wait_for_url("**/search?**")
    top = v.result_slugs()[:5]
    services = [needs_of(live_app, s) for s in top]
    assert services and "eating" in services[0].needs, top
    assert not any(s.needs == ("housing-money",) for s in services), top
    v.tap(".results .card__title a")
    phone.wait_for_url("**/services/**")
    assert phone.locator(".contact a[href^='tel:'], .contact a[href^='http']").count()
    TAPS["19-year-old student, eating worries: to an eating service's contact details"] = v.taps
    assert v.taps <= 4


def test_a_23_year_old_in_rutland_wanting_to_self_refer(phone, live_server, live_app):
    v = Visitor(phone, live_server)
    v.land("/en/?for=young-adults")
    v.type_into("#age", "23")
    v.choose("#area", "rutland")
    v.tap("form[role=search] button[type=submit]")
    phone.wait_for_url("**/search?**")
    v.tap(".refine summary")
    v.tap("input[name=referral][value=self-referral]")
    v.tap(".refine button[type=submit]")
    phone.wait_for_url("**referral=self-referral**")
    top = v.result_slugs()
    assert top, "nothing a 23-year-old in Rutland can contact themselves"
    for slug in top:
        service = needs_of(live_app, slug)
        assert "self-referral" in service.referral and service.ages_fit(23), slug
        assert "rutland" in service.service_areas or service.national, slug
    TAPS["23-year-old, Rutland, self-referral: to services they can contact themselves"] = v.taps
    assert v.taps <= 6


CRISIS_LANDINGS = ["/en/", "/en/topics/anxiety", "/en/services/kooth", "/en/self-help/sleep",
                   "/en/areas/rutland", "/en/search?q=cant+sleep", "/en/jargon-buster",
                   "/en/my-list", "/ur/topics/self-harm", "/ar/", "/en/no-such-page"]


@pytest.mark.parametrize("path", CRISIS_LANDINGS)
def test_someone_at_2am_in_crisis_is_one_tap_from_a_number(phone, live_server, path):
    v = Visitor(phone, live_server)
    v.land(path)
    if not v.crisis_button_on_first_screen():
        v.tap("header .help-now-link")
        phone.wait_for_url("**/help-now")
    assert v.crisis_button_on_first_screen(), f"from {path}: no crisis number on screen"
    TAPS[f"2 am crisis, landing on {path}: to a tappable crisis number"] = v.taps
    assert v.taps <= 1
