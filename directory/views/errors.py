"""Helpful error pages: never a dead end, always a way to help now."""

from __future__ import annotations

from flask import Flask, Response, current_app, g, jsonify, render_template, request

# Sent when an error page itself cannot be drawn (a broken template, content or translation):
# plain HTML with no template, no content and no translation, so it cannot fail in turn, and
# still sent by Flask, so it carries the security headers. National numbers that do not change.
PLAIN_ERROR_PAGE = """<!doctype html>
<html lang="en" dir="ltr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Something went wrong</title></head>
<body>
<h1>Sorry, something went wrong</h1>
<p>This is our fault, not yours. Please try again in a minute, or <a href="/">start again</a>.</p>
<h2>If you need help right now</h2>
<ul>
<li><a href="tel:999">Emergency: call 999</a></li>
<li><a href="tel:111">NHS 111: call 111</a></li>
<li><a href="tel:08001111">Childline (under 19): call 0800 1111</a></li>
<li><a href="tel:116123">Samaritans: call 116 123</a></li>
</ul>
</body>
</html>
"""


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
    try:
        return render_template(template), status
    except Exception:  # the error page must never fail: that would send the server's bare page
        current_app.logger.exception("the %d page could not be drawn; sent the plain one", status)
        return Response(PLAIN_ERROR_PAGE, status, mimetype="text/html")


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
