"""Parts of pages rendered once and kept: service cards, self-help cards and the search form.

A results page is mostly these parts, and each depends only on the content pack, the page's
language and audience, and a few facts with a handful of values. Rendering them once per
combination makes a results page cost about what a content page does. Nothing a visitor typed
is part of a kept part or its key: typed values are put into the search form after it is kept.
"""

from __future__ import annotations

import dataclasses
import re

from flask import Flask, current_app, g, render_template, request
from markupsafe import Markup, escape

from ..audience import can_contact_alone, current_audience
from ..kept import Kept
from ..query_args import SearchRequest
from .helpers import open_status

# Rendered parts kept: services and pages × languages × audiences seen lately, about 2 KB each.
PARTS_KEPT = 4096

# Typed values stand in as these markers while a form is rendered for keeping. They are
# characters from Unicode's private use area, which escaping leaves alone.
TYPED_MARKERS = {"text": "\ue000q\ue000", "postcode": "\ue000p\ue000", "age": "\ue000a\ue000"}
_MARKER = re.compile("\ue000[qpa]\ue000")


def _kept():
    return current_app.extensions["signpost.parts"]


def _page_key() -> tuple:
    # Everything about the page that changes how a part renders: its language, its audience
    # (links carry ?for=) and where the app is mounted.
    return getattr(g, "lang", None), current_audience(), request.script_root


def service_card(service, age: int | None = None) -> Markup:
    """The card for one service, for this page's language and audience, rendered once.

    A card shows only the content pack's words about one service in one language for one
    audience, and two facts of the moment: whether it is open now, and whether someone of the
    age asked about can contact it alone. The card is kept, keyed by exactly those inputs.
    """
    status = open_status(service)
    is_open = None if status is None else status["open"]
    alone = can_contact_alone(service, age)
    key = ("service", service.slug, *_page_key(), is_open, alone)
    card = _kept().get(key)
    if card is None:
        card = Markup(render_template("partials/service_card.html", s=service, status=status,
                                      alone=alone))
        _kept().put(key, card)
    return card


def selfhelp_card(page, level: int = 3) -> Markup:
    """The card for one self-help page, for this page's language and audience, rendered once."""
    key = ("selfhelp", page.slug, level, *_page_key())
    card = _kept().get(key)
    if card is None:
        card = Markup(render_template("selfhelp/_card.html", p=page, card_level=level))
        _kept().put(key, card)
    return card


def search_form(req: SearchRequest | None = None, refine: bool = False) -> Markup:
    """The age / area / need form holding what was asked, its menus rendered once.

    The form is kept for each set of menu choices (area, topics, ways of getting help); the
    words, postcode and age someone typed are put in afterwards, escaped, in one pass, so a
    typed value can never be read as a marker. A form with errors is rendered afresh.
    """
    req = req or SearchRequest()
    if req.errors:
        return Markup(render_template("partials/search_form.html", req=req, refine=refine))
    key = ("form", refine, req.area, req.needs, req.delivery, req.referral, req.open_now,
           req.language, *_page_key())
    form = _kept().get(key)
    if form is None:
        blank = dataclasses.replace(req, text=TYPED_MARKERS["text"],
                                    postcode=TYPED_MARKERS["postcode"], age=TYPED_MARKERS["age"])
        form = render_template("partials/search_form.html", req=blank, refine=refine)
        _kept().put(key, form)
    typed = {TYPED_MARKERS["text"]: escape(req.text),
             TYPED_MARKERS["postcode"]: escape(req.postcode),
             TYPED_MARKERS["age"]: "" if req.age is None else str(req.age)}
    return Markup(_MARKER.sub(lambda m: typed[m.group()], form))


def init_app(app: Flask) -> None:
    """Give templates the kept parts, with one memory of them per app."""
    app.extensions["signpost.parts"] = Kept(PARTS_KEPT)
    app.jinja_env.globals.update(service_card=service_card, selfhelp_card=selfhelp_card,
                                 search_form=search_form)
