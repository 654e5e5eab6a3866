"""The JSON API: the same search as the pages, for other sites and apps."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request, url_for

from .. import query_args, state
from ..content import Service
from ..service_languages import interpreter, language_codes
from ..translations import line_hints

bp = Blueprint("api", __name__, url_prefix="/api/v1")
API_PAGE_SIZE = 50


def _url(service: Service, lang: str) -> str:
    return current_app.config["SITE_URL"] + url_for("pages.service", lang=lang, slug=service.slug)


def service_summary(service: Service, lang: str) -> dict:
    """The fields a list of services carries."""
    return {
        "id": service.slug,
        "name": service.text("name", lang)[0],
        "url": _url(service, lang),
        "summary": service.text("summary", lang)[0],
        "needs": list(service.needs),
        "areas": list(service.service_areas),
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "delivery": list(service.delivery),
        "referral": list(service.referral),
        "languages": list(language_codes(service)),
        "interpreter": interpreter(service),
    }


def _bad_request(parameter: str, message: str):
    response = jsonify({"error": {"parameter": parameter, "message": message}})
    response.status_code = 400
    return response


def _language() -> tuple[str | None, str | None]:
    lang = request.args.get("lang") or "en"
    if lang not in current_app.config["LANGUAGES"]:
        return None, "lang must be one of: " + ", ".join(current_app.config["LANGUAGES"])
    return lang, None


@bp.get("/services")
def services():
    """Search services: {total, page, per_page, results, help_now, did_you_mean, postcode_areas}."""
    lang, problem = _language()
    if problem:
        return _bad_request("lang", problem)
    req = query_args.parse(request.args, state.content())
    hard_errors = {k: v for k, v in req.errors.items()
                   if not (k == "postcode" and req.postcode)}  # unknown district: not an error
    if hard_errors:
        name, message = next(iter(hard_errors.items()))
        return _bad_request(name, str(message))
    # Without ?lang= the words of every language count, as on the English pages.
    words_lang = lang if "lang" in request.args else None
    results = state.index().search(req.text, req.filters, lang=words_lang)
    start = (req.page - 1) * API_PAGE_SIZE
    return jsonify({
        "total": results.total,
        "page": req.page,
        "per_page": API_PAGE_SIZE,
        "results": [service_summary(s, lang)
                    for s in results.services[start:start + API_PAGE_SIZE]],
        "help_now": results.help_now,
        "did_you_mean": results.did_you_mean,
        # Which areas a postcode was read as (its outward code), so a caller can say so.
        "postcode_areas": list(req.postcode_areas) if req.postcode else [],
    })


@bp.get("/services/<slug>")
def service(slug: str):
    """One service in full."""
    lang, problem = _language()
    if problem:
        return _bad_request("lang", problem)
    item = state.content().service(slug)
    if item is None:
        response = jsonify({"error": {"parameter": "id", "message": f"no service '{slug[:80]}'"}})
        response.status_code = 404
        return response
    data = service_summary(item, lang)
    data.update({
        "organization": item.organization,
        "description": item.text("description", lang)[0],
        "eligibility_description": item.text("eligibility_description", lang)[0],
        "how_to_get_help": list(item.text("how_to_get_help", lang)[0]),
        "what_happens_next": item.text("what_happens_next", lang)[0] or None,
        "waiting_time": item.text("waiting_time", lang)[0] or None,
        "fees": item.text("fees", lang)[0],
        "schedules": [{"byday": list(s.byday), "opens_at": f"{s.opens // 60:02d}:{s.opens % 60:02d}",
                       "closes_at": f"{s.closes // 60:02d}:{s.closes % 60:02d}"}
                      for s in item.schedules],
        "open_now": item.is_open(),
        "url_website": item.url or None,
        "email": item.email or None,
        "phones": [{"number": p.number, "description": hint}
                   for p, (hint, _) in zip(item.phones, line_hints(item, "phones", lang),
                                           strict=True)],
        "texts": [{"number": t.number, "message": t.message or None, "description": hint}
                  for t, (hint, _) in zip(item.texts, line_hints(item, "texts", lang),
                                          strict=True)],
        "address": ({"address_1": item.address.address_1, "city": item.address.city,
                     "postal_code": item.address.postal_code} if item.address else None),
        "last_checked": item.last_checked.isoformat() if item.last_checked else None,
        "needs_checking": item.needs_checking,
    })
    return jsonify(data)
