"""Keyboard-only journeys in real Chromium: Tab, Enter, Space and arrows, nothing else.

At every step the focused element must show a focus indicator, be on screen, and not be hidden
behind the sticky "Leave this site" strip (WCAG 2.4.7, 2.4.11).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# What is wrong with how the focused element shows, or [] when a sighted keyboard user sees it.
FOCUS_SHOWN_JS = """async () => {
  // Measured after the browser has drawn the frame in which focus moved (and scrolled).
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const el = document.activeElement;
  if (!el || el === document.body) return ['nothing has focus'];
  const label = (el.textContent || el.name || el.id).trim().slice(0, 40);
  const what = `${el.tagName.toLowerCase()} "${label}"`;
  const problems = [];
  const s = getComputedStyle(el);
  const outlined = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  if (!outlined && s.boxShadow === 'none' && el.id !== 'main')
    problems.push(`${what} shows no focus indicator`);
  const box = el.getBoundingClientRect();
  const first = el.getClientRects()[0] || box;  // a link wrapping onto two lines: its first line
  if (box.width === 0 || box.height === 0) problems.push(`${what} is invisible`);
  // Its first 44 px (a touch target) must be on screen, to within a pixel of rounding: Chromium
  // scrolls a text box until its caret shows, not all of it, and main is taller than a screen.
  const bottom = box.top + Math.min(box.height, 44);
  if (box.top < -1 || box.left < -1 || bottom > innerHeight + 1 || box.right > innerWidth + 1)
    problems.push(`${what} is off screen (${JSON.stringify(box)} in ${innerWidth}x${innerHeight})`);
  // Whatever is drawn at the middle of the focused element must be it (or inside it), not the
  // sticky quick exit strip or anything else laid over it. main is tall: check its first line.
  const x = first.left + Math.min(first.width / 2, 20);
  const y = first.top + Math.min(first.height / 2, 10);
  const seen = document.elementFromPoint(x, y);
  if (seen && !el.contains(seen) && !(el.control && el.control === seen)) {
    const cover = seen.closest('.strip') ? 'the quick exit strip' : seen.tagName.toLowerCase();
    problems.push(`${what} is hidden behind ${cover}`);
  }
  return problems;
}"""


def assert_focus_shown(page, step: str) -> None:
    """The focused element is visibly focused, on screen and not covered."""
    problems = page.evaluate(FOCUS_SHOWN_JS)
    assert problems == [], f"{step}: {problems}"


def tab_to(page, selector: str, step: str, most: int = 80) -> None:
    """Press Tab until the element matching selector has focus, checking focus at every press."""
    for _ in range(most):
        page.keyboard.press("Tab")
        assert_focus_shown(page, f"{step} (Tab)")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{step}: {most} presses of Tab never reached {selector}")


def press(page, key: str, step: str, navigates: bool = False) -> None:
    """Press a key (waiting for the next page when it follows a link), then check focus."""
    if navigates:
        with page.expect_navigation():
            page.keyboard.press(key)
    else:
        page.keyboard.press(key)
    if page.evaluate("document.activeElement !== document.body"):
        assert_focus_shown(page, f"{step} ({key})")


@pytest.fixture(params=[{"width": 360, "height": 740}, {"width": 1280, "height": 800}],
                ids=["phone", "desktop"])
def keyboard_page(browser, request):
    """A tab used only with the keyboard, phone-sized or desktop-sized."""
    context = browser.new_context(viewport=request.param, service_workers="block")
    page = context.new_page()
    yield page
    context.close()


def test_first_tab_is_a_visible_skip_link_to_main(keyboard_page, live_server):
    page = keyboard_page
    page.goto(live_server + "/en/services/kooth")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    assert_focus_shown(page, "skip link")
    press(page, "Enter", "skip link")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab goes into the page's own content, not back into the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")
    assert_focus_shown(page, "first thing in main")


def test_search_filter_open_a_service_and_reach_its_call_link(keyboard_page, live_server):
    page = keyboard_page
    page.goto(live_server + "/en/")
    tab_to(page, "#q", "search box")
    page.keyboard.type("worried")
    tab_to(page, "#age", "age")
    page.keyboard.type("15")
    tab_to(page, "#area", "area")
    # Arrow keys choose in a closed list box without opening it (Chromium on Linux and Windows).
    press(page, "ArrowDown", "area")
    press(page, "ArrowDown", "area")
    area = page.evaluate("document.activeElement.value")
    assert area, "the arrow keys did not choose an area"
    tab_to(page, ".search-form button[type=submit]", "Find support button")
    press(page, "Enter", "Find support", navigates=True)
    assert "/en/search" in page.url and f"area={area}" in page.url and "age=15" in page.url
    # The first result with a phone number: it has a call link of its own.
    tab_to(page, "ol.results li:has(a[href^='tel:']) a[href*='/services/']", "a result")
    press(page, "Enter", "open the service", navigates=True)
    assert "/en/services/" in page.url
    tab_to(page, "a[href^='tel:']", "call link")
    assert page.evaluate("document.activeElement.getAttribute('href')").startswith("tel:")


def test_quick_exit_by_keyboard(keyboard_page, live_server, neutral_site):
    page = keyboard_page
    page.goto(live_server + "/en/self-help/sleep")
    tab_to(page, ".quick-exit", "Leave this site", most=4)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == neutral_site


def test_language_switch_by_keyboard(keyboard_page, live_server):
    page = keyboard_page
    page.goto(live_server + "/en/help-now")
    tab_to(page, ".lang-link", "language link", most=4)
    press(page, "Enter", "language link")
    # The language list in the footer is next in the Tab order.
    tab_to(page, "a[hreflang='ur']", "Urdu")
    press(page, "Enter", "Urdu", navigates=True)
    assert page.url.endswith("/ur/help-now")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "ur", "rtl"]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    assert_focus_shown(page, "skip link in Urdu")


def test_report_a_problem_filled_and_sent_by_keyboard(keyboard_page, live_server):
    page = keyboard_page
    page.goto(live_server + "/en/services/kooth")
    tab_to(page, "a[href$='/services/kooth/report']", "Report a problem link")
    press(page, "Enter", "Report a problem", navigates=True)
    # Sent empty, the form says what is wrong and takes the keyboard to it.
    page.evaluate("document.querySelector('form[method=post]').noValidate = true")
    tab_to(page, "form[method=post] button[type=submit]", "Send (empty)")
    press(page, "Enter", "Send (empty)", navigates=True)
    assert page.locator("[role=alert]").is_visible()
    tab_to(page, "[role=alert] a", "the error's link")
    press(page, "Enter", "the error's link")
    assert page.evaluate("document.activeElement.name") == "problem"
    # Arrow keys choose a radio button; Space would too.
    press(page, "ArrowDown", "choose a problem")
    assert page.evaluate("document.activeElement.checked")
    tab_to(page, "#details", "details")
    page.keyboard.type("The phone number on the page is old.")
    tab_to(page, "form[method=post] button[type=submit]", "Send")
    press(page, "Enter", "Send", navigates=True)
    assert "/feedback/thanks" in page.url, page.url
