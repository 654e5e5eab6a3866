"""Easy read pages: help now and self-help in short lines, each with a picture."""

from __future__ import annotations

from flask import render_template, url_for

from .. import state
from ..easy_read import HELP_NOW, bold_parts
from . import found, localized_blueprint

bp = localized_blueprint("easyread", __name__)
bp.add_app_template_global(bold_parts, "easy_bold_parts")


def full_version_url(slug: str) -> str:
    """The address of the page an easy read page simplifies."""
    if slug == HELP_NOW:
        return url_for("pages.help_now")
    return url_for("selfhelp.page", slug=slug)


@bp.app_template_global()
def easy_read_url(slug: str) -> str | None:
    """The easy read version of a page ("help-now" or a self-help slug), if there is one."""
    if state.content().easy(slug) is None:
        return None
    return url_for("easyread.page", slug=slug)


@bp.get("/easy-read/<slug>")
def page(slug: str):
    """An easy read page: one idea a line, a picture beside each, numbers as links."""
    item = found(state.content().easy(slug))
    contacts = {c.slug: c for c in state.content().crisis}
    return render_template("easy_read/page.html", page=item, contacts=contacts,
                           full_url=full_version_url(slug))
