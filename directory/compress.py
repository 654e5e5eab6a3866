"""Gzip for the app when it serves visitors itself (scripts/serve); behind nginx, nginx does it.

A small WSGI middleware rather than a library: it also keeps ETags right. The compressed bytes get
their own strong ETag ("<hash>-gzip"), and a browser asking If-None-Match with it is asked
about the same page underneath, so it still gets its 304.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable

from werkzeug.datastructures import Headers

COMPRESSIBLE = ("text/", "application/javascript", "application/json",
                "application/manifest+json", "image/svg+xml", "application/xml")
MIN_SIZE = 500  # smaller bodies gain less than gzip's own header costs
SUFFIX = "-gzip"


def accepts_gzip(header: str) -> bool:
    """Whether an Accept-Encoding header allows gzip (and does not refuse it with q=0)."""
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            q = params.strip().lower()
            return not (q.startswith("q=") and _quality(q[2:]) == 0)
    return False


def _quality(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 1.0


def _gzip_etag(etag: str) -> str:
    if etag.startswith('"') and etag.endswith('"') and not etag.endswith(SUFFIX + '"'):
        return etag[:-1] + SUFFIX + '"'
    return etag


class Gzip:
    """Compress compressible responses for clients that accept gzip."""

    def __init__(self, app: Callable, level: int = 6):
        self.app = app
        self.level = level

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        """Serve one request, compressing the response when it is worth it."""
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or not accepts_gzip(
                environ.get("HTTP_ACCEPT_ENCODING", "")):
            return self.app(environ, start_response)
        asked = environ.get("HTTP_IF_NONE_MATCH", "")
        if SUFFIX + '"' in asked:
            # The compressed copy's ETag names the same page: ask the app about the page.
            environ["HTTP_IF_NONE_MATCH"] = asked.replace(SUFFIX + '"', '"')
        captured: dict = {}
        written: list[bytes] = []

        def capture(status, headers, exc_info=None):
            captured.update(status=status, headers=headers, exc_info=exc_info)
            return written.append

        result = self.app(environ, capture)
        try:
            body = b"".join([*written, *result])
        finally:
            if hasattr(result, "close"):
                result.close()
        status, headers = captured["status"], Headers(captured["headers"])
        kind = headers.get("Content-Type", "")
        code = status.split(" ", 1)[0]
        if code == "304" and "ETag" in headers and SUFFIX + '"' in asked:
            headers["ETag"] = _gzip_etag(headers["ETag"])  # the copy the browser holds
        elif kind.startswith(COMPRESSIBLE):
            headers["Vary"] = _add_vary(headers.get("Vary", ""))
            if (code == "200" and "Content-Encoding" not in headers and len(body) >= MIN_SIZE
                    and "no-transform" not in headers.get("Cache-Control", "")
                    and environ["REQUEST_METHOD"] == "GET"):
                body = gzip.compress(body, compresslevel=self.level, mtime=0)
                headers["Content-Encoding"] = "gzip"
                headers["Content-Length"] = str(len(body))
                if "ETag" in headers:
                    headers["ETag"] = _gzip_etag(headers["ETag"])
        start_response(status, headers.to_wsgi_list(), captured["exc_info"])
        return [body]


def _add_vary(value: str) -> str:
    names = [v.strip() for v in value.split(",") if v.strip()]
    if not any(n.lower() == "accept-encoding" for n in names):
        names.append("Accept-Encoding")
    return ", ".join(names)
