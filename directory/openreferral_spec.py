"""An OpenAPI 3.1 description of Signpost's Open Referral UK endpoints (ours, not the standard's).

Response bodies point at the Open Referral UK profile's published schemas by URL: the standard
is cited, not copied.
"""

from __future__ import annotations

from .openreferral import SCHEMA_BASE, VERSION

PAGE = {
    "type": "object",
    "required": ["total_items", "total_pages", "page_number", "size", "first_page", "last_page",
                 "empty", "contents"],
    "properties": {
        "total_items": {"type": "integer"}, "total_pages": {"type": "integer"},
        "page_number": {"type": "integer"}, "size": {"type": "integer"},
        "first_page": {"type": "boolean"}, "last_page": {"type": "boolean"},
        "empty": {"type": "boolean"}, "contents": {"type": "array"},
    },
}
ERROR = {"type": "object", "required": ["code", "message"],
         "properties": {"code": {"type": "integer"}, "message": {"type": "string"}}}


def _query(name: str, kind: str, description: str, **extra) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": {"type": kind, **extra}}


PARAMETERS = {
    "search": _query("search", "string", "Words to search for, as in Signpost's own search."),
    "page": _query("page", "integer", "Page number, from 1.", minimum=1),
    "per_page": _query("per_page", "integer", "Items on a page (1 to 500; 50 if not given).",
                       minimum=1, maximum=500),
    "taxonomy_term_id": _query("taxonomy_term_id", "string",
                               "Only services linked to this term.", format="uuid"),
    "taxonomy_id": _query("taxonomy_id", "string",
                          "Only services linked to a term of this taxonomy.", format="uuid"),
    "minimum_age": _query("minimum_age", "number",
                          "Only services whose minimum age is at least this."),
    "maximum_age": _query("maximum_age", "number",
                          "Only services whose maximum age is at most this."),
}
FILTERS = ["search", "page", "per_page", "taxonomy_term_id", "taxonomy_id", "minimum_age",
           "maximum_age"]


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _ref(name: str) -> dict:
    return {"$ref": SCHEMA_BASE + name}


def _paged(item: dict, description: str, parameters: list[str]) -> dict:
    return {"get": {
        "summary": description,
        "parameters": [{"$ref": f"#/components/parameters/{p}"} for p in parameters],
        "responses": {
            "200": _json({"allOf": [{"$ref": "#/components/schemas/Page"}],
                          "properties": {"contents": {"type": "array", "items": item}}},
                         description),
            "400": _json({"$ref": "#/components/schemas/Error"}, "A parameter is not usable."),
        },
    }}


def _one(item: dict, description: str) -> dict:
    return {
        "parameters": [{"name": "id", "in": "path", "required": True,
                        "schema": {"type": "string", "format": "uuid"}}],
        "get": {"summary": description, "responses": {
            "200": _json(item, description),
            "404": _json({"$ref": "#/components/schemas/Error"}, "No item has this id."),
        }},
    }


def openapi(server_url: str) -> dict:
    """The OpenAPI document for the API served at server_url."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Signpost directory: Open Referral UK API",
            "version": VERSION,
            "description": (
                "Mental health and wellbeing services for people aged 0 to 25, published in the "
                "Open Referral UK 3.0 profile of the Human Services Data Specification. Ids are "
                "stable. Services whose details are not yet confirmed carry an attribute linked "
                "to the 'Details not yet confirmed' term of the Signpost checking taxonomy, and "
                "no assured_date. Schemas: https://github.com/openreferral/uk-profile"),
        },
        "servers": [{"url": server_url.rstrip("/")}],
        "paths": {
            "/": {"get": {"summary": "Version, profile and this description's address.",
                          "responses": {"200": _json({
                              "type": "object", "required": ["version", "profile", "openapi_url"],
                              "properties": {
                                  "version": {"type": "string"},
                                  "profile": {"type": "string", "format": "uri"},
                                  "openapi_url": {"type": "string", "format": "uri"}}},
                              "About this API.")}}},
            "/services": _paged(_ref("compiled/service_list.json"),
                                "Services with their one-to-one fields.", FILTERS),
            "/services/{id}": _one(_ref("compiled/service.json"), "One service, fully nested."),
            "/taxonomies": _paged(_ref("taxonomy.json"), "Taxonomies.", ["page", "per_page"]),
            "/taxonomies/{id}": _one(_ref("taxonomy.json"), "One taxonomy."),
            "/taxonomy_terms": _paged(_ref("taxonomy_term.json"), "Taxonomy terms.",
                                      ["page", "per_page", "taxonomy_id"]),
            "/taxonomy_terms/{id}": _one(_ref("taxonomy_term.json"), "One taxonomy term."),
            "/service_at_locations": _paged(_ref("compiled/service_at_location_list.json"),
                                            "Services at the places people can go.", FILTERS),
            "/service_at_locations/{id}": _one(_ref("compiled/service_at_location.json"),
                                               "One service at a location, fully nested."),
        },
        "components": {"schemas": {"Page": PAGE, "Error": ERROR}, "parameters": PARAMETERS},
    }
