"""Leave this site: by click and by keyboard, without leaving this site to go back to."""

import pytest

pytestmark = pytest.mark.browser


def open_site_from_elsewhere(phone, live_server, neutral_site, path="/en/services/kooth"):
    phone.goto(neutral_site + "?before")  # the page the visitor was on before Signpost
    phone.goto(live_server + path)
    assert phone.locator("[data-quick-exit]").is_visible()


def assert_left(phone, live_server, neutral_site):
    phone.wait_for_url(neutral_site)
    assert "Weather" in phone.title()
    phone.go_back()
    # Back goes to where the visitor was before, not to the page they left.
    assert not phone.url.startswith(live_server + "/en/services")


def test_click_leaves_at_once(phone, live_server, neutral_site):
    open_site_from_elsewhere(phone, live_server, neutral_site)
    phone.click("[data-quick-exit]")
    assert_left(phone, live_server, neutral_site)


def test_shift_three_times_leaves(phone, live_server, neutral_site):
    open_site_from_elsewhere(phone, live_server, neutral_site, "/en/self-help/self-harm")
    for _ in range(3):
        phone.keyboard.press("Shift")
    phone.wait_for_url(neutral_site)
    assert "Weather" in phone.title()


def test_typing_capitals_does_not_leave(phone, live_server, neutral_site):
    phone.goto(live_server + "/en/")
    phone.click("#q")
    phone.keyboard.type("I Am Ok")  # Shift with letters in between is not a triple press
    phone.wait_for_timeout(300)
    assert phone.url.startswith(live_server)


def test_without_javascript_it_is_a_plain_link(browser, live_server, neutral_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360,
                                                                        "height": 740})
    page = context.new_page()
    page.goto(live_server + "/en/")
    page.click("[data-quick-exit]")
    page.wait_for_url(neutral_site)
    context.close()
