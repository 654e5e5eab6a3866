"""Badges that name which details of a service are not yet confirmed ("Phone number not yet...")."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

LABELS = {
    "phone": _l("Phone number not yet confirmed"),
    "text": _l("Text number not yet confirmed"),
    "email": _l("Email address not yet confirmed"),
    "url": _l("Web page not yet confirmed"),
    "address": _l("Address not yet confirmed"),
    "hours": _l("Opening hours not yet confirmed"),
    "ages": _l("Ages not yet confirmed"),
    "referral": _l("How to get referred not yet confirmed"),
    "languages": _l("Languages not yet confirmed"),
    "areas": _l("Areas covered not yet confirmed"),
}
# More than this many, and one general badge says it better than a row of them.
MOST_NAMED = 3


def unconfirmed_labels(service) -> list[str]:
    """A badge for each unconfirmed detail; empty when the whole entry is being checked."""
    if not service.needs_checking or not 0 < len(service.unconfirmed) <= MOST_NAMED:
        return []
    return [str(LABELS[d]) for d in service.unconfirmed]


def init_app(app: Flask) -> None:
    """Make the badges available to every template."""
    app.jinja_env.globals["unconfirmed_labels"] = unconfirmed_labels
