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


def _luminance(rgb: str) -> float:
    channels = [int(x) / 255 for x in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


@pytest.mark.parametrize("path", ["/en/self-help/self-harm", "/ur/topics/self-harm"])
def test_leave_button_stays_on_screen_while_scrolling(phone, live_server, path):
    phone.goto(live_server + path)
    phone.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    phone.wait_for_function("window.scrollY > 1000")
    box = phone.locator("[data-quick-exit]").bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 740, f"scrolled away: {box}"
    assert box["height"] >= 44 and box["width"] >= 44, f"too small to tap: {box}"
    colours = phone.locator("[data-quick-exit]").evaluate(
        "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]")
    light, dark = sorted((_luminance(c) for c in colours), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 7, f"low contrast: {colours}"


def test_no_keyboard_hint_on_a_touch_screen(phone, browser, live_server):
    phone.goto(live_server + "/en/")
    assert not phone.locator(".kbd-hint").is_visible(), "phone users are told to press Shift"
    desktop = browser.new_context(viewport={"width": 1280, "height": 800})
    page = desktop.new_page()
    page.goto(live_server + "/en/")
    assert page.locator(".kbd-hint").is_visible(), "keyboard users no longer see the hint"
    desktop.close()


def _shows(page, words: str) -> bool:
    return page.evaluate("""(words) => document.body.innerText.includes(words) ||
        [...document.querySelectorAll('input, textarea')].some(f => f.value.includes(words))""",
                         words)


def test_back_after_leaving_never_shows_typed_words(phone, live_server, neutral_site):
    words = "my uncle hurts me"
    phone.goto(neutral_site + "?before")
    phone.goto(live_server + "/en/")
    phone.fill("#q", words)
    phone.press("#q", "Enter")
    phone.wait_for_url("**/search?**")
    phone.click(".results .card__title a")
    phone.wait_for_url("**/services/**")
    phone.click("[data-quick-exit]")
    phone.wait_for_url(neutral_site)
    for _ in range(2):  # Back, and Back again: never the results with the words
        phone.go_back()
        phone.wait_for_load_state()
        phone.wait_for_timeout(200)
        if phone.url.startswith(live_server):
            assert not _shows(phone, words), f"Back shows what was typed at {phone.url}"


def test_leaving_a_half_typed_search_leaves_nothing_to_go_back_to(phone, live_server,
                                                                  neutral_site):
    words = "cutting myself"
    phone.goto(live_server + "/en/help-now")
    phone.goto(live_server + "/en/")
    phone.fill("#q", words)
    phone.click("[data-quick-exit]")
    phone.wait_for_url(neutral_site)
    phone.go_back()
    phone.wait_for_load_state()
    phone.wait_for_timeout(200)
    assert not phone.url.startswith(live_server) or not _shows(phone, words)


def test_forms_are_emptied_when_a_page_is_hidden(phone, live_server):
    phone.goto(live_server + "/en/")
    phone.fill("#q", "secret worry")
    phone.click("header .help-now-link")
    phone.wait_for_url("**/help-now")
    phone.go_back()
    phone.wait_for_url("**/en/")
    assert phone.input_value("#q") == "", "Back restored what was typed"


def test_the_site_works_again_when_opened_afresh_after_leaving(phone, live_server, neutral_site):
    phone.goto(live_server + "/en/")
    phone.click("[data-quick-exit]")
    phone.wait_for_url(neutral_site)
    phone.goto(live_server + "/en/topics")  # typed in again, not Back
    phone.wait_for_timeout(200)
    assert phone.url.startswith(live_server + "/en/topics")
