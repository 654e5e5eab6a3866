"""Protect forms without cookies: signed form tokens, same-site checks and a shared rate limit.

The rate limit is Flask-Limiter, keyed on a hash of the visitor's address (as seen through the
configured number of trusted proxies) under a key that changes every day; the address itself is
never stored, in memory or in the limiter's storage.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from urllib.parse import urlsplit

from flask import Flask, current_app, request
from flask_limiter import Limiter
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer
from werkzeug.middleware.proxy_fix import ProxyFix

TOKEN_MAX_AGE = 2 * 60 * 60
# Tokens made within the same minute (as long as caches keep a page) are the same bytes. The
# token's age is then up to a minute more than the page's: a form still works 2 h - 1 min after.
TOKEN_STEP = 60


class _SteppedSigner(TimestampSigner):
    """Signs with the time rounded down, so a page carrying a token stays byte-identical (and
    keeps its ETag, and can be shared by a cache) for a minute instead of one second."""

    def get_timestamp(self) -> int:
        """Now, rounded down to the step."""
        now = super().get_timestamp()
        return now - now % TOKEN_STEP
CROSS_SITE = {"cross-site", "same-site"}


def make_token(secret: str, form: str) -> str:
    """A token proving the form came from one of our pages, for that form only."""
    return URLSafeTimedSerializer(secret, salt="form", signer=_SteppedSigner).dumps(form)


def token_ok(secret: str, form: str, token: str | None, max_age: int = TOKEN_MAX_AGE) -> bool:
    """Whether a submitted token is ours, recent and for this form."""
    try:
        return URLSafeTimedSerializer(secret, salt="form").loads(
            token or "", max_age=max_age) == form
    except (BadSignature, SignatureExpired):
        return False


def same_site(headers, host: str) -> bool:
    """False when the browser says the post came from another site.

    Fetch Metadata when the browser sends it; otherwise the Origin header, which every current
    browser sends with a form post, must name this host (or be absent, as with older browsers).
    """
    fetch_site = headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        # The browser's own word, which pages cannot forge. It decides alone: our pages send no
        # referrer, so Chromium posts their forms with "Origin: null" even from our own site.
        return fetch_site not in CROSS_SITE
    origin = headers.get("Origin")
    if origin is None:
        return True
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower()


def visitor_key() -> str:
    """The visitor's rate-limit bucket: a keyed hash of their address, with a key for today only.

    Every instance derives the same day key from the secret key, so a shared limiter storage sees
    one bucket per visitor; nothing stored can be read back as an address.
    """
    secret = current_app.config["SECRET_KEY"].encode()
    day_key = hmac.new(secret, b"rate-limit " + dt.date.today().isoformat().encode(),
                       hashlib.sha256).digest()
    address = (request.remote_addr or "unknown").encode()
    return hmac.new(day_key, address, hashlib.sha256).hexdigest()[:32]


def trust_proxies(app: Flask) -> None:
    """Read the visitor's address and scheme from exactly the configured number of proxies."""
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def _quick_timeouts(uri: str) -> dict:
    # A limiter storage that hangs must not hang the form: give up on it after half a second
    # (then the request is counted in memory instead, see make_limiter).
    scheme = uri.split(":", 1)[0]
    if scheme.startswith("memcached"):
        return {"connect_timeout": 0.5, "timeout": 0.5}
    if scheme.startswith("redis"):
        return {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    return {}


def make_limiter(app: Flask) -> Limiter:
    """A Flask-Limiter on the configured storage (memory:// unless several instances share one)."""
    uri = app.config["RATELIMIT_STORAGE_URI"]
    return Limiter(
        visitor_key, app=app, storage_uri=uri,
        storage_options=app.config.get("RATELIMIT_STORAGE_OPTIONS") or _quick_timeouts(uri),
        strategy="fixed-window",
        # A limiter storage that is down must not take the forms down: count in memory meanwhile.
        swallow_errors=True, in_memory_fallback_enabled=True, key_prefix="signpost")


def post_limit(app: Flask) -> str:
    """The feedback forms' limit, as Flask-Limiter reads it."""
    return (f"{int(app.config['FEEDBACK_RATE_LIMIT'])} per "
            f"{int(app.config['FEEDBACK_RATE_WINDOW'])} seconds")
