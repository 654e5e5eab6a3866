"""The search box works framed on another site; every other page refuses to be framed."""

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
