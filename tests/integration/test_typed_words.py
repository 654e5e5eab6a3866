"""Pages showing what a visitor typed are never kept: not by caches, not for the Back button."""

import pytest


@pytest.mark.parametrize("path", ["/en/search?q=cutting", "/ur/search?q=%D8%AE%D9%88%D8%AF",
                                  "/en/topics/self-harm?postcode=LE1+6AB",
                                  "/en/areas/rutland?age=14", "/en/self-help/sleep?age=9"])
def test_pages_with_typed_words_are_no_store(client, path):
    assert client.get(path).headers["Cache-Control"] == "no-store, private", path


@pytest.mark.parametrize("path", ["/en/", "/en/topics/self-harm", "/en/help-now"])
def test_pages_without_typed_words_stay_cacheable_offline(client, path):
    assert "no-store" not in client.get(path).headers["Cache-Control"], path


def test_search_box_is_not_remembered_by_the_browser(client):
    html = client.get("/en/").get_data(as_text=True)
    field = html[html.index('id="q"'):]
    assert 'autocomplete="off"' in field[:field.index(">")]
