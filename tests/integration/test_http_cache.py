"""Caches may share pages nobody typed into, and must never keep a page with typed words."""

from __future__ import annotations

import gzip
import re

import pytest

from directory import create_app
from directory.http_cache import CONTENT_ENDPOINTS


def content_urls(app) -> list[str]:
    """One address of every content page kind, in every language and for every audience."""
    content = app.extensions["signpost.content"]
    service, need, area = content.services[0].slug, content.needs[0].slug, content.areas[0].slug
    page = content.pages[0].slug
    urls = []
    for lang in app.config["LANGUAGES"]:
        urls += [f"/{lang}/", f"/{lang}/help-now", f"/{lang}/offline"]
    for path in (f"/services/{service}", "/topics", f"/topics/{need}", "/areas",
                 f"/areas/{area}", "/self-help", f"/self-help/{page}", "/jargon-buster",
                 "/browse-safely", "/my-list", "/manifest.webmanifest", "/accessibility",
                 "/privacy", "/easy-read/help-now"):
        urls.append("/en" + path)
    urls += ["/ar/services/" + service, "/pl/topics/" + need]
    for audience in content.site.audience_styles:
        urls += [f"/en/?for={audience}", f"/en/topics/{need}?for={audience}"]
    urls += ["/api/v1/services", f"/api/v1/services/{service}"]
    return urls


def test_every_content_endpoint_is_covered(app):
    # A new content page must be added to CONTENT_ENDPOINTS and to content_urls together.
    endpoints = set()
    for url in content_urls(app):
        path, _, query = url.partition("?")
        adapter = app.url_map.bind("localhost", query_args=query)
        endpoints.add(adapter.match(path)[0])
    assert endpoints == CONTENT_ENDPOINTS


def test_content_pages_are_shared_briefly_with_a_strong_etag_and_answer_304(app):
    client = app.test_client()
    for url in content_urls(app):
        first = client.get(url)
        assert first.status_code == 200, url
        assert first.headers["Cache-Control"] == "public, max-age=60", url
        etag = first.headers["ETag"]
        assert re.fullmatch(r'"[0-9a-f]{20,}"', etag), f"{url}: {etag} is not a strong ETag"
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.data == b"", url
        assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200, url


def test_pages_with_a_feedback_form_keep_their_etag_between_requests(app):
    client = app.test_client()
    slug = app.extensions["signpost.content"].services[0].slug
    first = client.get(f"/en/services/{slug}")
    assert 'name="token"' in first.get_data(as_text=True)
    assert client.get(f"/en/services/{slug}").headers["ETag"] == first.headers["ETag"]


@pytest.mark.parametrize("url", [
    "/en/search?q=cutting", "/en/search?q=%3Cscript%3E&age=14", "/ar/search?q=%D8%AE",
    "/en/search?needs=anxiety", "/en/topics/self-harm?postcode=LE1+6AB", "/en/areas/rutland?age=14",
    "/en/self-help/sleep?age=9", "/en/help-now?anything=typed", "/en/?q=x",
    "/api/v1/services?q=worried", "/api/v1/services?age=12", "/en/help-now?src=bus-poster",
])
def test_typed_words_and_searches_are_never_stored_nor_given_an_etag(client, url):
    response = client.get(url)
    assert response.headers["Cache-Control"] == "no-store, private", url
    assert "ETag" not in response.headers, url


def test_static_files_have_fingerprinted_addresses_kept_a_year(app):
    client = app.test_client()
    html = client.get("/en/").get_data(as_text=True)
    addresses = re.findall(r'(/static/[^"?]+)\?v=([0-9a-f]{12})"', html)
    assert any(a.endswith(".css") for a, _ in addresses) and any(a.endswith(".js")
                                                               for a, _ in addresses)
    for address, version in addresses:
        with client.get(f"{address}?v={version}") as response:
            assert response.status_code == 200, address
            assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    # The bare name, or an old fingerprint, may change under it: always revalidated.
    with client.get(addresses[0][0] + "?v=000000000000") as stale:
        assert stale.headers["Cache-Control"] == "no-cache"


def test_the_service_worker_precaches_the_fingerprinted_addresses_pages_use(client):
    worker = client.get("/sw.js").get_data(as_text=True)
    page = client.get("/en/help-now").get_data(as_text=True)
    for script in re.findall(r'src="(/static/js/[^"]+)"', page):
        assert f'"{script}"' in worker.replace("\\u0026", "&"), script


def test_healthz_is_ok_when_content_crisis_lines_and_store_are(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json()["status"] == "ok"
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_fails_when_the_crisis_contacts_did_not_load(content_copy, tmp_path):
    (content_copy / "crisis.yml").write_text("emergency: [broken\n")
    app = create_app({"TESTING": True, "CONTENT_DIR": str(content_copy),
                      "FEEDBACK_DB": str(tmp_path / "f.sqlite3")})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert "crisis" in " ".join(response.get_json()["problems"])
    assert "999" in app.test_client().get("/en/help-now").get_data(as_text=True)


def test_healthz_fails_when_the_feedback_store_cannot_be_written(content_copy, tmp_path):
    db = tmp_path / "f.sqlite3"
    app = create_app({"TESTING": True, "CONTENT_DIR": str(content_copy), "FEEDBACK_DB": str(db)})
    assert app.test_client().get("/healthz").status_code == 200
    locker = __import__("sqlite3").connect(db, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")  # another writer holds the store
    try:
        response = app.test_client().get("/healthz")
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert response.status_code == 503
    assert "feedback store" in " ".join(response.get_json()["problems"])


def test_embedded_server_compresses_and_keeps_its_304s(app):
    client = app.test_client()
    plain = client.get("/en/help-now")
    packed = client.get("/en/help-now", headers={"Accept-Encoding": "gzip, br"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.data) == plain.data
    assert len(packed.data) < len(plain.data) / 2
    assert packed.headers["ETag"] != plain.headers["ETag"]
    again = client.get("/en/help-now", headers={"Accept-Encoding": "gzip",
                                                "If-None-Match": packed.headers["ETag"]})
    assert again.status_code == 304 and again.headers["ETag"] == packed.headers["ETag"]
    refused = client.get("/en/help-now", headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in refused.headers


@pytest.mark.parametrize("name", ["css/" + "a" * 5000 + ".css", "a" * 300, "js/%00.js",
                                  "../../etc/passwd", "css/site.css/x"])
def test_a_fingerprint_on_a_strange_static_name_is_a_404_not_a_500(app, name):
    # Found by the hostile sweep: the fingerprint check asked the file system about a name too
    # long for it, and the error escaped as a 500.
    with app.test_client().get(f"/static/{name}?v=abc123abc123") as response:
        assert response.status_code == 404, name
        assert response.headers["Cache-Control"] == "no-cache"
