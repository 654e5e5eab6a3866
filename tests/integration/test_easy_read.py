"""Easy read pages: in every language, with crisis numbers as links, linked to and from their page."""

from __future__ import annotations

import re

import pytest

from directory.easy_read import ICONS

LANGUAGES = ("en", "gu", "pa", "ur", "ar", "pl", "ro", "so")
REQUIRED = ("help-now", "self-harm", "feeling-low", "worry-and-panic", "worries-about-eating",
            "bullying-and-online-bullying")


def full_page(lang, slug):
    return f"/{lang}/help-now" if slug == "help-now" else f"/{lang}/self-help/{slug}"


def test_help_now_and_the_five_most_visited_pages_have_an_easy_read(bundled_content):
    assert {e.slug for e in bundled_content.easy_read} >= set(REQUIRED)
    assert not [p for p in bundled_content.problems if "easy-read" in p.file]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_easy_read_page_renders_with_its_numbers_as_links(client, bundled_content, lang):
    crisis = {c.slug: c for c in bundled_content.crisis}
    for page in bundled_content.easy_read:
        url = f"/{lang}/easy-read/{page.slug}"
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "public, max-age=60", url
        html = response.get_data(as_text=True)
        for slug in filter(None, page.contacts):
            contact = crisis[slug]
            target = contact.phone.tel if contact.phone else contact.text_line.sms
            assert f'href="{target.replace("&", "&amp;")}"' in html, f"{url}: no link to {slug}"
        # Every picture is hidden from screen readers: the words beside it say the same.
        icons = re.findall(r"<svg[^>]*easy__icon[^>]*>", html)
        assert len(icons) == sum(1 for i in page.icons if i), url
        assert all('aria-hidden="true"' in svg and 'focusable="false"' in svg for svg in icons)
        assert f'href="{full_page(lang, page.slug)}"' in html, f"{url} does not link back"
        assert "<strong>" in html, f"{url} has no key words in bold"
        assert re.search(r"\*\*", html.split("<main", 1)[1]) is None, f"{url} shows raw **"


@pytest.mark.parametrize("lang", ("en", "ur"))
def test_each_page_links_to_its_easy_read_version(client, bundled_content, lang):
    for page in bundled_content.easy_read:
        html = client.get(full_page(lang, page.slug)).get_data(as_text=True)
        assert f'href="/{lang}/easy-read/{page.slug}"' in html, page.slug
    other = next(p for p in bundled_content.pages if bundled_content.easy(p.slug) is None)
    assert "/easy-read/" not in client.get(f"/{lang}/self-help/{other.slug}").get_data(
        as_text=True)


def test_a_page_without_an_easy_read_version_is_not_found(client):
    assert client.get("/en/easy-read/sleep").status_code == 404
    assert client.get("/en/easy-read/..%2Fsite").status_code == 404


def test_icons_are_all_drawn():
    from pathlib import Path

    drawn = (Path(__file__).resolve().parents[2] / "templates" / "easy_read" /
             "_icons.html").read_text(encoding="utf-8")
    for name in ICONS[:-1]:  # the last one is the template's else branch
        assert f'name == "{name}"' in drawn, name


def test_easy_read_pages_are_in_the_sitemap_in_every_language(client, bundled_content):
    xml = client.get("/sitemap.xml").get_data(as_text=True)
    for page in bundled_content.easy_read:
        for lang in LANGUAGES:
            assert f"/{lang}/easy-read/{page.slug}</loc>" in xml


def test_help_nows_easy_read_is_kept_for_offline_use_like_help_now(client):
    worker = client.get("/sw.js").get_data(as_text=True)
    for lang in LANGUAGES:
        assert f'"/{lang}/easy-read/help-now"' in worker, lang
    precache = re.search(r"const PRECACHE = (\[.*?\]);", worker).group(1)
    assert '"/en/help-now"' in precache and '"/en/easy-read/help-now"' in precache


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_every_easy_read_page_is_translated_and_marked_not_yet_reviewed(client, bundled_content,
                                                                         lang):
    for page in bundled_content.easy_read:
        rows, used = page.rows(lang)
        assert used == lang and page.text("title", lang)[1] == lang, f"{lang}/{page.slug}"
        assert bundled_content.ledger.awaiting_review(lang, f"easy-read/{page.slug}")
        html = client.get(f"/{lang}/easy-read/{page.slug}").get_data(as_text=True)
        assert 'class="untranslated"' not in html.split("<main", 1)[1], f"{lang}/{page.slug}"
        # Crisis numbers stay digits a phone can dial, whatever the language's own digits.
        for row in rows:
            for number in ("999", "85258"):
                if number in page.rows("en")[0][rows.index(row)]["text"]:
                    assert number in row["text"], (lang, page.slug, row["text"])
