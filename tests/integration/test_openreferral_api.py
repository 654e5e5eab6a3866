"""The Open Referral UK 3.0 API: every response, for every service, term and page, validates."""

from __future__ import annotations

import math
import uuid

import pytest

from directory import openreferral as oruk
from tests.oruk_schemas import (
    date_problems,
    problems,
    response_validator,
    schema_dir,
    validator,
)

PER_PAGE = 7  # small, so the bundled pack runs to many pages


@pytest.fixture(scope="module", params=["bundled", "fixture"])
def api(request, app, fixture_app):
    schema_dir()
    return (app if request.param == "bundled" else fixture_app).test_client()


def _get(api, url: str, status: int = 200):
    response = api.get(url)
    assert response.status_code == status, (url, response.get_data(as_text=True)[:300])
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Set-Cookie" not in response.headers
    assert response.mimetype == "application/json"
    return response.get_json()


def _valid(data, *checks) -> None:
    found = [p for check in checks for p in problems(check, data)] + date_problems(data)
    assert not found, "\n".join(found[:20])


def _every_page(api, path: str, query: str = "") -> list[dict]:
    """Walk every page of a listing, validating each envelope; returns every item."""
    first = _get(api, f"{path}?per_page={PER_PAGE}{query}")
    items, pages = [], first["total_pages"]
    assert pages == max(1, math.ceil(first["total_items"] / PER_PAGE))
    for number in range(1, pages + 1):
        page = _get(api, f"{path}?per_page={PER_PAGE}&page={number}{query}")
        _valid(page, response_validator(path))
        assert page["page_number"] == number
        assert page["first_page"] == (number == 1) and page["last_page"] == (number == pages)
        assert page["size"] == len(page["contents"]) and page["empty"] == (not page["contents"])
        items += page["contents"]
    assert len(items) == first["total_items"]
    assert len({i["id"] for i in items}) == len(items), "an item appears on two pages"
    return items


def test_about_names_version_profile_and_a_served_openapi(api):
    about = _get(api, "/openreferral/")
    _valid(about, response_validator("/"))
    assert about["version"] == "3.0" and about["profile"].startswith("https://")
    spec = _get(api, "/openreferral/" + about["openapi_url"].split("/openreferral/", 1)[1])
    assert spec["openapi"].startswith("3.1")
    assert set(spec["paths"]) == {"/", "/services", "/services/{id}", "/taxonomies",
                                  "/taxonomies/{id}", "/taxonomy_terms", "/taxonomy_terms/{id}",
                                  "/service_at_locations", "/service_at_locations/{id}"}


def test_every_service_on_every_page_and_in_full_validates(api):
    listed = _every_page(api, "/openreferral/services")
    assert listed
    for item in listed:
        _valid(item, validator("compiled/service_list.json"))
        full = _get(api, f"/openreferral/services/{item['id']}")
        _valid(full, validator("compiled/service.json"), response_validator("/services/{id}"))
        for phone in full["phones"]:
            _valid(phone, validator("phone.json"))
        for language in full["languages"]:
            _valid(language, validator("language.json"))
        assert full["organization"]["id"] == item["organization_id"]
        for attribute in full["attributes"]:
            _valid(attribute, validator("attribute.json"))
            assert attribute["taxonomy_term_id"] == attribute["taxonomy_term"]["id"]


def test_every_taxonomy_and_term_validates_and_each_need_is_a_term(api, request):
    taxonomies = _every_page(api, "/openreferral/taxonomies")
    for item in taxonomies:
        _valid(item, validator("taxonomy.json"))
        assert _get(api, f"/openreferral/taxonomies/{item['id']}") == item
    terms = _every_page(api, "/openreferral/taxonomy_terms")
    for item in terms:
        _valid(item, validator("taxonomy_term.json"), response_validator("/taxonomy_terms/{id}"))
        assert _get(api, f"/openreferral/taxonomy_terms/{item['id']}") == item
        assert item["taxonomy_id"] in {t["id"] for t in taxonomies}
    needs_id = oruk.oruk_id("taxonomy", oruk.NEEDS_TAXONOMY)
    needs = _every_page(api, "/openreferral/taxonomy_terms", f"&taxonomy_id={needs_id}")
    app = api.application
    assert [t["term"] for t in needs] == [n.slug for n in app.extensions["signpost.content"].needs]


