"""Installable, offline-ready, with a saved list that never leaves the device."""

import shutil
import threading

import pytest
from werkzeug.serving import make_server

from directory import create_app
from tests.conftest import BUNDLED

pytestmark = pytest.mark.browser


class Swappable:
    """A WSGI app whose content can be replaced while the server runs (a redeploy)."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)


@pytest.fixture()
def site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BUNDLED, content)
    config = {"CONTENT_DIR": str(content), "FEEDBACK_DB": str(tmp_path / "f.sqlite3"),
              "SECRET_KEY": "browser-tests"}
    holder = Swappable(create_app(config))
    server = make_server("127.0.0.1", 0, holder, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{server.server_port}", "holder": holder,
           "content": content, "config": config}
    server.shutdown()
    thread.join()
    server.server_close()


def wait_for_worker(page):
    page.evaluate("""async () => {
        const reg = await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
            await new Promise(r => navigator.serviceWorker.addEventListener('controllerchange', r));
        }
        return reg.active.state;
    }""")


def wait_until(page, script, arg=None, timeout=15.0):
    """Poll an async page function until it returns true (wait_for_function does not await)."""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(script, arg):
        assert time.monotonic() < deadline, f"timed out waiting for: {script}"
        page.wait_for_timeout(200)


def test_installable_by_the_browsers_criteria(profile_browser, site):
    context = profile_browser
    page = context.new_page()
    page.goto(site["url"] + "/en/")
    wait_for_worker(page)
    cdp = context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert errors == []
    manifest = cdp.send("Page.getAppManifest")
    assert not manifest.get("errors")


def test_offline_after_one_visit(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append((r.method, r.url, r.post_data)))
    page.goto(site["url"] + "/en/")
    wait_for_worker(page)
    page.goto(site["url"] + "/en/services/kooth")
    page.click("[data-save]")
    assert page.get_attribute("[data-save]", "aria-pressed") == "true"
    # Saved items never leave the device: nothing was posted and no address carries them.
    assert all(method == "GET" for method, _, _ in requests)
    assert not any("Kooth" in url or "kooth" in (body or "") for _, url, body in requests)

    context.set_offline(True)
    page.goto(site["url"] + "/en/help-now")
    assert page.locator("a[href='tel:999']").is_visible()
    page.goto(site["url"] + "/en/services/kooth")  # visited, so kept
    assert page.locator("h1").inner_text() == "Kooth"
    page.goto(site["url"] + "/en/my-list")
    assert page.locator("[data-my-list] a", has_text="Kooth").is_visible()
    page.goto(site["url"] + "/en/services/childline")  # never opened: the offline page
    assert "You are offline" in page.locator("h1").inner_text()
    assert page.locator("a[href='tel:08001111']").first.is_visible()
    assert page.locator("[data-my-list] a", has_text="Kooth").is_visible()
    context.close()


def test_repeat_visits_load_the_shell_from_the_cache(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site["url"] + "/en/")
    wait_for_worker(page)
    css = []
    # Static addresses carry a fingerprint (?v=...), so match the path, not the whole address.
    page.on("response", lambda r: css.append(r) if r.url.split("?")[0].endswith(
        "/static/css/site.css") else None)
    page.goto(site["url"] + "/en/topics")
    assert css and all(r.from_service_worker for r in css)
    context.close()


def test_a_content_change_is_picked_up_on_the_next_visit(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site["url"] + "/en/")
    wait_for_worker(page)
    wait_until(page, "caches.keys().then(keys => keys.length > 0)")
    old = page.evaluate("caches.keys()")
    # The partnership edits the crisis box and redeploys.
    crisis = site["content"] / "crisis.yml"
    crisis.write_text(crisis.read_text().replace("Talk to someone at any age, any time.",
                                                 "Talk to someone, whatever your age, any time."))
    site["holder"].app = create_app(site["config"])
    page.goto(site["url"] + "/en/")  # the browser checks the worker on navigation
    wait_until(page, """async (old) => {
        const keys = await caches.keys();
        const reg = await navigator.serviceWorker.getRegistration();
        return keys.some(k => k.startsWith('signpost-shell-')) && !keys.some(k => old.includes(k))
            && reg.active && reg.active.state === 'activated' && !reg.installing && !reg.waiting;
    }""", old)
    context.set_offline(True)
    page.goto(site["url"] + "/en/help-now")
    html = page.content()
    assert "whatever your age" in html, html[html.find("<main"):html.find("<main") + 3000]
    context.close()


def test_my_list_remove_clear_and_quick_exit(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for slug in ("kooth", "childline", "samaritans"):
        page.goto(f"{site['url']}/en/services/{slug}")
        page.click("[data-save]")
    page.goto(site["url"] + "/en/my-list")
    assert page.locator("[data-my-list] > li").count() == 3
    page.locator("[data-my-list] > li", has_text="Childline").get_by_role("button").click()
    assert page.locator("[data-my-list] > li").count() == 2
    page.evaluate("window.dispatchEvent(new CustomEvent('signpost:leave'))")
    assert page.locator("[data-my-list] > li").count() == 0  # nothing left on screen
    page.reload()
    page.click("[data-my-list-clear]")
    assert page.locator("[data-my-list] > li").count() == 0
    assert page.locator("[data-my-list-empty]").is_visible()
    context.close()


def test_without_javascript_nothing_breaks(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site["url"] + "/en/services/kooth")
    assert not page.locator("[data-save]").is_visible()  # no dead buttons
    assert page.locator("h1").inner_text() == "Kooth"
    page.goto(site["url"] + "/en/my-list")
    assert "needs JavaScript" in page.content()
    context.close()


def test_print_gives_a_clean_service_sheet(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site["url"] + "/en/services/childline")
    page.emulate_media(media="print")
    assert not page.locator(".strip").is_visible() and not page.locator(".foot").is_visible()
    assert page.locator("a[href='tel:08001111']").first.is_visible()
    after = page.evaluate("""() => getComputedStyle(
        document.querySelector('.contact a[href^="http"]'), '::after').content""")
    assert "childline.org.uk" in after  # the web address is written out on paper
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    context.close()


def test_offline_in_the_visitors_own_language(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(site["url"] + "/ur/")
    wait_for_worker(page)
    wait_until(page, "caches.match('/ur/help-now').then(Boolean)")
    assert not page.evaluate("caches.match('/pl/help-now').then(Boolean)")  # only what's needed
    context.set_offline(True)
    page.goto(site["url"] + "/ur/help-now")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.locator("a[href='tel:999']").is_visible()
    page.goto(site["url"] + "/ur/services/childline")
    assert page.evaluate("document.documentElement.lang") == "ur"  # the Urdu offline page
    assert page.locator("a[href='tel:08001111']").first.is_visible()
    context.close()
