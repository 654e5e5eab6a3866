"""Being found and previewed: robots.txt, sitemap.xml and absolute page addresses."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from flask import Blueprint, Response, current_app, request, url_for

from .. import state

bp = Blueprint("seo", __name__)

# Pages listed once per language (no slug). Search, offline, My list and forms are left out:
# they show nothing of their own to a search engine.
LISTED = ("pages.home", "pages.needs", "pages.areas", "pages.help_now", "selfhelp.index",
          "selfhelp.glossary", "selfhelp.browse_safely", "posters.for_schools",
          "posters.builder", "pages.accessibility", "pages.privacy")


@bp.app_template_global()
def absolute(path: str) -> str:
    """A path of this site as a full address, from SITE_URL."""
    return current_app.config["SITE_URL"] + path


@bp.app_template_global()
def canonical_url() -> str:
    """This page's one address: SITE_URL and its path (never what a visitor typed in the query)."""
    return absolute(request.path)


@bp.app_template_global()
def alternate_url(lang: str) -> str:
    """This page in another language, as a full address, without the query string."""
    rule = request.url_rule
    if request.endpoint and rule is not None and "lang" in rule.arguments:
        return absolute(url_for(request.endpoint, **dict(request.view_args or {}, lang=lang),
                                **{"for": None}))
    return absolute(url_for("pages.home", lang=lang, **{"for": None}))


def _slugged() -> list[tuple[str, list[str]]]:
    content = state.content()
    return [("pages.service", [s.slug for s in content.services]),
            ("pages.need", [n.slug for n in content.needs]),
            ("pages.area", [a.slug for a in content.areas]),
            ("selfhelp.page", [p.slug for p in content.pages]),
            ("easyread.page", [e.slug for e in content.easy_read])]


def sitemap_pages() -> list[tuple[str, dict]]:
    """Every page the sitemap lists, as (endpoint, arguments other than lang)."""
    found = [(endpoint, {}) for endpoint in LISTED]
    for endpoint, slugs in _slugged():
        found += [(endpoint, {"slug": slug}) for slug in slugs]
    return found


@bp.get("/robots.txt")
def robots():
    """Let search engines read every page and tell them where the sitemap is."""
    body = "User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: " + absolute(
        url_for("seo.sitemap")) + "\n"
    return Response(body, mimetype="text/plain", headers={"Cache-Control": "public, max-age=3600"})


@bp.get("/sitemap.xml")
def sitemap():
    """Every page in every language, each naming its other languages (hreflang)."""
    languages = current_app.config["LANGUAGES"]
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
           'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for endpoint, values in sitemap_pages():
        addresses = {code: absolute(url_for(endpoint, lang=code, **values))
                     for code in languages}
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href={quoteattr(href)}/>'
            for code, href in addresses.items())
        for href in addresses.values():
            out.append(f"<url><loc>{escape(href)}</loc>{alternates}</url>")
    out.append("</urlset>")
    return Response("\n".join(out) + "\n", mimetype="application/xml",
                    headers={"Cache-Control": "public, max-age=3600"})