def test_every_service_at_location_validates(api):
    listed = _every_page(api, "/openreferral/service_at_locations")
    content = api.application.extensions["signpost.content"]
    assert len(listed) == sum(1 for s in content.services if s.address)
    for item in listed:
        _valid(item, validator("compiled/service_at_location_list.json"))
        full = _get(api, f"/openreferral/service_at_locations/{item['id']}")
        _valid(full, validator("compiled/service_at_location.json"),
               response_validator("/service_at_locations/{id}"))
        _valid(full["service"], validator("compiled/service.json"))


def test_ids_are_stable_uuids_from_slugs(api):
    content = api.application.extensions["signpost.content"]
    listed = _every_page(api, "/openreferral/services")
    expected = {str(uuid.uuid5(oruk.NAMESPACE, f"service/{s.slug}")) for s in content.services}
    assert {s["id"] for s in listed} == expected


def test_filters_narrow_the_services(api):
    content = api.application.extensions["signpost.content"]
    need = content.needs[0]
    term = oruk.oruk_id("taxonomy_term", oruk.NEEDS_TAXONOMY, need.slug)
    by_term = _every_page(api, "/openreferral/services", f"&taxonomy_term_id={term}")
    assert {s["id"] for s in by_term} == {
        oruk.oruk_id("service", s.slug) for s in content.services if need.slug in s.needs}
    young = _every_page(api, "/openreferral/services", "&maximum_age=11")
    assert young and all(s["maximum_age"] <= 11 for s in young)
    older = _every_page(api, "/openreferral/services", "&minimum_age=11")
    assert all(s["minimum_age"] >= 11 for s in older)
    searched = _every_page(api, "/openreferral/services", "&search=counselling")
    assert 0 < len(searched) < len(content.services)


def test_unconfirmed_details_are_flagged_and_never_assured(api):
    content = api.application.extensions["signpost.content"]
    flag = oruk.oruk_id("taxonomy_term", oruk.CHECKING_TAXONOMY, oruk.UNCONFIRMED_TERM)
    for service in content.services:
        full = _get(api, f"/openreferral/services/{oruk.oruk_id('service', service.slug)}")
        flagged = [a for a in full["attributes"] if a["taxonomy_term_id"] == flag]
        assert bool(flagged) == service.needs_checking, service.slug
        assert ("assured_date" in full) == (not service.needs_checking), service.slug
        # Nothing the content does not hold: every number published is one of the service's own.
        assert {p["number"] for p in full["phones"]} == {
            x.number for x in (*service.phones, *service.texts)}
        assert full.get("email", "") == service.email and full.get("url", "") == service.url


@pytest.mark.parametrize("path", [
    "/openreferral/services/{id}", "/openreferral/taxonomies/{id}",
    "/openreferral/taxonomy_terms/{id}", "/openreferral/service_at_locations/{id}",
])
@pytest.mark.parametrize("id_", [str(uuid.UUID(int=0)), "not-a-uuid", "%00", "kooth"])
def test_unknown_ids_are_404_in_json(api, path, id_):
    data = _get(api, path.format(id=id_), 404)
    assert data["code"] == 404 and data["message"]


@pytest.mark.parametrize("query", [
    "page=0", "page=x", "per_page=0", "per_page=100000", "per_page=1.5", "minimum_age=old",
    "maximum_age=-1", "maximum_age=nan", "taxonomy_term_id=anxiety", "taxonomy_id=%00",
])
def test_bad_parameters_are_400_naming_the_parameter(api, query):
    for path in ("/openreferral/services", "/openreferral/service_at_locations"):
        data = _get(api, f"{path}?{query}", 400)
        assert data["code"] == 400 and data["message"].startswith(query.split("=")[0])


def test_a_page_past_the_end_is_empty_not_an_error(api):
    page = _get(api, "/openreferral/services?page=999")
    _valid(page, response_validator("/services"))
    assert page["empty"] and page["size"] == 0 and page["last_page"]


def test_unknown_endpoint_is_json_404(api):
    assert _get(api, "/openreferral/organizations", 404)["code"] == 404


def test_the_validator_catches_what_it_should():
    """Checks the checker: a wrong id format, a bad enum, a missing field each fail."""
    schema_dir()
    good = {"id": str(uuid.uuid4()), "name": "A", "status": "active"}
    assert not problems(validator("compiled/service.json"), good)
    for bad in ({**good, "id": "abc"}, {**good, "status": "open"}, {"id": good["id"]},
                {**good, "url": "not a url"}, {**good, "email": "nobody"},
                {**good, "last_modified": "yesterday"}):
        assert problems(validator("compiled/service.json"), bad), bad
    assert date_problems({"assured_date": "22/11/2026"})
