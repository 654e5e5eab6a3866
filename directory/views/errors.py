"""Helpful error pages: never a dead end, always a way to help now."""

from __future__ import annotations

from flask import Flask, current_app, g, jsonify, render_template, request


def _language_from_path() -> str:
    first = request.path.strip("/").split("/", 1)[0]
    return first if first in current_app.config.get("LANGUAGES", ()) else "en"


def _page(template: str, status: int):
    if request.path.startswith("/api/"):
        message = "not found" if status == 404 else "something went wrong"
        response = jsonify({"error": {"parameter": None, "message": message}})
        response.status_code = status
        return response
    g.lang = getattr(g, "lang", None) or _language_from_path()
    return render_template(template), status


def init_app(app: Flask) -> None:
    """Register the 404 and 500 pages."""

    @app.errorhandler(404)
    def not_found(error):
        return _page("errors/404.html", 404)

    @app.errorhandler(405)
    def not_allowed(error):
        return _page("errors/404.html", 405)

    @app.errorhandler(413)
    def too_large(error):
        return _page("errors/413.html", 413)

    @app.errorhandler(500)
    def server_error(error):
        return _page("errors/500.html", 500)
