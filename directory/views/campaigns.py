"""Count visits from posters and links tagged ?src=campaign, without tracking anyone."""

from __future__ import annotations

from flask import Flask, current_app, redirect, request

from .. import redirects
from ..qr import campaign_ok

NOT_COUNTED = ("/static/", "/api/", "/qr.", "/embed/", "/sw.js", "/manifest")


def init_app(app: Flask) -> None:
    """Count ?src= on page visits, then drop it from the address bar."""

    @app.before_request
    def count_campaign():
        if request.method != "GET" or "src" not in request.args:
            return None
        if request.path.startswith(NOT_COUNTED):
            return None
        campaign = request.args.get("src", "").strip().lower()
        rest = [(k, v) for k, v in request.args.items(multi=True) if k != "src"]
        target = redirects.local_path(request.path, rest)
        if target is None:  # not one of our pages (e.g. /%09/evil.example): never redirect there
            return None
        # Only visits to a real page count (a made-up address is a 404, not a scan), and only
        # the campaign and the day: no address, no cookie, no identifier. The count never
        # fails or delays the page (see FeedbackStore.count_scan).
        if campaign_ok(campaign) and request.url_rule is not None:
            current_app.extensions["signpost.feedback"].count_scan(campaign)
        response = redirect(target, code=302)
        response.headers["Cache-Control"] = "no-store"
        return response
