"""What a QR code or poster may point at (views/posters.py checked_path, checked_campaign),
each refusal with its exact parameter and message, over the small fixture pack."""

from __future__ import annotations

import pytest

from directory import create_app
from directory.views.posters import BadParameter, checked_campaign, checked_path
from tests.conftest import FIXTURE

ONLY_OURS = "only pages of this site, as a path starting with /"
NOT_DATA = "QR codes link to pages people read, not to files or data"
MARKUP = "the link may not contain < > \" ' ` or control characters"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = create_app({"TESTING": True, "CONTENT_DIR": str(FIXTURE),
                      "FEEDBACK_DB": str(tmp_path_factory.mktemp("qr") / "f.sqlite3")})
    with app.test_request_context():
        yield app


@pytest.mark.parametrize("path", [
    "/", "/en/", "/pl/search?q=low&age=14", "/en/services/night-line", "/ur/topics/anxiety",
    "/en/topics", "/en/areas/melton", "/en/help-now", "/en/self-help", "/en/jargon-buster",
    "/so/search", "/en/services/night-line?src=x", "/en/search?q=" + "a" * 287,  # 300 characters
])
def test_pages_people_read_can_be_linked(app, path):
    assert checked_path(path) == path


@pytest.mark.parametrize("path, message", [
    (None, "give the page to link to, e.g. to=/en/"),
    ("", "give the page to link to, e.g. to=/en/"),
    ("/en/search?q=" + "a" * 288, "the path is too long (300 characters at most)"),
    ("/en/<svg>", MARKUP), ("/en/%3Cb%3E", MARKUP), ("/en/search?q=%0a", MARKUP),
    ("https://evil.example/en/", ONLY_OURS), ("//evil.example/en/", ONLY_OURS),
    ("en/", ONLY_OURS), ("/\\evil.example", ONLY_OURS), ("/en/search?q=a\\b", ONLY_OURS),
    ("///en/", ONLY_OURS), ("//", ONLY_OURS), ("javascript:alert(1)", ONLY_OURS),
    ("http:/en/", ONLY_OURS),
    ("/en/nowhere", "there is no page at /en/nowhere"),
    ("/en", "there is no page at /en"),  # Flask would redirect it
    ("/en/feedback/helpful", "there is no page at /en/feedback/helpful"),  # POST only
    ("/api/v1/services", NOT_DATA), ("/static/css/site.css", NOT_DATA), ("/qr.svg", NOT_DATA),
    ("/embed/en", NOT_DATA), ("/en/posters/poster.pdf", NOT_DATA), ("/sw.js", NOT_DATA),
    ("/openreferral/services", NOT_DATA), ("/audiences.css", NOT_DATA),
    ("/en/manifest.webmanifest", NOT_DATA),
    ("/xx/", "'xx' is not a language of this site"),
    ("/xx/services/night-line", "'xx' is not a language of this site"),
    ("/en/services/no-such-service", "there is no page at /en/services/no-such-service"),
    ("/en/topics/no-such-topic", "there is no page at /en/topics/no-such-topic"),
    ("/en/areas/atlantis", "there is no page at /en/areas/atlantis"),
    ("/en/self-help/no-such-page", "there is no page at /en/self-help/no-such-page"),
])
def test_everything_else_is_refused_with_the_reason(app, path, message):
    with pytest.raises(BadParameter) as refused:
        checked_path(path)
    assert (refused.value.parameter, refused.value.message) == ("to", message)


@pytest.mark.parametrize("value, label", [(None, None), ("", None), ("bus-2026", "bus-2026"),
                                          ("a" * 40, "a" * 40)])
def test_campaign_labels(app, value, label):
    assert checked_campaign(value) == label


@pytest.mark.parametrize("value", ["Bus", "a" * 41, "bus 1", "-bus", "bus\n"])
def test_bad_campaign_labels_are_refused(app, value):
    with pytest.raises(BadParameter) as refused:
        checked_campaign(value)
    assert (refused.value.parameter, refused.value.message) == (
        "src", "use up to 40 lowercase letters, digits, - or _")
