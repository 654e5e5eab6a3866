"""Feedback forms: was this helpful, report a problem, couldn't find what you need.

Nothing that identifies a person is stored: no cookies, no addresses, no times finer than a month.
"""

from __future__ import annotations

from flask import Flask, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from .. import redirects, state
from ..feedback import DETAILS_MAX, REPORT_PROBLEMS, FeedbackError
from ..guard import make_token, post_limit, same_site, token_ok
from ..store import FeedbackStore, StoreUnavailable
from . import found, localized_blueprint

bp = localized_blueprint("feedback", __name__)

PROBLEM_LABELS = {
    "phone": _l("A phone number or text number is wrong"),
    "website": _l("The website link doesn't work"),
    "address": _l("The address is wrong"),
    "hours": _l("The opening hours are wrong"),
    "eligibility": _l("Who it's for (age or area) is wrong"),
    "closed": _l("The service has closed"),
    "other": _l("Something else"),
}


def store() -> FeedbackStore:
    """The feedback database."""
    return current_app.extensions["signpost.feedback"]


def form_token(form: str) -> str:
    """A token for a feedback form on the page being rendered."""
    return make_token(current_app.config["SECRET_KEY"], form)


def _local_path(value: str | None, fallback: str) -> str:
    # Only ever send people back to a page of this site.
    return redirects.local_url(value) or fallback


def _refuse(form: str, status: int, message, back: str):
    return render_template("feedback/problem.html", message=message, back=back,
                           form=form), status


def _checked(form: str, back: str):
    """A response refusing the post, or None when it may be stored."""
    if not same_site(request.headers, request.host) or not token_ok(
            current_app.config["SECRET_KEY"], form, request.form.get("token"),
            max_age=current_app.config["FORM_TOKEN_MAX_AGE"]):
        return _refuse(form, 400, _l("This form has expired. Go back, reload the page and "
                                     "try again."), back)
    return None


def _unsaved(form: str, back: str):
    return _refuse(form, 503, _l("Sorry, we couldn’t save that just now. Please try again "
                                 "in a few minutes."), back)


def _breached(limit):
    """The page for a visitor over the limit (Flask-Limiter checks before the view runs)."""
    form = {"feedback.helpful": "helpful", "feedback.report": "report"}.get(
        request.endpoint or "", "not-found")
    slug = (request.view_args or {}).get("slug")
    back = url_for("pages.service", slug=slug) if slug else url_for("pages.home")
    return current_app.make_response(_refuse(form, 429, _l(
        "Thank you, we have had a lot of messages from you. Please try again later."), back))


def limit_posts(app: Flask) -> None:
    """Every feedback post counts against one per-visitor limit, shared by all the forms."""
    app.extensions["signpost.limiter"].shared_limit(
        post_limit(app), scope="feedback-posts", methods=["POST"], on_breach=_breached)(bp)


@bp.post("/feedback/helpful")
def helpful():
    """Count a yes or no to "was this helpful?"."""
    kind, slug = request.form.get("kind", ""), request.form.get("slug", "")
    content = state.content()
    target = content.service(slug) if kind == "service" else (
        content.page(slug) if kind == "page" else None)
    if target is None:
        abort(400)
    back = url_for("pages.service", slug=slug) if kind == "service" else url_for(
        "selfhelp.page", slug=slug)
    refused = _checked("helpful", back)
    if refused:
        return refused
    answer = request.form.get("answer")
    if answer not in ("yes", "no"):
        return _refuse("helpful", 400, _l("Choose yes or no."), back)
    try:
        store().add_helpful(kind, slug, answer == "yes")
    except StoreUnavailable:
        return _unsaved("helpful", back)
    return redirect(url_for("feedback.thanks", back=back), code=303)


@bp.route("/services/<slug>/report", methods=["GET", "POST"])
def report(slug: str):
    """Tell the content team that a service's details are wrong."""
    service = found(state.content().service(slug))
    back = url_for("pages.service", slug=slug)
    errors = {}  # field name -> message; each message links to its field on the page
    if request.method == "POST":
        refused = _checked("report", back)
        if refused:
            return refused
        problem = request.form.get("problem")
        if problem not in REPORT_PROBLEMS:
            errors["problem"] = _l("Choose what is wrong.")
        else:
            try:
                store().add_report(slug, problem, request.form.get("details"))
            except FeedbackError:
                errors["details"] = gettext("Please keep it under %(max)d characters.",
                                            max=DETAILS_MAX)
            except StoreUnavailable:
                return _unsaved("report", back)
            else:
                return redirect(url_for("feedback.thanks", back=back), code=303)
    return render_template("feedback/report.html", service=service, labels=PROBLEM_LABELS,
                           errors=errors, details_max=DETAILS_MAX,
                           token=form_token("report")), (400 if errors else 200)


@bp.post("/feedback/not-found")
def not_found():
    """Tell the partnership what someone looked for and could not find."""
    words = (request.form.get("words") or "")[:200]
    back = _local_path(request.form.get("back"), url_for("pages.home"))
    refused = _checked("not-found", back)
    if refused:
        return refused
    try:
        store().add_not_found(words, request.form.get("details"))
    except FeedbackError:
        return _refuse("not-found", 400, gettext("Please keep it under %(max)d characters.",
                                                max=DETAILS_MAX), back)
    except StoreUnavailable:
        return _unsaved("not-found", back)
    return redirect(url_for("feedback.thanks", back=back), code=303)


@bp.get("/feedback/thanks")
def thanks():
    """Thank you, and a way back."""
    back = _local_path(request.args.get("back"), url_for("pages.home"))
    return render_template("feedback/thanks.html", back=back)
