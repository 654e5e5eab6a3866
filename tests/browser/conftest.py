"""Real pages in a real headless Chromium (Debian's), driven by Playwright."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from directory import create_app

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
# Flags for a closed network and a root user: no sandbox, no background calls home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]
PHONE = {"width": 360, "height": 740}


def chromium_path() -> str | None:
    """Debian's Chromium, or the one named by CHROMIUM_PATH."""
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which(
        "chromium-browser")


def _missing(what: str):
    # In CI a missing browser is a failure: the browser tests must really run there.
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not installed, and CI is set: browser tests must run")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="session")
def neutral_site():
    """A stand-in for the neutral page "Leave this site" goes to (the tests have no internet)."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Weather(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            body = b"<!doctype html><title>Weather</title><h1>Weather forecast</h1>"
            if self.path.startswith("/school"):
                # A school's web page on another origin, framing the URLs it is given.
                from urllib.parse import parse_qs, urlsplit

                asked = parse_qs(urlsplit(self.path).query)
                frames = asked.get("frame", [])
                # ?snippet= pastes HTML as a school would, from the for-schools page.
                body = ("<!doctype html><title>School</title>" + "".join(
                    f'<iframe src="{url}" width="400" height="260"></iframe>' for url in frames
                ) + "".join(asked.get("snippet", []))).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Weather)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/weather"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, neutral_site):
    """The real app over the bundled content, served on a free loopback port."""
    db = tmp_path_factory.mktemp("live") / "feedback.sqlite3"
    # Every browser test comes from one address, and together they send more feedback than one
    # visitor may in ten minutes; the limit itself is tested in tests/integration/test_feedback.py.
    app = create_app({"FEEDBACK_DB": str(db), "QUICK_EXIT_URL": neutral_site,
                      "SECRET_KEY": "browser-tests", "FEEDBACK_RATE_LIMIT": 1000})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    server.server_close()


@pytest.fixture(scope="session")
def playwright_session():
    """Playwright, driving Debian's Chromium."""
    if not chromium_path():
        _missing("Chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright")
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_session):
    """A headless Chromium."""
    browser = playwright_session.chromium.launch(executable_path=chromium_path(), headless=True,
                                                 args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture()
def profile_browser(playwright_session, tmp_path):
    """Chromium with a real (non-incognito) profile, as a person's browser has."""
    context = playwright_session.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=chromium_path(), headless=True,
        args=CHROMIUM_ARGS)
    yield context
    context.close()


@pytest.fixture()
def phone(browser):
    """A page in a 360-pixel-wide phone viewport."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture()
def axe_page(browser):
    """A phone-sized page able to run axe-core (its script is injected past our own CSP)."""
    if not AXE.exists():
        _missing("axe-core (npm ci)")
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot for a person to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page) -> list[dict]:
    """WCAG 2.x A and AA violations axe-core finds on the current page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})""")
    return [{"id": v["id"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]
