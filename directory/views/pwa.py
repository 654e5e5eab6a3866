"""Installable and offline: the web app manifest, the service worker, offline and My list pages."""

from __future__ import annotations

import hashlib
import json

from flask import Blueprint, Flask, Response, current_app, g, render_template, url_for
from flask_babel import gettext

from .. import state
from ..config import ROOT
from ..file_walk import bytes_digest
from . import localized_blueprint

bp = localized_blueprint("pwa", __name__)
worker = Blueprint("worker", __name__)

THEME = "#1d4e89"
WATCHED = ("content", "static", "templates", "translations", "directory")


def site_version(app: Flask) -> str:
    """A fingerprint of everything a visitor's offline copy depends on.

    It changes whenever content, templates, styles, scripts or translations change, which makes
    the service worker's own bytes change, so browsers install the new version by themselves.
    """
    digest = hashlib.sha256()
    # The content's part comes with the start-up snapshot when one was used (made from these
    # very files): reading 10,000 service files again would cost half a second.
    content = app.extensions.get("signpost.content_bytes") or bytes_digest(
        app.config["CONTENT_DIR"])
    digest.update(content.encode())
    for name in WATCHED:
        if name != "content":
            digest.update(bytes_digest(ROOT / name).encode())
    return digest.hexdigest()[:16]


def init_app(app: Flask) -> None:
    """Work out the version once, at start-up."""
    app.extensions["signpost.version"] = site_version(app)


@bp.get("/manifest.webmanifest")
def manifest():
    """The web app manifest, starting in this page's language."""
    site = state.content().site
    data = {
        "id": "/",
        "name": f"{site.name} – {site.text('area_name', g.lang)[0]}",
        "short_name": site.name,
        "description": gettext(
            "Find mental health and wellbeing support for people aged 0 to 25 in %(area)s.",
            area=site.text("area_name", g.lang)[0]),
        "lang": g.lang,
        "dir": "rtl" if g.lang in ("ar", "ur") else "ltr",
        "start_url": url_for("pages.home"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME,
        "background_color": "#ffffff",
        "icons": [
            {"src": url_for("static", filename="icons/icon-192.png"), "sizes": "192x192",
             "type": "image/png", "purpose": "any"},
            {"src": url_for("static", filename="icons/icon-512.png"), "sizes": "512x512",
             "type": "image/png", "purpose": "any"},
            {"src": url_for("static", filename="icons/icon-maskable-512.png"),
             "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
        ],
    }
    return Response(json.dumps(data, ensure_ascii=False), mimetype="application/manifest+json",
                    headers={"Cache-Control": "public, max-age=3600"})


@bp.get("/offline")
def offline():
    """Shown by the service worker when a page is not saved and there is no connection."""
    return render_template("pwa/offline.html")


@bp.get("/my-list")
def my_list():
    """Services saved on this device (kept in the browser only; the server never sees them)."""
    return render_template("pwa/my_list.html")


@worker.get("/sw.js")
def service_worker():
    """The service worker, from the site root so it looks after every page."""
    languages = current_app.config["LANGUAGES"]
    static = ["css/site.css", "js/quick-exit.js", "js/app.js", "icons/icon.svg",
              "icons/icon-192.png"]
    precache = [url_for("static", filename=name) for name in static]
    # The default language's pages at install; each page then asks for its own language's
    # (a visitor on little data downloads three small pages, not three for every language).
    easy_help = state.content().easy("help-now") is not None
    language_pages = {lang: [url_for("pages.help_now", lang=lang),
                             url_for("pwa.offline", lang=lang), url_for("pwa.my_list", lang=lang)]
                      + ([url_for("easyread.page", lang=lang, slug="help-now")] if easy_help else [])
                      for lang in languages}
    precache += language_pages[languages[0]]
    body = render_template("pwa/sw.js", version=current_app.extensions["signpost.version"],
                           precache=precache, languages=list(languages),
                           language_pages=language_pages)
    return Response(body, mimetype="text/javascript", headers={
        "Cache-Control": "no-cache", "Service-Worker-Allowed": "/"})
