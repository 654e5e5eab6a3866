"""Who is looking: the visitor's choice, kept in the URL (?for=...) and never stored."""

from __future__ import annotations

from flask import g, request

from .content_pages import AUDIENCES

# Ages a search covers when the visitor said who they are but not an exact age.
AGE_BANDS = {"children": (0, 10), "teens": (11, 17), "young-adults": (18, 25)}


def current_audience() -> str | None:
    """The audience chosen for this request, if any."""
    return getattr(g, "audience", None)


def read_audience() -> None:
    """Take ?for= from the URL when it names an audience."""
    value = request.args.get("for")
    g.audience = value if value in AUDIENCES else None


def age_band() -> tuple[int, int] | None:
    """The age range to search when no exact age was given."""
    return AGE_BANDS.get(current_audience() or "")
