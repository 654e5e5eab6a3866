"""Which area a postcode was matched to, said by the API and the results page."""

import pytest


@pytest.mark.parametrize("postcode, areas", [
    ("LE1%206AB", ["leicester"]), ("LE1%206", ["leicester"]), ("LE16%207AA", ["harborough"]),
    ("LE15%206AB", ["rutland"]), ("le2", ["leicester", "oadby-and-wigston"]),
    ("SW1A%201AA", []),
])
def test_api_says_which_areas_a_postcode_was_matched_to(client, postcode, areas):
    data = client.get(f"/api/v1/services?postcode={postcode}").get_json()
    assert data["postcode_areas"] == areas
    for result in data["results"]:
        assert "national" in result["areas"] or set(areas) & set(result["areas"]), result["id"]


def test_api_without_a_postcode_has_no_postcode_areas(client):
    data = client.get("/api/v1/services?q=worried").get_json()
    assert data["postcode_areas"] == [] and data["page"] == 1 and data["per_page"] == 50


def test_results_page_says_where_a_partial_postcode_is(client):
    html = client.get("/en/search?postcode=LE1+6&q=worried").get_data(as_text=True)
    assert "LE1 6 is in Leicester city." in html
    ur = client.get("/ur/search?postcode=LE15+6AB").get_data(as_text=True)
    assert "LE15 6AB" in ur and "postcode-match" in ur


def test_results_page_names_every_area_a_district_spans(client):
    html = client.get("/en/search?postcode=LE2").get_data(as_text=True)
    assert "LE2 is in Leicester city, Oadby and Wigston." in html
