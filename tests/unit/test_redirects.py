"""Same-site redirect targets, against a small URL map of our own (no content, no index).

The rules in directory/redirects.py depend only on the URL map they are given, so a few routes
shaped like the site's (a language root, search, a service page, a form that only takes POST)
check every refusal quickly; tests/integration/test_hostile.py checks the real site's map.
"""

from __future__ import annotations

import pytest
from flask import Flask

from directory import redirects


@pytest.fixture(scope="module")
def app():
    """A Flask app with routes shaped like the site's."""
    app = Flask(__name__)
    for rule, name, methods in (("/", "root", ["GET"]), ("/<lang>/", "home", ["GET"]),
                                ("/<lang>/search", "search", ["GET"]),
                                ("/<lang>/services/<slug>", "service", ["GET"]),
                                ("/<lang>/feedback/sent", "sent", ["POST"])):
        app.add_url_rule(rule, name, lambda **_: "", methods=methods)
    with app.app_context():
        yield app


@pytest.mark.parametrize("text", ["/en/search?q=a+b", "/en/services/café", "/ü/%09", "/a%5Cb"])
def test_plain_text_passes(text):
    assert redirects.plain(text) is True


@pytest.mark.parametrize("text", [
    "/en/\t", "/en/\n", "/en/\r", "/\x00", "/\x7f", "/a b", "/a\u00a0b", "/a\u2028b",
    "/a\u200bb", "/a\u202eb", "/a\\b", "\\",
])
def test_control_format_space_and_backslash_are_not_plain(text):
    assert redirects.plain(text) is False


@pytest.mark.parametrize("value", ["/en/search?q=a+b", "/en/services/caf%C3%A9", "/en/?x=%2F",
                                   "/X/", "Hello, world!"])
def test_links_without_markup(value):
    assert redirects.carries_markup(value) is False


@pytest.mark.parametrize("value", [
    "/<svg>", "/a>", '/a"', "/a'", "/a`", "/%3Cscript%3E", "/%22", "/%27x", "/%60",
    "/%0a", "/%09", "/\x00", "/%7F", "/a%0Db", "/%E2%80%8E",  # a left-to-right mark (format)
])
def test_links_with_markup_or_control_characters(value):
    assert redirects.carries_markup(value) is True


def test_page_endpoint_names_the_route_and_its_values(app):
    assert redirects.page_endpoint("/pl/services/kooth") == ("service",
                                                             {"lang": "pl", "slug": "kooth"})
    assert redirects.page_endpoint("/") == ("root", {})


@pytest.mark.parametrize("path", [
    "/en/nowhere/at/all",  # no route
    "/en",  # Flask would redirect to /en/
    "/en//search",  # Flask would merge the slashes with a redirect
    "/en/feedback/sent",  # a form's target: not a page anyone can be sent to
])
def test_page_endpoint_refuses_what_is_not_a_page(app, path):
    assert redirects.page_endpoint(path) is None


@pytest.mark.parametrize("value", [
    "/", "/en/", "/en/search?q=sad&age=14", "/en/services/caf%C3%A9", "/en/search?next=//x",
    "/en/search?q=%3F",
])
def test_local_url_keeps_our_pages_as_given(app, value):
    assert redirects.local_url(value) == value


@pytest.mark.parametrize("value", [
    None, "", "en/", "search", "https://evil.example/en/", "//evil.example/en/", "//en/", "///en/",
    "/\\evil.example", "/en/search?q=a\\b", "/en/search?q=\n//evil", "/en/\tsearch",
    "/en/services/%09x", "/en/services/%E2%80%AEx", "/en/services/a%20b", "/en/nowhere/at/all",
    "/en", "/en/feedback/sent", "/en/services/a%2F%2Fb/c",
])
def test_local_url_refuses_everything_else(app, value):
    assert redirects.local_url(value) is None


def test_local_url_length_limit(app):
    prefix = "/en/services/"
    longest = prefix + "a" * (redirects.MAX_LENGTH - len(prefix))
    assert redirects.local_url(longest) == longest
    assert redirects.local_url(longest + "a") is None


@pytest.mark.parametrize("path, query, target", [
    ("/en/search", [("q", "a b&c")], "/en/search?q=a+b%26c"),
    ("/en/search", [("q", "x"), ("age", "14")], "/en/search?q=x&age=14"),
    ("/en/search", [], "/en/search"),
    ("/en/search", None, "/en/search"),
    ("/en/services/café", [], "/en/services/caf%C3%A9"),
    ("/en/services/a:b@c!$&'()*+,;=~._-", [], "/en/services/a:b@c!$&%27()*+,;=~._-"),
    ("/en/services/a?b", [], "/en/services/a%3Fb"),
])
def test_local_path_encodes_a_decoded_path(app, path, query, target):
    assert redirects.local_path(path, query) == target


@pytest.mark.parametrize("path", ["/\t/evil.example", "//evil.example", "/en/nowhere/at/all",
                                  "/en/services/a\nb",
                                  "/en/services/a b"])
def test_local_path_refuses_what_is_not_ours(app, path):
    assert redirects.local_path(path, [("q", "x")]) is None
