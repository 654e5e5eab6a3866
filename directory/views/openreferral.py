"""The directory as an Open Referral UK 3.0 API under /openreferral/ (public data, any origin)."""

from __future__ import annotations

import math
import uuid

from flask import Blueprint, current_app, jsonify, request, url_for

from .. import openreferral as oruk
from .. import state
from ..openreferral_spec import openapi
from ..search import Filters

bp = Blueprint("openreferral", __name__, url_prefix="/openreferral")
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
LIST_PARAMETERS = ("page", "per_page")
SERVICE_PARAMETERS = ("search", "page", "per_page", "taxonomy_term_id", "taxonomy_id",
                      "minimum_age", "maximum_age")


class BadParameter(ValueError):
    """A query parameter the API cannot use, with what is wrong."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter


@bp.after_request
def any_origin(response):
    """Anyone may read this public data from any site; no cookies are ever involved."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers.setdefault("Cache-Control", "public, max-age=300")
    return response


@bp.errorhandler(BadParameter)
def bad_parameter(error: BadParameter):
    """400 in the same shape as every other error here."""
    return _error(400, f"{error.parameter}: {error}")


def _error(status: int, message: str):
    response = jsonify({"code": status, "message": message})
    response.status_code = status
    return response


def _not_found(kind: str, id_: str):
    return _error(404, f"There is no {kind} with id {id_!r}.")


def _whole(name: str, default: int, lowest: int, highest: int | None = None) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(name, f"{raw!r} is not a whole number") from None
    if value < lowest or (highest is not None and value > highest):
        top = f" and {highest}" if highest is not None else " or more"
        raise BadParameter(name, f"must be between {lowest}{top}" if highest is not None
                           else f"must be {lowest}{top}")
    return value


def _number(name: str) -> float | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        raise BadParameter(name, f"{raw!r} is not a number") from None
    if not math.isfinite(value) or not 0 <= value <= 150:
        raise BadParameter(name, "must be an age between 0 and 150")
    return value


def _uuid(name: str) -> str | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return None
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise BadParameter(name, f"{raw!r} is not a UUID") from None


def _page(items: list, build) -> dict:
    """The standard's Page envelope around one page of items."""
    per_page = _whole("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    page = _whole("page", 1, 1)
    total = len(items)
    pages = max(1, math.ceil(total / per_page))
    chunk = items[(page - 1) * per_page:page * per_page]
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(chunk),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not chunk,
        "contents": [build(x) for x in chunk],
    }


def _chosen_services(located_only: bool = False) -> list:
    """Services matching the standard's filter parameters, in search rank when searching."""
    content = state.content()
    text = (request.args.get("search") or "").strip()[:200]
    term_id, taxonomy_id = _uuid("taxonomy_term_id"), _uuid("taxonomy_id")
    minimum, maximum = _number("minimum_age"), _number("maximum_age")
    if text:
        services = state.index().search(text, Filters()).services
    else:
        services = list(content.services)
    if located_only:
        services = [s for s in services if s.address is not None]
    if term_id:
        services = [s for s in services if term_id in oruk.term_ids(s, content)]
    if taxonomy_id:
        services = [s for s in services if any(
            t["taxonomy_id"] == taxonomy_id for t, _ in oruk.service_terms(s, content))]
    # As the standard words them: a minimum age of at least, a maximum age of at most.
    if minimum is not None:
        services = [s for s in services if s.minimum_age >= minimum]
    if maximum is not None:
        services = [s for s in services if s.maximum_age <= maximum]
    return services


def _by_id(kind: str, id_: str, items, make):
    for item in items:
        if oruk.oruk_id(kind, item.slug) == id_:
            return jsonify(make(item))
    return _not_found(kind.replace("_", " "), id_)


@bp.get("/")
def about():
    """The API's version, profile and where its OpenAPI description is."""
    return jsonify({
        "version": oruk.VERSION,
        "profile": oruk.PROFILE,
        "openapi_url": current_app.config["SITE_URL"] + url_for("openreferral.openapi_json"),
    })


@bp.get("/openapi.json")
def openapi_json():
    """An OpenAPI description of the endpoints served here."""
    return jsonify(openapi(current_app.config["SITE_URL"] + url_for("openreferral.about")))


@bp.get("/services")
def services():
    """Services with their one-to-one fields, a page at a time."""
    content = state.content()
    chosen = _chosen_services()
    return jsonify(_page(chosen, lambda s: oruk.service_list_item(s, content)))


@bp.get("/services/<id_>")
def service(id_: str):
    """One service, fully nested."""
    content = state.content()
    return _by_id("service", id_, content.services, lambda s: oruk.full_service(s, content))


@bp.get("/taxonomies")
def taxonomies():
    """The taxonomies whose terms services are linked to."""
    return jsonify(_page(oruk.taxonomies(state.content()), lambda t: t))


@bp.get("/taxonomies/<id_>")
def taxonomy(id_: str):
    """One taxonomy."""
    for item in oruk.taxonomies(state.content()):
        if item["id"] == id_:
            return jsonify(item)
    return _not_found("taxonomy", id_)


@bp.get("/taxonomy_terms")
def taxonomy_terms():
    """Every term: Signpost's needs, ways of getting help, routes in and checking flags."""
    terms = oruk.taxonomy_terms(state.content())
    taxonomy_id = _uuid("taxonomy_id")
    if taxonomy_id:
        terms = [t for t in terms if t["taxonomy_id"] == taxonomy_id]
    return jsonify(_page(terms, lambda t: t))


@bp.get("/taxonomy_terms/<id_>")
def taxonomy_term(id_: str):
    """One term."""
    for item in oruk.taxonomy_terms(state.content()):
        if item["id"] == id_:
            return jsonify(item)
    return _not_found("taxonomy term", id_)


@bp.get("/service_at_locations")
def service_at_locations():
    """Services at the places people can go, a page at a time."""
    content = state.content()
    chosen = _chosen_services(located_only=True)

    def build(s):
        link = oruk.location_link(s)
        link["service"] = oruk.service_list_item(s, content)
        return link
    return jsonify(_page(chosen, build))


@bp.get("/service_at_locations/<id_>")
def service_at_location(id_: str):
    """One service at its location, fully nested."""
    content = state.content()
    return _by_id("service_at_location", id_, oruk.located_services(content),
                  lambda s: oruk.service_at_location(s, content))


@bp.get("/<path:rest>")
def unknown(rest: str):
    """Anything else under /openreferral/ answers in JSON, not the site's HTML page."""
    return _error(404, f"There is no endpoint /openreferral/{rest}.")
