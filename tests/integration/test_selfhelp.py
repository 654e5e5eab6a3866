"""Self-help pages, the jargon buster, who is looking, and help now."""

import gzip
import re

import pytest

from directory.content_pages import AUDIENCES
from directory.markup import Linker, explain, markdown
from tests.integration.test_pages import check_page

REQUIRED_TOPICS = {"anxiety", "low-mood", "sleep", "school", "self-harm", "bereavement",
                   "bullying", "anger", "eating", "relationships", "lgbtq", "online-safety",
                   "parenting", "moving-to-adult-services"}


def test_at_least_twenty_pages_covering_the_topics_and_audiences(bundled_content):
    pages = bundled_content.pages
    assert len(pages) >= 20
    assert REQUIRED_TOPICS <= {n for p in pages for n in p.needs}
    assert set(AUDIENCES) <= {a for p in pages for a in p.audience}
    for page in pages:
        assert page.last_reviewed and page.summary and page.needs


def sentences(markdown_text):
    text = re.sub(r"^#+ .*$", "", markdown_text, flags=re.M)
    text = re.sub(r"^\s*[-*] ", "", text, flags=re.M)
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 1]


def test_young_peoples_pages_are_written_in_short_plain_sentences(bundled_content):
    for page in bundled_content.pages:
        if set(page.audience) & {"children", "teens"}:
            lengths = [len(s.split()) for s in sentences(page.body)]
            average = sum(lengths) / len(lengths)
            assert average <= 14, f"{page.slug}: sentences average {average:.1f} words"


def test_pages_contain_no_invented_contact_details(bundled_content):
    allowed = {"999", "111", "0800 1111", "116 123", "85258", "0800 068 4141"}
    for page in bundled_content.pages:
        assert "http" not in page.body and "@" not in page.body, page.slug
        for number in re.findall(r"\b\d[\d ]{2,}\d\b", page.body):
            assert number.strip() in allowed or number.strip().isdigit() and len(
                number.strip()) == 4, f"{page.slug}: {number}"


def test_self_help_page_shows_services_for_the_readers_age_and_area(client, bundled_content):
    html, page = check_page(client, "/en/self-help/sleep?age=15&area=rutland")
    assert "Last reviewed on" in html
    linked = [link.split("/")[3].split("?")[0] for link in page.links
              if link.startswith("/en/services/")]
    assert linked, "the page should list services that can help"
    for slug in linked:
        service = bundled_content.service(slug)
        assert service.minimum_age <= 15 <= service.maximum_age
        assert "rutland" in service.service_areas or service.national
        assert set(service.needs) & set(bundled_content.page("sleep").needs)


def test_every_self_help_page_renders_and_links_services(client, bundled_content):
    for item in bundled_content.pages:
        html, page = check_page(client, f"/en/self-help/{item.slug}")
        assert any(link.startswith("/en/services/") for link in page.links), item.slug
        assert "Was this helpful?" in html


def test_self_help_is_found_by_the_same_search(client):
    html = client.get("/en/search?q=can%27t+sleep").get_data(as_text=True)
    assert "Self-help you can read now" in html and "/en/self-help/sleep" in html


def test_glossary_has_the_required_terms_and_links_jargon_once(client, bundled_content):
    terms = {t.slug for t in bundled_content.glossary}
    assert len(terms) >= 35
    for slug in ("camhs", "referral", "self-referral", "gp", "waiting-list", "thrive", "send",
                 "ehcp", "safeguarding", "confidentiality", "young-carer", "care-leaver"):
        assert slug in terms, slug
    html, _ = check_page(client, "/en/jargon-buster")
    assert 'id="camhs"' in html
    page = client.get("/en/self-help/what-to-expect-from-camhs").get_data(as_text=True)
    assert page.count('href="/en/jargon-buster#camhs"') == 1


def test_linker_never_links_inside_words_links_or_headings():
    from directory.content_pages import Term

    linker = Linker([Term("gp", "GP", "A doctor."), Term("referral", "referral", "Asking.")])
    seen = set()
    out = explain("A GP gives a referral. The GPs, gps and GP again.", linker, seen,
                  lambda s: f"#{s}")
    assert out.count('href="#gp"') == 1 and out.count('href="#referral"') == 1
    html = markdown("## Your GP\n\n[link](x) and your GP")
    assert "<h3>" not in html  # headings shift only when the page has an h1
    linked = linker.link("<h2>Your GP</h2><p>Ask your GP</p>", set(), lambda s: f"#{s}")
    assert linked == '<h2>Your GP</h2><p>Ask your <a class="term" href="#gp">GP</a></p>'
    assert "&lt;script&gt;" in markdown("<script>alert(1)</script>")


@pytest.mark.parametrize("audience, heading", [
    ("children", "Find help when you feel worried, sad or angry"),
    ("parents", "Find support for your child"),
    ("professionals", "Find services to refer to or signpost"),
])
def test_who_is_looking_shapes_the_page_and_is_kept_in_links(client, audience, heading):
    html, page = check_page(client, f"/en/?for={audience}")
    assert heading in html and f'class="audience-{audience}' in html
    assert f"/en/topics/anxiety?for={audience}" in page.links
    assert f'name="for" value="{audience}"' in html
    assert "Set-Cookie" not in client.get(f"/en/?for={audience}").headers


def test_audience_age_band_narrows_the_search(client, bundled_content):
    html = client.get("/en/search?need=anxiety&for=children").get_data(as_text=True)
    slugs = set(re.findall(r'href="/en/services/([\w-]+)\?for=children"', html))
    assert slugs
    for slug in slugs:
        assert bundled_content.service(slug).minimum_age <= 10


def test_unknown_audience_is_ignored(client):
    html, _ = check_page(client, "/en/?for=hackers")
    assert "audience-hackers" not in html


def test_help_now_is_one_round_trip_and_under_14_kb(client):
    response = client.get("/en/help-now")
    html = response.get_data()
    assert b'<link rel="stylesheet"' not in html  # no blocking stylesheet request
    assert b"<style>" in html
    assert re.search(rb"<script[^>]+src=[^>]+defer", html)  # scripts never block rendering
    assert len(gzip.compress(html, 9)) < 14 * 1024
    for number in (b"tel:999", b"tel:111", b"tel:08001111", b"tel:116123", b"sms:85258",
                   b"tel:08000684141"):
        assert number in html


def test_every_page_has_quick_exit_and_help_now(client):
    for url in ("/en/", "/en/help-now", "/en/self-help", "/en/services/kooth",
                "/en/jargon-buster", "/en/browse-safely"):
        html, page = check_page(client, url)
        assert "data-quick-exit" in html and "https://www.bbc.co.uk/weather" in page.links
        assert "/static/js/quick-exit.js" in html
