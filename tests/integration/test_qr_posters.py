"""QR codes decoded by an independent decoder, posters in every language, campaigns and embeds."""

import io
import re
import shutil
import sqlite3
import subprocess

import pytest
from PIL import Image

from directory import create_app

SITE = "https://signpost.example.org"
LANGUAGES = ["en", "gu", "pa", "ur", "ar", "pl", "ro", "so"]


def need_tool(name):
    if shutil.which(name):
        return
    import os

    if os.environ.get("CI"):
        pytest.fail(f"{name} is not installed, and CI is set")
    pytest.skip(f"{name} is not installed")


def decode_png(data: bytes) -> list[str]:
    """Decode every QR code in a PNG with zbar (not the library that made it)."""
    need_tool("zbarimg")
    result = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sqrcode.enable", "-"],
                            input=data, capture_output=True, check=False)
    return result.stdout.decode().split()


def decode_svg(data: bytes) -> list[str]:
    need_tool("rsvg-convert")
    png = subprocess.run(["rsvg-convert", "--width", "600", "--background-color", "white"],
                         input=data, capture_output=True, check=True).stdout
    return decode_png(png)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    db = tmp_path_factory.mktemp("qr") / "f.sqlite3"
    app = create_app({"TESTING": True, "SITE_URL": SITE, "FEEDBACK_DB": str(db)})
    return app, db


@pytest.mark.parametrize("to, src", [
    ("/en/", "bus-stop-12"), ("/pl/topics/anxiety", "school-corridor"),
    ("/ur/search?age=14&area=leicester&need=self-harm", "gp-waiting-room"),
    ("/en/services/kooth", None), ("/gu/self-help/sleep", "cafe_table"), ("/", "x"),
])
def test_qr_codes_decode_to_the_page_with_its_campaign(site, to, src):
    client = site[0].test_client()
    query = {"to": to, **({"src": src} if src else {})}
    expected = SITE + to + (("&" if "?" in to else "?") + f"src={src}" if src else "")
    svg = client.get("/qr.svg", query_string=query)
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert "max-age=31536000" in svg.headers["Cache-Control"]
    assert decode_svg(svg.data) == [expected]
    png = client.get("/qr.png", query_string={**query, "size": "300"})
    assert png.mimetype == "image/png" and decode_png(png.data) == [expected]
    assert 290 <= Image.open(io.BytesIO(png.data)).width <= 300


@pytest.mark.parametrize("query, parameter", [
    ({"to": "https://evil.example/"}, "to"), ({"to": "//evil.example/x"}, "to"),
    ({"to": "javascript:alert(1)"}, "to"), ({}, "to"), ({"to": "/en/services/not-a-service"}, "to"),
    ({"to": "/xx/"}, "to"), ({"to": "/api/v1/services"}, "to"), ({"to": "/static/css/site.css"}, "to"),
    ({"to": "/en/", "src": "Bad Label!"}, "src"), ({"to": "/en/", "src": "x" * 41}, "src"),
    ({"to": "/en/" + "a" * 400}, "to"),
])
def test_qr_for_other_sites_or_bad_parameters_is_a_clear_400(site, query, parameter):
    response = site[0].test_client().get("/qr.svg", query_string=query)
    assert response.status_code == 400
    assert response.get_json()["error"]["parameter"] == parameter


@pytest.mark.parametrize("size", ["1", "abc", "99999", "-5"])
def test_qr_png_size_is_checked(site, size):
    response = site[0].test_client().get("/qr.png", query_string={"to": "/en/", "size": size})
    assert response.status_code == 400 and response.get_json()["error"]["parameter"] == "size"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_posters_in_every_language_carry_a_decodable_code(site, lang):
    client = site[0].test_client()
    response = client.get("/en/posters/poster.png", query_string={
        "language": lang, "need": "anxiety", "audience": "teens", "size": "a4",
        "campaign": "poster-test"})
    assert response.status_code == 200
    image = Image.open(io.BytesIO(response.data))
    assert image.size == (2480, 3508)  # A4 at 300 dpi
    assert round(image.info["dpi"][0]) == 300
    # The poster opens the site for its audience, and the scan is counted for its campaign.
    assert decode_png(response.data) == [
        f"{SITE}/{lang}/topics/anxiety?for=teens&src=poster-test"]


def test_poster_pdf_is_a_printable_a4_page(site):
    response = site[0].test_client().get("/en/posters/poster.pdf", query_string={
        "language": "ar", "audience": "parents", "size": "a4"})
    assert response.data.startswith(b"%PDF") and response.mimetype == "application/pdf"
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", response.data)
    assert box and abs(float(box.group(1)) - 595.2) < 1 and abs(float(box.group(2)) - 841.9) < 1


@pytest.mark.parametrize("query, parameter", [
    ({"language": "xx"}, "language"), ({"audience": "pets"}, "audience"),
    ({"size": "billboard"}, "size"), ({"service": "nope"}, "service"),
    ({"campaign": "No Spaces"}, "src"),
])
def test_poster_bad_parameters(site, query, parameter):
    response = site[0].test_client().get("/en/posters/poster.png", query_string=query)
    assert response.status_code == 400
    assert response.get_json()["error"]["parameter"] == parameter


def test_poster_builder_page_previews_and_offers_downloads(site):
    from tests.integration.test_pages import check_page

    client = site[0].test_client()
    html, page = check_page(client, "/en/posters?need=sleep&language=pa&audience=children"
                                    "&size=table-card&campaign=leaflet")
    assert "/en/posters/poster.png?preview=1" in html.replace("&amp;", "&")
    assert any("/en/posters/poster.pdf?" in link for link in page.links)


