"""Template helpers: labels, opening hours, dates and language links."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote_plus, urlencode

from flask import Flask, current_app, g, request, url_for
from flask_babel import format_date, gettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from ..audience import current_audience
from ..content import DAYS, UK, Service
from ..service_languages import interpreter, language_codes, language_name
from ..translations import line_hints

DELIVERY_LABELS = {
    "in-person": _l("In person"),
    "phone": _l("Phone call"),
    "text": _l("Text message"),
    "online": _l("Online"),
    "video": _l("Video call"),
}
REFERRAL_LABELS = {
    "self-referral": _l("Contact them yourself"),
    "parent-or-carer": _l("A parent or carer can contact them"),
    "gp": _l("Ask your GP (family doctor)"),
    "school": _l("Ask your school or college"),
    "professional": _l("A professional, like a social worker, can refer you"),
}
DAY_NAMES = {
    "MO": _l("Monday"), "TU": _l("Tuesday"), "WE": _l("Wednesday"), "TH": _l("Thursday"),
    "FR": _l("Friday"), "SA": _l("Saturday"), "SU": _l("Sunday"),
}


def clock(minutes: int) -> str:
    """Minutes after midnight as a 24-hour time; 24:00 reads as midnight."""
    if minutes >= 24 * 60:
        return "24:00"
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def day_span(days: tuple[str, ...]) -> str:
    """Days of the week in words, joining runs: Monday to Friday, Saturday."""
    if len(days) == 7:
        return gettext("Every day")
    ordered = sorted(days, key=DAYS.index)
    runs: list[list[str]] = []
    for day in ordered:
        if runs and DAYS.index(day) == DAYS.index(runs[-1][-1]) + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(gettext("%(first)s to %(last)s", first=DAY_NAMES[run[0]],
                                 last=DAY_NAMES[run[-1]]))
        else:
            parts.extend(str(DAY_NAMES[d]) for d in run)
    return ", ".join(parts)


def hours_lines(service: Service) -> list[tuple[str, str]]:
    """Opening hours as (days, times) lines for display."""
    lines = []
    for s in service.schedules:
        times = gettext("24 hours") if s.always else f"{clock(s.opens)}–{clock(s.closes)}"
        lines.append((day_span(s.byday), times))
    return lines


def open_status(service: Service, when: dt.datetime | None = None) -> dict | None:
    """Whether it is open now, and when it next opens; None when hours are not listed."""
    now = when or dt.datetime.now(UK)
    is_open = service.is_open(now)
    if is_open is None:
        return None
    if is_open:
        return {"open": True, "label": _l("Open now")}
    nxt = service.next_opening(now)
    if nxt is None:
        return {"open": False, "label": _l("Closed now")}
    time = clock(nxt.hour * 60 + nxt.minute)
    if nxt.date() == now.date():
        label = gettext("Closed now. Opens today at %(time)s", time=time)
    else:
        label = gettext("Closed now. Opens %(day)s at %(time)s", day=DAY_NAMES[DAYS[nxt.weekday()]],
                        time=time)
    return {"open": False, "label": label}


def directions_url(service: Service) -> str:
    """A maps link that opens directions to the service on a phone."""
    return "https://www.google.com/maps/dir/?api=1&destination=" + quote_plus(
        service.address.one_line)


def switch_language_url(lang: str) -> str:
    """The current page in another language, keeping its filters."""
    if request.endpoint and request.view_args is not None and "lang" in (
            request.url_rule.arguments if request.url_rule else ()):
        # Only the path comes from url_for: the visitor's query string is copied as it came,
        # never passed to url_for, where ?slug=, ?_anchor=, ?_method=, ?_scheme= or ?_external=
        # would clash with its own arguments. ?for= rides in the query, so url_for must not add it.
        path = url_for(request.endpoint, **dict(request.view_args, lang=lang), **{"for": None})
        query = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
        return path + ("?" + urlencode(query) if query else "")
    return url_for("pages.home", lang=lang)


def here_url(req, **changes) -> str:
    """This page (results, topic or area) with some search parameters changed."""
    return url_for(request.endpoint, **(request.view_args or {}), **req.args(**changes))


def long_date(value: dt.date) -> str:
    """A date written out, in the page's language."""
    return format_date(value, "long")


def age_range(service: Service) -> str:
    """Who by age, in words."""
    if service.minimum_age == 0:
        return gettext("Up to %(max)s years old", max=service.maximum_age)
    return gettext("%(min)s to %(max)s years old", min=service.minimum_age,
                   max=service.maximum_age)


AUDIENCE_LABELS = {
    "children": _l("Under 11"),
    "teens": _l("11 to 17"),
    "young-adults": _l("18 to 25"),
    "parents": _l("A parent or carer"),
    "professionals": _l("A school or professional"),
}


def _term_url(slug: str) -> str:
    return url_for("selfhelp.glossary") + "#" + slug


def _linker(lang: str):
    return current_app.extensions["signpost.linkers"].get(lang)


def _seen_terms() -> set:
    # Each term is explained once per page: the first time it appears.
    if "terms_seen" not in g:
        g.terms_seen = set()
    return g.terms_seen


def explain(text: str, used_lang: str = "en"):
    """Escape text and link jargon to the jargon buster, in the text's language."""
    from .. import markup

    linker = _linker(used_lang)
    return markup.explain(text, linker, _seen_terms(), _term_url)


def render_markdown(text: str, used_lang: str = "en"):
    """Render a self-help page's Markdown and link its jargon."""
    from .. import markup

    linker = _linker(used_lang)
    return markup.markdown_explained(text, linker, _seen_terms(), _term_url)


def awaiting_review(kind: str, slug: str) -> bool:
    """Whether this page shows a translation no native speaker has reviewed yet."""
    from .. import state

    ledger = state.content().ledger
    lang = g.get("lang") or "en"
    return lang != "en" and ledger is not None and ledger.awaiting_review(lang, f"{kind}/{slug}")


def init_app(app: Flask) -> None:
    """Make the helpers available in every template."""
    from . import parts, unconfirmed

    unconfirmed.init_app(app)
    parts.init_app(app)
    app.jinja_env.globals.update(
        DELIVERY_LABELS=DELIVERY_LABELS, REFERRAL_LABELS=REFERRAL_LABELS, hours_lines=hours_lines,
        open_status=open_status, directions_url=directions_url,
        switch_language_url=switch_language_url, here_url=here_url, age_range=age_range,
        AUDIENCE_LABELS=AUDIENCE_LABELS,
        current_audience=current_audience, explain=explain, render_markdown=render_markdown,
        line_hints=line_hints, awaiting_review=awaiting_review, interpreter=interpreter,
        language_codes=language_codes, language_name=language_name,
    )
    from .feedback import form_token

    app.jinja_env.globals["form_token"] = form_token
    app.jinja_env.globals["inline_css"] = lambda: Markup(app.extensions["signpost.inline_css"])
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def site_context():
        from .. import state

        return {"site": state.content().site, "all_needs": state.content().needs,
                "all_areas": state.content().areas, "crisis": state.content().crisis,
                "quick_exit_url": app.config["QUICK_EXIT_URL"], "audience": current_audience()}
