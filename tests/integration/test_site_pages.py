"""The privacy notice (and accessibility statement) come from content files, in every language."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from directory.content import load_content

LANGUAGES = ("en", "gu", "pa", "ur", "ar", "pl", "ro", "so")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_privacy_notice_is_in_every_language(client, bundled_content, lang):
    response = client.get(f"/{lang}/privacy")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=60"
    main = response.get_data(as_text=True).split("<main", 1)[1].split("</main>", 1)[0]
    assert 'class="untranslated"' not in main and 'lang="en"' not in main, lang
    # Facts the notice must state in every language: the period, the 40 pages, no names taken.
    assert "12" in main and "40" in main
    # Its link to safer browsing stays in the reader's language.
    assert 'href="browse-safely"' in main
    assert client.get(f"/{lang}/browse-safely").status_code == 200
    if lang != "en":
        assert bundled_content.ledger.awaiting_review(lang, "site-pages/privacy")
        assert main.count('class="hint"') >= 1  # "A community review ... is in progress."


def test_privacy_notice_says_what_is_kept_and_how_to_clear_it(client):
    text = re.sub(r"<[^>]+>", "", client.get("/en/privacy").get_data(as_text=True))
    for fact in ("sets no cookies", "Feedback you choose to send", "counted by month",
                 "Counts of visits from posters", "12 months", "deleted automatically",
                 "My list", "Clear my list", "up to 40 pages", "clear this website’s data"):
        assert fact in text, fact


def test_the_prune_period_in_the_notice_is_the_one_deployment_schedules():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    unit = (root / "deploy" / "systemd" / "signpost-prune.service").read_text()
    months = re.search(r"--older-than (\d+)", unit).group(1)
    notice = (root / "content" / "site-pages" / "privacy.md").read_text(encoding="utf-8")
    assert f"**{months} months**" in notice


def test_a_missing_site_page_is_an_error_naming_the_file(tmp_path):
    import shutil

    from tests.conftest import FIXTURE

    shutil.copytree(FIXTURE, tmp_path / "content")
    (tmp_path / "content" / "site-pages").mkdir()
    (tmp_path / "content" / "site-pages" / "privacy.md").write_text("   \n")
    content = load_content(tmp_path / "content", today=dt.date(2026, 12, 2), log_problems=False)
    problem = next(p for p in content.errors if p.file == "content/site-pages/privacy.md")
    assert problem.field == "(body)" and "no text" in problem.message
    assert content.site_page("privacy") is None


def test_a_pack_without_site_pages_shows_the_bundled_wording(fixture_app):
    html = fixture_app.test_client().get("/en/privacy").get_data(as_text=True)
    assert "sets no cookies" in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_accessibility_statement_is_in_every_language(client, bundled_content, lang):
    response = client.get(f"/{lang}/accessibility")
    assert response.status_code == 200
    main = response.get_data(as_text=True).split("<main", 1)[1].split("</main>", 1)[0]
    assert 'class="untranslated"' not in main and 'lang="en"' not in main, lang
    # Same GOV.UK sections as the English (9 headings), its links kept, easy read linked.
    assert len(re.findall(r"<h[23]>", main)) == 9
    for href in ("easy-read/help-now", "https://www.equalityadvisoryservice.com/",
                 "https://www.w3.org/TR/WCAG22/", "https://mcmw.abilitynet.org.uk/"):
        assert f'href="{href}"' in main, href
    assert client.get(f"/{lang}/easy-read/help-now").status_code == 200
    assert "{site}" not in main and "{area}" not in main
    if lang != "en":
        assert bundled_content.ledger.awaiting_review(lang, "site-pages/accessibility")


def test_statement_no_longer_says_easy_read_is_missing(client):
    text = client.get("/en/accessibility").get_data(as_text=True)
    assert "easy read version of the most visited pages is not available yet" not in text
    assert "easy read versions exist only for help now and the five most visited" in text
