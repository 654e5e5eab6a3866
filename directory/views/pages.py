"""The pages people read: home, results, services, topics, areas and help now."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    current_app,
    g,
    redirect,
    render_template,
    request,
    url_for,
)

from .. import query_args, state
from ..audience import age_band, can_contact_alone, current_audience, first_step_rank
from ..i18n import best_language
from ..risk import RISK_NEEDS
from ..search import Filters
from . import found, localized_blueprint

bp = localized_blueprint("pages", __name__)



# Query parameters that carry what a visitor typed.
TYPED_ARGS = ("q", "postcode", "age")


def never_store_typed_words(response):
    """Pages showing what a visitor typed are kept by no cache, nor by the back-forward cache."""
    if response.mimetype == "text/html" and any(request.args.get(k) for k in TYPED_ARGS):
        response.headers["Cache-Control"] = "no-store"
    return response


bp.after_request(never_store_typed_words)
bp.add_app_template_global(can_contact_alone)


def help_first(results_help_now: bool, needs) -> bool:
    """Whether a page should open with the help-now box: risky words, or a risk topic."""
    return bool(results_help_now or set(RISK_NEEDS).intersection(needs))
root = Blueprint("root", __name__)


@root.get("/")
def choose_language():
    """Send visitors to the best language their browser asks for."""
    lang = best_language(current_app.config["LANGUAGES"])
    response = redirect(url_for("pages.home", lang=lang), code=302)
    response.headers["Vary"] = "Accept-Language"
    return response


@root.get("/audiences.css")
def audience_css():
    """Each audience's colours and type size, from the content pack's site.yml."""
    styles = state.content().site.audience_styles.values()
    return Response("\n".join(s.css() for s in styles) + "\n", mimetype="text/css",
                    headers={"Cache-Control": "public, max-age=3600"})


@bp.get("/")
def home():
    """The home page: say your age, where you live and what's going on."""
    audience = current_audience()
    pages = [p for p in state.content().pages if audience is None or audience in p.audience]
    return render_template("pages/home.html", req=query_args.SearchRequest(),
                           featured_pages=sorted(pages, key=lambda p: p.title)[:4])


@bp.get("/search")
def search():
    """Search results, with help-now first when the words suggest danger."""
    content = state.content()
    req = query_args.parse(request.args, content, age_band())
    if req.is_empty and not req.errors:
        return redirect(url_for("pages.home"))
    return _results_page(req, title=None)


def _results_page(req: query_args.SearchRequest, title: str | None, heading_item=None):
    content = state.content()
    audience = current_audience()
    results = state.index().search(req.text, req.filters, lang=g.lang, audience=audience)
    # Self-help written for who is looking; a child is never shown pages for professionals.
    pages_found = [p for p in state.index().search_pages(req.text, req.needs, audience,
                                                         limit=50, lang=g.lang)
                   if audience is None or audience in p.audience][:3]
    per_page = current_app.config["RESULTS_PER_PAGE"]
    ranked, urgent = results.services, []
    if not results.help_now:
        # The best first step first; crisis routes get a heading of their own ("If it's
        # urgent") instead of leading the list. A risky query keeps them in its ranking, below
        # the help-now box.
        urgent = [s for s in ranked if s.urgent]
        ranked = [s for s in ranked if not s.urgent]
    if not req.text and audience:
        # Browsing with no words to rank by: what this visitor can use first, otherwise as
        # the index ranked it (a stable sort keeps local before national).
        ranked = sorted(ranked, key=lambda s: first_step_rank(s, audience))
    pages = max(1, -(-len(ranked) // per_page))
    page = min(req.page, pages)
    shown = ranked[(page - 1) * per_page: page * per_page]
    national = []
    if not results.total and req.text and request.endpoint == "pages.search":
        current_app.extensions["signpost.feedback"].count_unmet_search(req.text)
    if not results.total:
        # Never a dead end: services anyone can use that fit the age and topic.
        national = state.index().search(
            "", Filters(age=req.age, needs=req.needs or results.needs_seen, national_only=True)
        ).services[:10]
    return render_template(
        "pages/results.html", req=req, results=results, shown=shown, page=page, pages=pages,
        national=national, title=title, heading_item=heading_item, content=content,
        pages_found=pages_found, urgent=urgent if page == 1 else [],
        help_first=help_first(results.help_now, (*req.needs, *results.needs_seen)),
        first_number=(page - 1) * per_page + 1,
    )


@bp.get("/services/<slug>")
def service(slug: str):
    """One service: what it is, who it's for and how to get help."""
    item = found(state.content().service(slug))
    return render_template("pages/service.html", service=item, content=state.content())


@bp.get("/topics")
def needs():
    """Browse by what's going on."""
    counts = {n.slug: sum(1 for s in state.content().services if n.slug in s.needs)
              for n in state.content().needs}
    return render_template("pages/needs.html", counts=counts)


@bp.get("/topics/<slug>")
def need(slug: str):
    """Services for one topic, local first."""
    item = found(state.content().need(slug))
    req = query_args.parse(request.args, state.content(), age_band())
    req.needs = (slug,)
    return _results_page(req, title=item.text("name", g.lang)[0], heading_item=item)


@bp.get("/areas")
def areas():
    """Browse by where you live."""
    return render_template("pages/areas.html")


@bp.get("/areas/<slug>")
def area(slug: str):
    """Services for one area, and the national ones anyone can use."""
    item = found(state.content().area(slug))
    req = query_args.parse(request.args, state.content(), age_band())
    req.area, req.postcode = slug, ""
    return _results_page(req, title=item.text("name", g.lang)[0], heading_item=item)


@bp.get("/help-now")
def help_now():
    """Who to contact right now."""
    return render_template("pages/help_now.html")


@bp.get("/accessibility")
def accessibility():
    """The accessibility statement, in the format UK public-sector websites publish."""
    return render_template("pages/accessibility.html",
                           page=found(state.content().site_page("accessibility")))


@bp.get("/privacy")
def privacy():
    """What we keep, for how long, and what the phone keeps, in plain words."""
    return render_template("pages/privacy.html", page=found(state.content().site_page("privacy")))
