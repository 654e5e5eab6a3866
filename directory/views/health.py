"""/healthz: whether this instance can serve what matters, for a load balancer or a monitor."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from ..safety import CARD_FIELD

bp = Blueprint("health", __name__)


def problems() -> list[str]:
    """What stops this instance from serving properly, in words; empty when all is well."""
    found = []
    content = current_app.extensions.get("signpost.content")
    if content is None or not content.services:
        found.append("content: no services loaded")
    elif any(p.field == CARD_FIELD for p in content.errors) or not content.crisis:
        found.append("content: crisis contacts did not load (the built-in safety card is shown)")
    if current_app.extensions.get("signpost.index") is None:
        found.append("search: no index")
    store = current_app.extensions.get("signpost.feedback")
    if store is None or not store.writable():
        found.append("feedback store: cannot be written")
    return found


@bp.get("/healthz")
def healthz():
    """200 with {"status": "ok"}, or 503 naming each problem."""
    found = problems()
    response = jsonify({"status": "failing" if found else "ok", "problems": found})
    response.status_code = 503 if found else 200
    response.headers["Cache-Control"] = "no-store"
    return response
