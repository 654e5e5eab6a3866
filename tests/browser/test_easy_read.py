"""Easy read pages on a 360-pixel phone, in English and Urdu: they fit, pass axe, read aloud well."""

from __future__ import annotations

import pytest

from .conftest import axe_violations, screenshot

PAGES = ("help-now", "self-harm", "feeling-low", "worry-and-panic", "worries-about-eating",
         "bullying-and-online-bullying")


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_easy_read_pages_fit_a_phone_and_pass_axe(axe_page, live_server, lang):
    for slug in PAGES:
        url = f"{live_server}/{lang}/easy-read/{slug}"
        axe_page.goto(url)
        assert axe_page.evaluate("document.documentElement.scrollWidth") <= 360, url
        assert axe_violations(axe_page) == [], url
        # Every picture is hidden from screen readers, with its words beside it.
        lines = axe_page.evaluate("""() => [...document.querySelectorAll('.easy__line')].map(li => {
            const svg = li.querySelector('svg');
            return {hidden: svg.getAttribute('aria-hidden'), words: li.innerText.trim().length,
                    iconStart: svg.getBoundingClientRect().left, wordsStart:
                    li.querySelector('.easy__words').getBoundingClientRect().left,
                    size: parseFloat(getComputedStyle(li).fontSize)};
        })""")
        assert lines, url
        for line in lines:
            assert line["hidden"] == "true" and line["words"] > 0, url
            # The picture comes first: on the left, or on the right in right-to-left.
            assert (line["iconStart"] < line["wordsStart"]) == (lang == "en"), url
            assert line["size"] >= 21, f"{url}: easy read text under 16 pt"
        screenshot(axe_page, f"easy-read-{lang}-{slug}")


def test_help_now_easy_read_links_both_ways_and_dials(phone, live_server):
    phone.goto(f"{live_server}/en/help-now")
    phone.get_by_role("link", name="Easy read version").click()
    assert phone.url.endswith("/en/easy-read/help-now")
    assert phone.locator('a[href="tel:999"]').count() == 1
    assert phone.locator('a[href^="sms:85258"]').count() == 1
    phone.get_by_role("link", name="Back to the full page").first.click()
    assert phone.url.endswith("/en/help-now")


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_statement_and_privacy_notice_fit_a_phone_and_pass_axe(axe_page, live_server, lang):
    for path in ("accessibility", "privacy"):
        url = f"{live_server}/{lang}/{path}"
        axe_page.goto(url)
        assert axe_page.evaluate("document.documentElement.scrollWidth") <= 360, url
        assert axe_violations(axe_page) == [], url
