"""The search box works framed on another site; every other page refuses to be framed."""

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

pytestmark = pytest.mark.browser


def test_embed_works_inside_another_origin_and_other_pages_refuse(browser, live_server,
                                                                  neutral_site):
    school = neutral_site.replace("/weather", "/school")
    context = browser.new_context(viewport={"width": 900, "height": 700})
    page = context.new_page()
    page.goto(f"{school}?frame={live_server}/embed/en&frame={live_server}/en/")
    page.wait_for_timeout(1000)
    frames = {f.url: f for f in page.frames if f != page.main_frame}
    embed = frames.get(f"{live_server}/embed/en")
    assert embed is not None and embed.locator("#q").count() == 1
    # The framed home page was blocked by the browser, so its content never loaded.
    blocked = [f for url, f in frames.items() if url != f"{live_server}/embed/en"]
    assert blocked and all(f.locator("#q").count() == 0 for f in blocked)
    # A search from the box opens Signpost's results in a new tab.
    embed.fill("#q", "worried")
    with context.expect_page() as new_tab:
        embed.click("button[type=submit]")
    results = new_tab.value
    results.wait_for_load_state()
    assert results.url.startswith(f"{live_server}/en/search?") and "q=worried" in results.url
    context.close()


def _school_snippet(live_server, browser, lang="en") -> tuple[str, str]:
    """The embed HTML the for-schools page gives for Charnwood, ages 11-18 and anxiety."""
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server}/{lang}/for-schools")
    page.fill("#s-age-from", "11")
    page.fill("#s-age-to", "18")
    page.select_option("#s-area", "charnwood")
    page.check("input[name=need][value=anxiety]")
    page.fill("#s-campaign", "school-web")
    page.click("form.search-form button[type=submit]")
    page.wait_for_selector("#link-title")
    snippet = page.input_value("#embed-code")
    script = page.input_value("#embed-script")
    context.close()
    # The snippet names the site's public address (SITE_URL); here that is the test server.
    public = re.search(r'src="(https?://[^/"]+)/embed/', snippet).group(1)
    return snippet.replace(public, live_server), script.replace(public, live_server)


@pytest.mark.parametrize("with_script", [False, True])
def test_the_schools_embed_shows_its_whole_form_and_honours_the_choices(
        browser, live_server, neutral_site, with_script):
    snippet, script = _school_snippet(live_server, browser)
    assert "area=charnwood" in snippet and "need=anxiety" in snippet and "ages=11-18" in snippet
    school = neutral_site.replace("/weather", "/school")
    html = snippet + (script if with_script else "")
    for width in (280, 320, 360, 1024):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(school + "?" + urlencode({"snippet": html}))
        frame_element = page.wait_for_selector("iframe")
        embed = frame_element.content_frame()
        embed.wait_for_selector("button[type=submit]")
        if with_script:
            page.wait_for_function("document.querySelector('iframe').style.height.length > 0")
        box = frame_element.bounding_box()
        assert box["width"] <= width, f"the frame is wider than a {width}px page"
        # Everything in the box is inside the frame's visible area: nothing cut off.
        inner = embed.evaluate("""() => ({
            height: document.documentElement.scrollHeight,
            width: document.documentElement.scrollWidth,
            view: window.innerHeight, viewWidth: window.innerWidth,
            button: document.querySelector('button[type=submit]').getBoundingClientRect().bottom})""")
        assert inner["height"] <= inner["view"] and inner["button"] <= inner["view"], (
            f"at {width}px the box's content ({inner['height']}px) is taller than its frame "
            f"({inner['view']}px): the button is cut off")
        assert inner["width"] <= inner["viewWidth"], f"the box scrolls sideways at {width}px"
        if width == 360:
            embed.fill("#q", "worried")
            with context.expect_page() as new_tab:
                embed.click("button[type=submit]")
            results = new_tab.value
            results.wait_for_load_state()
            query = parse_qs(urlsplit(results.url).query)
            assert results.url.startswith(f"{live_server}/en/search?")
            assert query["area"] == ["charnwood"] and query["need"] == ["anxiety"]
            assert query["ages"] == ["11-18"] and "src" not in query  # counted, then dropped
            # The results keep those choices: the area and topic are shown as chosen.
            assert results.locator("select[name=area] option[value=charnwood]").evaluate(
                "o => o.selected")
        context.close()


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_for_schools_page_fits_a_phone_after_making_the_link(phone, live_server, lang):
    phone.goto(f"{live_server}/{lang}/for-schools")
    phone.fill("#s-age-from", "11")
    phone.fill("#s-age-to", "18")
    phone.select_option("#s-area", "charnwood")
    phone.check("input[name=need][value=anxiety]")
    phone.check("input[name=need][value=self-harm]")
    phone.fill("#s-campaign", "a-very-long-campaign-label-for-the-school")
    phone.click("form.search-form button[type=submit]")
    phone.wait_for_selector("#link-title")
    widths = phone.evaluate("""() => ({page: document.documentElement.scrollWidth,
        view: document.documentElement.clientWidth,
        wide: [...document.querySelectorAll('body *')].filter(e =>
            e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
            || e.getBoundingClientRect().left < -1)
            .filter(e => !e.closest('.visually-hidden, .skip-link'))
            .map(e => e.tagName + '.' + e.className).slice(0, 5)})""")
    assert widths["page"] <= widths["view"], f"the page scrolls sideways: {widths}"
    assert not widths["wide"], f"wider than the screen: {widths['wide']}"
    # Copy buttons appear with JavaScript; the newsletter has a paragraph for each reader.
    assert phone.locator("button[data-copy]:visible").count() >= 4
    assert "ages=11-18" in phone.input_value("#newsletter-pupils")
    assert phone.input_value("#newsletter") != phone.input_value("#newsletter-pupils")
    assert phone.locator("a[href*='qr.png']").count() == 2


def test_the_fixed_height_fits_the_box_in_every_language_at_280px(browser, live_server):
    from directory.views.posters import EMBED_HEIGHT

    # A 280px page with the browser's 8px margins leaves a 264px-wide frame.
    context = browser.new_context(viewport={"width": 264, "height": EMBED_HEIGHT})
    page = context.new_page()
    too_tall = {}
    for lang in ("en", "gu", "pa", "ur", "ar", "pl", "ro", "so"):
        page.goto(f"{live_server}/embed/{lang}?ages=11-18&area=charnwood&need=anxiety")
        size = page.evaluate("""() => [document.documentElement.scrollHeight,
                                       document.documentElement.scrollWidth]""")
        if size[0] > EMBED_HEIGHT or size[1] > 264:
            too_tall[lang] = size
    context.close()
    assert not too_tall, f"the box does not fit a {EMBED_HEIGHT}px frame 264px wide: {too_tall}"
