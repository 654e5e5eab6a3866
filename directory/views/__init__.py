"""Blueprints: one per part of the site."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g

from ..audience import read_audience


def found(item):
    """The item a page is about, or the helpful 404 page when there is no such item."""
    if item is None:
        abort(404)
    return item


def localized_blueprint(name: str, import_name: str) -> Blueprint:
    """A blueprint whose URLs start with the language, e.g. /pl/...; unknown languages are 404."""
    bp = Blueprint(name, import_name, url_prefix="/<lang>")

    @bp.url_value_preprocessor
    def take_language(endpoint, values):
        lang = (values or {}).pop("lang", None)
        if lang not in current_app.config["LANGUAGES"]:
            abort(404)
        g.lang = lang
        read_audience()

    @bp.url_defaults
    def keep_language(endpoint, values):
        # Links from a page stay in its language and keep who is looking (?for=).
        values.setdefault("lang", getattr(g, "lang", None) or "en")
        audience = getattr(g, "audience", None)
        # Help now stays one fixed address, so it can be cached for use offline.
        if audience and "for" not in values and endpoint != "pages.help_now":
            values["for"] = audience

    return bp
