"""A young person on a phone: search, open a service, tap to call."""

import pytest

from .conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser


def test_search_to_service_to_call_on_a_phone(phone, live_server):
    phone.goto(live_server + "/")
    assert phone.url.endswith("/en/")
    phone.fill("#q", "worried")
    phone.fill("#age", "15")
    phone.select_option("#area", "charnwood")
    phone.click("button[type=submit]")
    assert "/en/search?" in phone.url and "age=15" in phone.url
    results = phone.locator("ol.results > li")
    assert results.count() >= 1
    screenshot(phone, "results-en")
    # Nothing sticks out sideways on a 360px screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    # Open the first result that can be phoned.
    links = phone.locator("ol.results .card__title a")
    for i in range(links.count()):
        links.nth(i).click()
        if phone.locator(".contact a[href^='tel:']").count():
            break
        phone.go_back()
    call = phone.locator(".contact a[href^='tel:']").first
    assert call.is_visible()
    assert call.get_attribute("href").startswith("tel:")
    box = call.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44  # easy to tap
    screenshot(phone, "service-en")


def test_help_now_is_one_tap_from_the_home_page(phone, live_server):
    phone.goto(live_server + "/en/")
    phone.click("header .help-now-link")
    assert phone.url.endswith("/en/help-now")
    assert phone.locator("a[href='tel:999']").is_visible()
    screenshot(phone, "help-now-en")


def test_keyboard_user_can_skip_to_content_and_search(phone, live_server):
    phone.goto(live_server + "/en/")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.className") == "skip-link"
    phone.keyboard.press("Enter")
    for _ in range(12):  # past "who is looking" to the words box, by keyboard alone
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.id") == "q":
            break
    assert phone.evaluate("document.activeElement.id") == "q"
    phone.keyboard.type("can't sleep")
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/en/search?**")
    assert phone.locator("ol.results > li").count() >= 1


@pytest.mark.parametrize("path", [
    "/en/", "/en/search?q=worried&age=15&area=charnwood", "/en/search?q=zzzzqqq&age=3",
    "/en/search?q=kill+myself", "/en/topics", "/en/help-now", "/en/self-help/self-harm",
    "/en/jargon-buster", "/en/services/kooth/report", "/en/posters?need=sleep",
    "/en/for-schools?build=1&age=12", "/en/my-list", "/en/offline", "/en/?for=children",
    "/en/?for=professionals", "/en/areas/rutland/sheet", "/en/browse-safely", "/embed/en",
    "/en/topics/self-harm?for=teens", "/en/?for=young-adults", "/en/?for=parents",
    "/en/services/childline?for=teens", "/en/topics/anxiety?for=children",
])
def test_no_wcag_violations(axe_page, live_server, path):
    axe_page.goto(live_server + path)
    assert axe_violations(axe_page) == []


def test_no_wcag_violations_on_service_pages(axe_page, live_server):
    from directory.content import load_content
    from tests.conftest import BUNDLED

    services = load_content(BUNDLED).services
    for service in services[:: max(1, len(services) // 8)]:
        axe_page.goto(f"{live_server}/en/services/{service.slug}")
        assert axe_violations(axe_page) == [], service.slug
