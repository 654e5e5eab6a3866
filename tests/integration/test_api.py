"""The JSON API: same search as the pages, with clear errors."""

import pytest


@pytest.fixture()
def api(fixture_app):
    return fixture_app.test_client()


def test_search_shape(api):
    data = api.get("/api/v1/services?q=worried&age=14").get_json()
    assert set(data) >= {"total", "results", "help_now", "did_you_mean"}
    assert data["total"] == len(data["results"]) >= 1
    first = data["results"][0]
    assert set(first) == {"id", "name", "url", "summary", "needs", "areas", "minimum_age",
                          "maximum_age", "delivery", "referral", "languages", "interpreter"}
    assert first["id"] == "town-counselling"
    assert first["url"].endswith("/en/services/town-counselling")
    assert data["help_now"] is False and data["did_you_mean"] is None


def test_filters_apply_to_every_result(api):
    data = api.get("/api/v1/services?age=12&need=bullying&delivery=online").get_json()
    assert data["total"] >= 1
    for item in data["results"]:
        assert item["minimum_age"] <= 12 <= item["maximum_age"]
        assert "bullying" in item["needs"] and "online" in item["delivery"]


def test_risk_and_did_you_mean(api):
    assert api.get("/api/v1/services?q=i+want+to+die").get_json()["help_now"] is True
    assert api.get("/api/v1/services?q=anxeity").get_json()["did_you_mean"] == "anxiety"


@pytest.mark.parametrize("query, parameter", [
    ("age=old", "age"), ("area=mars", "area"), ("need=sadness", "need"),
    ("delivery=pigeon", "delivery"), ("referral=magic", "referral"), ("postcode=hello", "postcode"),
    ("open_now=perhaps", "open_now"), ("lang=xx", "lang"), ("page=0", "page"),
])
def test_bad_parameters_are_400_naming_the_parameter(api, query, parameter):
    response = api.get("/api/v1/services?" + query)
    assert response.status_code == 400
    assert response.get_json()["error"]["parameter"] == parameter
    assert response.get_json()["error"]["message"]


def test_one_service(api):
    data = api.get("/api/v1/services/night-line").get_json()
    assert data["id"] == "night-line" and data["texts"][0]["message"] == "NIGHT"
    assert data["schedules"][0] == {"byday": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"],
                                    "opens_at": "19:00", "closes_at": "02:00"}
    assert data["last_checked"] == "2026-10-01"
    missing = api.get("/api/v1/services/nothing-here")
    assert missing.status_code == 404 and missing.get_json()["error"]["parameter"] == "id"


def test_api_sets_no_cookie(api):
    assert "Set-Cookie" not in api.get("/api/v1/services").headers
