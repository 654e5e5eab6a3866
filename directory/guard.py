"""Protect forms without cookies: signed form tokens, same-site checks and a memory-only rate limit."""

from __future__ import annotations

import hashlib
import hmac
import os
import threading
import time
from collections import defaultdict, deque

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

TOKEN_MAX_AGE = 4 * 60 * 60
CROSS_SITE = {"cross-site", "same-site"}


def make_token(secret: str, form: str) -> str:
    """A token proving the form came from one of our pages (valid for a few hours)."""
    return URLSafeTimedSerializer(secret, salt="form").dumps(form)


def token_ok(secret: str, form: str, token: str | None) -> bool:
    """Whether a submitted token is ours, recent and for this form."""
    try:
        return URLSafeTimedSerializer(secret, salt="form").loads(
            token or "", max_age=TOKEN_MAX_AGE) == form
    except (BadSignature, SignatureExpired):
        return False


def same_site(headers) -> bool:
    """False when the browser says the request came from another site (Fetch Metadata)."""
    return headers.get("Sec-Fetch-Site", "same-origin") not in CROSS_SITE


class RateLimiter:
    """At most `limit` posts per `window` seconds from one address, remembered only in memory.

    Addresses are never stored: each is reduced to a keyed hash whose key is random per process
    and replaced every day, so even this memory cannot be matched to an address later.
    """

    def __init__(self, limit: int = 10, window: float = 600.0):
        self.limit, self.window = limit, window
        self._hits: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()
        self._key, self._key_day = os.urandom(32), time.strftime("%Y-%m-%d")

    def _bucket(self, address: str) -> str:
        today = time.strftime("%Y-%m-%d")
        if today != self._key_day:
            self._key, self._key_day, self._hits = os.urandom(32), today, defaultdict(deque)
        return hmac.new(self._key, address.encode(), hashlib.sha256).hexdigest()[:16]

    def allow(self, address: str | None, now: float | None = None) -> bool:
        """Record a post and say whether it is within the limit."""
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits[self._bucket(address or "unknown")]
            while hits and now - hits[0] > self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            return True
