"""HTTP caching: pages nobody typed into are shared and revalidated cheaply; the rest never kept.

A content page (home, help now, a service, a topic, an area, self-help, offline...) is the same
for everyone until the next deploy: it carries `Cache-Control: public, max-age=60` and a strong
ETag, so a browser or a proxy (nginx in scripts/serve-stack) keeps it a minute and then asks again
with If-None-Match, answered with an empty 304. Anything whose address carries a word a visitor
typed, and every search, is `no-store, private`: no proxy or browser cache may write it down.
Static files are addressed by a fingerprint of their bytes (?v=...), so they can be kept a year.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import Flask, Response, current_app, request

# Pages with nothing a visitor typed: they may be cached by anyone for a short while.
CONTENT_ENDPOINTS = frozenset({
    "pages.home", "pages.help_now", "pages.service", "pages.needs", "pages.need",
    "pages.areas", "pages.area", "selfhelp.index", "selfhelp.page", "selfhelp.glossary",
    "selfhelp.browse_safely", "easyread.page", "pages.accessibility", "pages.privacy",
    "pwa.offline", "pwa.my_list", "pwa.manifest",
    "api.services", "api.service",
})
# Query parameters chosen from our own links (who is looking, a page of results), never typed.
CHOSEN_ARGS = frozenset({"for", "page"})
# QR codes and posters are made from addresses a poster's author chose, not a visitor's words,
# and say themselves how long they keep.
OWN_POLICY = frozenset({"codes", "posters"})
# Endpoints that always show what someone typed, whatever their address.
TYPED_ENDPOINTS = frozenset({"pages.search"})
SHARED = "public, max-age=60"
NEVER = "no-store, private"
IMMUTABLE = "public, max-age=31536000, immutable"


def shows_typed_words() -> bool:
    """Whether this request's page may show something a visitor typed."""
    return request.endpoint in TYPED_ENDPOINTS or any(k not in CHOSEN_ARGS for k in request.args)


def cache_policy(response: Response) -> Response:
    """Set Cache-Control (and a strong ETag, answering If-None-Match) for this response."""
    if request.endpoint == "static":
        return _static_policy(response)
    if request.blueprint in OWN_POLICY:
        return response
    if shows_typed_words():
        response.headers["Cache-Control"] = NEVER
        response.headers.pop("ETag", None)
        return response
    if (request.method in ("GET", "HEAD") and response.status_code == 200
            and request.endpoint in CONTENT_ENDPOINTS and not response.direct_passthrough):
        response.headers["Cache-Control"] = SHARED
        response.add_etag()  # strong: a hash of the exact bytes
        response.make_conditional(request)
    return response


def _static_policy(response: Response) -> Response:
    version = request.args.get("v")
    filename = (request.view_args or {}).get("filename", "")
    if version and version == static_version(current_app.static_folder, filename):
        response.headers["Cache-Control"] = IMMUTABLE
    else:
        # An address without the current fingerprint may change under it: check every time.
        response.headers["Cache-Control"] = "no-cache"
    return response


@lru_cache(maxsize=4096)
def static_version(folder: str, filename: str) -> str | None:
    """A short hash of a static file's bytes (None if there is no such file), read once."""
    root = Path(folder).resolve()
    try:
        path = (root / filename).resolve()
        if root not in path.parents or not path.is_file():
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    except (OSError, ValueError):  # a name too long for the file system, or with a NUL in it
        return None


def init_app(app: Flask) -> None:
    """Fingerprint url_for('static', ...) and apply the cache policy to every response."""
    @app.url_defaults
    def fingerprint_static(endpoint, values):
        if endpoint == "static" and "filename" in values and "v" not in values:
            version = static_version(app.static_folder, values["filename"])
            if version:
                values["v"] = version

    # Registered before the other after_request functions, so it runs after them and has the
    # last word on Cache-Control.
    app.after_request(cache_policy)
