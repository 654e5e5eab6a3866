"""Help first, on a 360×740 phone: every crisis number is a button in the first screen."""

from urllib.parse import quote

import pytest

from .conftest import PHONE, screenshot

pytestmark = pytest.mark.browser

LANGUAGES = ("en", "ur", "ar", "gu", "pa", "pl", "ro", "so")
CONTACTS = ("emergency-999", "nhs-111", "childline", "samaritans", "shout", "papyrus")


def crisis_buttons(phone) -> dict:
    """Each crisis button's slug, link and place on the page (first one of each)."""
    return phone.evaluate("""() => {
        const out = {};
        for (const a of document.querySelectorAll('[data-help-box] a[data-crisis]')) {
            const r = a.getBoundingClientRect();
            out[a.dataset.crisis] = out[a.dataset.crisis] ||
                {href: a.getAttribute('href'), top: r.top, bottom: r.bottom, height: r.height,
                 width: r.width};
        }
        return out;
    }""")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_help_now_fits_every_contact_in_the_first_screen(phone, live_server, lang):
    phone.goto(f"{live_server}/{lang}/help-now")
    buttons = crisis_buttons(phone)
    assert set(buttons) == set(CONTACTS), f"{lang}: help-now buttons are {sorted(buttons)}"
    for slug, b in buttons.items():
        assert b["href"].startswith(("tel:", "sms:")), (lang, slug, b["href"])
        assert b["bottom"] <= PHONE["height"], f"{lang}: {slug} needs scrolling ({b['bottom']}px)"
        assert b["height"] >= 44 and b["width"] >= 44, f"{lang}: {slug} is too small to tap"
    if lang in ("en", "ur"):
        screenshot(phone, f"after-help-now-{lang}")


def _first_service_top(phone) -> float:
    return phone.evaluate("""() => {
        const card = document.querySelector('.results .card');
        return card ? card.getBoundingClientRect().top : Infinity;
    }""")


@pytest.mark.parametrize("lang", ["en", "ur"])
@pytest.mark.parametrize("path", ["/topics/self-harm", "/topics/suicidal-thoughts",
                                  "/search?q=" + quote("i want to die")])
def test_a_crisis_button_comes_before_the_first_service(phone, live_server, lang, path):
    phone.goto(f"{live_server}/{lang}{path}")
    if path == "/topics/self-harm":
        screenshot(phone, f"after-topic-self-harm-{lang}")
    elif path.startswith("/search"):
        screenshot(phone, f"after-results-risky-{lang}")
    buttons = crisis_buttons(phone)
    assert buttons, f"{lang}{path}: no crisis button"
    first = min(b["top"] for b in buttons.values())
    assert first < _first_service_top(phone), f"{lang}{path}: a service comes before help"
    assert min(b["bottom"] for b in buttons.values()) <= PHONE["height"]
