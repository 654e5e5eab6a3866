"""Same-site targets for redirects, "Go back" links and QR codes: never a way off the site."""

from __future__ import annotations

import unicodedata
from urllib.parse import quote, unquote, unquote_plus, urlencode, urlsplit

from flask import current_app
from werkzeug.exceptions import HTTPException

MAX_LENGTH = 2000
# Characters that only ever turn a link into markup or a script when echoed somewhere.
MARKUP_CHARACTERS = frozenset("<>\"'`")
# Kept as written in a path (quote() would encode them; they are harmless in a path).
PATH_SAFE = "/-._~!$&()*+,;=:@"


def _invisible(char: str) -> bool:
    # Browsers silently drop tabs and newlines inside a URL, and other control, format and space
    # characters hide what a link really says; none belong in a link we hand out.
    return unicodedata.category(char)[0] in "CZ"


def plain(text: str) -> bool:
    """True when text has no control, format or space characters and no backslash."""
    return not any(_invisible(c) or c == "\\" for c in text)


def carries_markup(value: str) -> bool:
    """True when a link, once percent-decoded, holds markup or control characters."""
    decoded = unquote_plus(value)
    return any(c in MARKUP_CHARACTERS or unicodedata.category(c)[0] == "C" for c in decoded)


def page_endpoint(path: str) -> tuple[str, dict] | None:
    """The endpoint and values a decoded path leads to on this site, or None when it leads nowhere.

    A path Flask would redirect (such as one with doubled slashes) counts as leading nowhere.
    """
    adapter = current_app.url_map.bind("localhost")
    try:
        return adapter.match(path, method="GET")
    except HTTPException:
        return None


def local_url(value: str | None) -> str | None:
    """`value` when it is the path (and query) of a page on this site, else None.

    Refuses anything a browser could read as another site: a scheme, a host, `//`, a backslash,
    or control characters such as tab and newline, which browsers drop before reading the link.
    """
    if not value or len(value) > MAX_LENGTH or not plain(value):
        return None
    if not value.startswith("/") or value.startswith("//"):
        return None
    # Starting with exactly one slash, the value has no scheme or host: only a path and query.
    path = unquote(urlsplit(value).path)
    # A decoded path starting // never matches: the URL map would redirect it (merged slashes).
    if not plain(path) or page_endpoint(path) is None:
        return None
    return value


def local_path(path: str, query: list[tuple[str, str]] | None = None) -> str | None:
    """The address of the page at a decoded `path` with `query`, or None when it is not ours."""
    target = quote(path, safe=PATH_SAFE) + ("?" + urlencode(query) if query else "")
    return local_url(target)
