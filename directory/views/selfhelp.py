"""Self-help pages, the jargon buster and safer browsing advice."""

from __future__ import annotations

from dataclasses import replace

from flask import g, render_template, request

from .. import query_args, state
from ..audience import age_band, current_audience
from . import found, localized_blueprint
from .pages import help_first, never_store_typed_words

bp = localized_blueprint("selfhelp", __name__)
bp.after_request(never_store_typed_words)


@bp.get("/self-help")
def index():
    """Every self-help page, those written for the chosen audience first."""
    audience = current_audience()
    pages = [p for p in state.content().pages
             if audience in (None, "professionals", "parents") or p.audience != ("professionals",)]
    pages.sort(key=lambda p: (audience is not None and audience not in p.audience, p.title))
    return render_template("selfhelp/index.html", pages=pages)


@bp.get("/self-help/<slug>")
def page(slug: str):
    """One self-help page, with the services that can help (for the reader's age and area)."""
    item = found(state.content().page(slug))
    req = query_args.parse(request.args, state.content(), age_band())
    services = state.index().search("", replace(req.filters, needs=item.needs),
                                    audience=current_audience()).services[:6]
    return render_template("selfhelp/page.html", page=item, services=services, req=req,
                           help_first=help_first(False, item.needs))


@bp.get("/jargon-buster")
def glossary():
    """Words you may hear, explained in plain words."""
    terms = sorted(state.content().glossary, key=lambda t: t.text("term", g.lang)[0].lower())
    return render_template("selfhelp/glossary.html", terms=terms)


@bp.get("/browse-safely")
def browse_safely():
    """How to look for help without others seeing."""
    return render_template("selfhelp/browse_safely.html")
