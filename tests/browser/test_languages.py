"""Right-to-left and other scripts at phone width, in a real browser."""

import pytest

from .conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser

PAGES = {"home": "/{lang}/", "results": "/{lang}/search?q=worried&age=14",
         "service": "/{lang}/services/childline", "help-now": "/{lang}/help-now",
         "topics": "/{lang}/topics", "self-help": "/{lang}/self-help/sleep",
         "my-list": "/{lang}/my-list", "posters": "/{lang}/posters?need=sleep",
         "parents": "/{lang}/?for=parents"}


@pytest.mark.parametrize("lang", ["ur", "ar"])
def test_right_to_left_layout_at_phone_width(phone, live_server, lang):
    for name, path in PAGES.items():
        phone.goto(live_server + path.format(lang=lang))
        assert phone.evaluate("document.documentElement.dir") == "rtl"
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, name
        brand = phone.locator(".brand").bounding_box()
        help_now = phone.locator(".help-now-link").bounding_box()
        assert help_now["x"] < brand["x"], "the header should be mirrored"
        screenshot(phone, f"{name}-{lang}")
    # Phone numbers stay left-to-right and tappable.
    phone.goto(live_server + f"/{lang}/help-now")
    number = phone.locator("a[href='tel:08001111'] .num").first
    assert number.evaluate("el => getComputedStyle(el).direction") == "ltr"
    assert number.inner_text() == "0800 1111"


@pytest.mark.parametrize("lang", ["gu", "pa", "pl", "ro", "so"])
def test_other_languages_fit_a_phone(phone, live_server, lang):
    for name, path in PAGES.items():
        phone.goto(live_server + path.format(lang=lang))
        assert phone.evaluate("document.documentElement.lang") == lang
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, name
    screenshot(phone, f"home-{lang}")


@pytest.mark.parametrize("lang", ["ur", "gu", "ar", "so"])
def test_no_wcag_violations_in_other_scripts(axe_page, live_server, lang):
    for path in ("/{lang}/", "/{lang}/search?q=worried&age=14", "/{lang}/services/kooth",
                 "/{lang}/help-now", "/{lang}/self-help/sleep", "/{lang}/my-list"):
        axe_page.goto(live_server + path.format(lang=lang))
        assert axe_violations(axe_page) == [], path


@pytest.mark.parametrize("lang, area", [("en", "leicester"), ("ur", "leicester"),
                                        ("pl", "rutland"), ("gu", "charnwood")])
def test_area_sheet_prints_on_one_page(browser, live_server, lang, area):
    import re

    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server}/{lang}/areas/{area}/sheet")
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    context.close()
    assert pages == 1, f"the {area} sheet in {lang} prints on {pages} pages"


@pytest.mark.parametrize("lang", ["en", "ur", "pa"])
def test_reflow_at_320_css_pixels(browser, live_server, lang):
    """WCAG 1.4.10: at 400% zoom of a 1280px window (320 CSS px) nothing scrolls sideways."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in ("/{lang}/", "/{lang}/search?q=worried&age=14", "/{lang}/services/kooth",
                 "/{lang}/help-now", "/{lang}/posters?need=sleep", "/{lang}/for-schools?build=1",
                 "/{lang}/jargon-buster", "/{lang}/areas/leicester/sheet"):
        page.goto(live_server + path.format(lang=lang))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path.format(lang=lang)} is {width}px wide"
    context.close()
