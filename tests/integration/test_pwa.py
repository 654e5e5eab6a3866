"""The manifest and service worker as served, and a content change reaching visitors."""

import json
import re
import shutil

from directory import create_app
from tests.conftest import BUNDLED


def test_manifest_starts_in_the_visitors_language(client):
    for lang in ("en", "ur", "pl"):
        response = client.get(f"/{lang}/manifest.webmanifest")
        assert response.mimetype == "application/manifest+json"
        data = json.loads(response.data)
        assert data["start_url"] == f"/{lang}/" and data["lang"] == lang
        assert data["display"] == "standalone" and data["scope"] == "/"
        assert data["dir"] == ("rtl" if lang == "ur" else "ltr")
        if lang != "en":  # described in the visitor's language, not English
            assert "mental health" not in data["description"].lower()
        sizes = {(i["sizes"], i["purpose"]) for i in data["icons"]}
        assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
        for icon in data["icons"]:
            with client.get(icon["src"]) as image:
                assert image.status_code == 200 and image.mimetype == "image/png"


def test_service_worker_is_served_from_the_root_and_never_cached_stale(client):
    response = client.get("/sw.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    body = response.get_data(as_text=True)
    for lang in ("en", "ar", "so"):  # each language's pages, cached when a page asks
        assert f'"/{lang}/help-now"' in body and f'"/{lang}/offline"' in body
    assert re.search(r'"/static/css/site.css\?v=[0-9a-f]{12}"', body)


def test_every_page_links_the_manifest_and_registers_the_worker(client):
    html = client.get("/pl/services/kooth").get_data(as_text=True)
    assert 'rel="manifest" href="/pl/manifest.webmanifest"' in html
    assert "/static/js/app.js" in html


def test_a_content_change_changes_the_worker(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BUNDLED, content)
    config = {"TESTING": True, "CONTENT_DIR": str(content),
              "FEEDBACK_DB": str(tmp_path / "f.sqlite3")}
    before = create_app(config).test_client().get("/sw.js").data
    service = content / "services" / "kooth.yml"
    service.write_text(service.read_text().replace("No waiting list.", "No waiting list at all."))
    after = create_app(config).test_client().get("/sw.js").data
    assert before != after


def test_offline_and_my_list_pages(client):
    offline = client.get("/en/offline").get_data(as_text=True)
    assert "You are offline" in offline and "tel:999" in offline and "data-my-list" in offline
    my_list = client.get("/en/my-list").get_data(as_text=True)
    assert "never sent to us" in my_list and "<noscript>" in my_list
