"""HTTP security headers: a strict Content-Security-Policy and friends, via Flask-Talisman."""

import base64
import hashlib
import re

from flask import Flask
from flask_talisman import Talisman

from .config import ROOT

# The help-now page carries the site's CSS inline so it renders in one round trip; the policy
# allows exactly that stylesheet by its hash, and no other inline style.
INLINE_CSS_PATH = ROOT / "static" / "css" / "site.css"


# The stylesheet's comments explain it to its editors; a phone loading help-now needs none of
# them (about 1.3 KB of the page's 16 KB budget for inline styles).
_CSS_COMMENT = re.compile(r"/\*.*?\*/\s*", re.S)


def inline_css() -> str:
    """The stylesheet without its comments, as the help-now page inlines it."""
    return _CSS_COMMENT.sub("", INLINE_CSS_PATH.read_text(encoding="utf-8"))


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"

# Everything comes from this site: no inline script or style, no third parties, no framing.
CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "manifest-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def init_app(app: Flask) -> None:
    """Apply the security headers to every response."""
    css = inline_css()
    app.extensions["signpost.inline_css"] = css
    policy = dict(CSP, **{"style-src": f"'self' {_hash(css)}"})
    app.extensions["signpost.embed_policy"] = dict(policy, **{"frame-ancestors": "*"})
    # One Talisman per app: a shared instance keeps only the last app's settings, so a second
    # app in the same process (one with FORCE_HTTPS, say) would change the first one's headers.
    talisman = Talisman()
    app.extensions["signpost.talisman"] = talisman
    talisman.init_app(
        app,
        force_https=app.config["FORCE_HTTPS"],
        strict_transport_security=app.config["FORCE_HTTPS"],
        content_security_policy=policy,
        content_security_policy_nonce_in=[],
        frame_options="DENY",
        # Never tell a service's website what someone searched for on the way there.
        referrer_policy="no-referrer",
        session_cookie_secure=app.config["FORCE_HTTPS"],
        permissions_policy={"geolocation": "()", "camera": "()", "microphone": "()",
                            "interest-cohort": "()"},
    )

    @app.after_request
    def no_sniff_or_cookies(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        # Pages are always checked with the server when online, so a content change shows at
        # once; offline copies are the service worker's job, not the browser's HTTP cache.
        if response.mimetype == "text/html" and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-cache"
        return response



def embeddable(view):
    """Mark a view that other sites may frame (the embeddable search box, and nothing else)."""
    view.signpost_embeddable = True
    return view


def allow_framing_of_embeds(app: Flask) -> None:
    """Give marked views a policy that lets any site frame them; every other page refuses."""
    for view in app.view_functions.values():
        if getattr(view, "signpost_embeddable", False):
            # Flask-Talisman reads these per-view options when it sets the headers.
            view.talisman_view_options = {
                "frame_options": None,
                "content_security_policy": app.extensions["signpost.embed_policy"],
            }