@pytest.mark.parametrize("query", ["preview=1", "for=parents&preview=0", "lang=xx", "src=Not%20Valid"])
def test_poster_builder_ignores_parameters_it_does_not_use(site, query):
    response = site[0].test_client().get("/en/posters?need=sleep&" + query)
    assert response.status_code in (200, 302)


def test_posters_build_command_writes_a_set_with_progress(site, tmp_path):
    result = site[0].test_cli_runner().invoke(args=[
        "posters", "build", "--out", str(tmp_path), "--language", "ur", "--language", "pl",
        "--need", "sleep", "--need", "bullying", "--format", "png"])
    assert result.exit_code == 0, result.output
    assert "Drawing 4 posters" in result.output and "wrote 4 posters" in result.output
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["bullying-pl-a4.png", "bullying-ur-a4.png", "sleep-pl-a4.png",
                     "sleep-ur-a4.png"]
    assert decode_png((tmp_path / "sleep-ur-a4.png").read_bytes()) == [
        f"{SITE}/ur/topics/sleep?for=teens"]


def test_area_directory_sheet(site, bundled_content):
    from tests.integration.test_pages import check_page

    html, page = check_page(site[0].test_client(), "/en/areas/rutland/sheet")
    # Paper can't be tapped: numbers are printed as text, each kept left-to-right in any script.
    for number in ("999", "0800 1111", "116 123"):
        assert re.search(r'<span class="num" dir="ltr">[^<]*' + number + "<", html), number
    local = [s for s in bundled_content.services if "rutland" in s.service_areas]
    assert sum(1 for s in local if s.name.replace("&", "&amp;") in html) >= min(5, len(local))


def test_scans_are_counted_by_campaign_and_day_only(site):
    app, db = site
    client = app.test_client()
    for _ in range(3):
        response = client.get("/pl/topics/sleep?src=bus-stop-7&age=12",
                              environ_base={"REMOTE_ADDR": "203.0.113.50"})
        assert response.status_code == 302
        assert response.headers["Location"] == "/pl/topics/sleep?age=12"  # src dropped
        assert "Set-Cookie" not in response.headers
    client.get("/en/?src=NOT%20VALID")  # malformed: dropped, not counted
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT * FROM campaign_scans").fetchall()
        columns = [c[1] for c in conn.execute("PRAGMA table_info(campaign_scans)")]
    assert columns == ["campaign", "day", "count"]
    assert [(r[0], r[2]) for r in rows] == [("bus-stop-7", 3)]
    assert b"203.0.113.50" not in db.read_bytes()
    report = app.test_cli_runner().invoke(args=["campaigns", "report"])
    assert re.search(r"bus-stop-7\s+\d{4}-W\d{2}\s+3", report.output), report.output


def test_link_builder_for_schools(site):
    from tests.integration.test_pages import check_page

    html, _ = check_page(site[0].test_client(),
                         "/en/for-schools?build=1&age=13&area=melton&need=anxiety&need=bullying"
                         "&language=so&campaign=school-newsletter")
    link = f"{SITE}/so/search?age=13&amp;area=melton&amp;need=anxiety&amp;need=bullying" \
           "&amp;src=school-newsletter"
    assert link in html
    assert "&lt;a href=" in html and "&lt;iframe src=" in html
    assert "/qr.svg?to=" in html


def test_school_links_take_an_age_range_and_the_embed_keeps_every_choice(site):
    client = site[0].test_client()
    html = client.get("/ur/for-schools?build=1&age_from=11&age_to=18&area=charnwood"
                      "&need=anxiety&campaign=school-web").get_data(as_text=True)
    assert f"{SITE}/ur/search?ages=11-18&amp;area=charnwood&amp;need=anxiety" in html
    assert "/qr.png?to=" in html and "size=1200" in html and "/qr.svg?to=" in html
    pupils = re.search(r'<textarea id="newsletter-pupils"[^>]*>([^<]+)<', html).group(1)
    parents = re.search(r'<textarea id="newsletter"[^>]*>([^<]+)<', html).group(1)
    assert pupils != parents and "ages=11-18" in pupils and "ages=11-18" in parents
    embed = re.search(r'iframe src=&#34;([^&]+(?:&amp;[^&]+)*?)&#34;|iframe src="([^"]+)"',
                      html.replace("&amp;quot;", '"'))
    assert embed, "the embed code is on the page"
    assert f"{SITE}/embed/ur?" in html and "ages=11-18" in html.split("embed/ur?", 1)[1]
    box = client.get("/embed/ur?ages=11-18&area=charnwood&need=anxiety&src=school-web")
    text = box.get_data(as_text=True)
    for hidden in ('name="area" value="charnwood"', 'name="need" value="anxiety"',
                   'name="ages" value="11-18"', 'name="src" value="school-web"',
                   'min="11"', 'max="18"'):
        assert hidden in text, hidden
    # The search the box makes honours the range: no service only for under-11s or over-18s.
    results = client.get("/ur/search?ages=11-18&area=charnwood&need=anxiety")
    assert results.status_code == 200
    for backwards in ("18-11", "11-40", "x-y"):
        page = client.get(f"/en/for-schools?build=1&ages={backwards}").get_data(as_text=True)
        assert 'role="alert"' in page and 'aria-invalid="true"' in page, backwards


def test_only_the_embed_may_be_framed(site):
    client = site[0].test_client()
    embed = client.get("/embed/ur")
    assert embed.status_code == 200 and "X-Frame-Options" not in embed.headers
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    assert 'target="_blank"' in embed.get_data(as_text=True)
    for url in ("/en/", "/en/help-now", "/en/services/kooth", "/en/posters", "/qr.svg?to=/en/"):
        response = client.get(url)
        assert response.headers.get("X-Frame-Options") == "DENY", url
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], url
    assert client.get("/embed/xx").status_code == 404
