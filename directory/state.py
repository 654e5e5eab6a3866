"""The loaded content and its index, for the request being served."""

from flask import current_app

from .content import Content
from .search import Index


def content() -> Content:
    """The content pack this app was started with."""
    return current_app.extensions["signpost.content"]


def index() -> Index:
    """The search index of that content."""
    return current_app.extensions["signpost.index"]
