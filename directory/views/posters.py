"""QR codes, printable posters, area directory sheets, links for schools and the embeddable box."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    jsonify,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from .. import posters, qr, redirects, state
from ..i18n import NATIVE_NAMES
from ..query_args import age_range, whole_number
from ..search import Filters
from ..security import embeddable
from . import found, localized_blueprint
from .helpers import AUDIENCE_LABELS

bp = localized_blueprint("posters", __name__)
codes = Blueprint("codes", __name__)

QR_CACHE = "public, max-age=31536000, immutable"
POSTER_AUDIENCES = ("children", "teens", "young-adults", "parents")
POSTER_FIELDS = ("need", "service", "age", "area", "language", "audience", "size", "campaign")
HEADLINES = {
    "children": (_l("Feeling worried, sad or cross?"),
                 _l("Ask a grown-up to scan this with you. There is help near you.")),
    "teens": (_l("Feeling worried, low or stressed?"),
              _l("Find free, private support near you, for ages 11 to 18.")),
    "young-adults": (_l("Struggling right now?"),
                     _l("Find free support near you, for ages 18 to 25.")),
    "parents": (_l("Worried about your child?"),
                _l("Find free support for children and young people near you.")),
}
SIZE_LABELS = {"a4": _l("A4 poster"), "a5": _l("A5 flyer"), "table-card": _l("Table card")}
# The site root only picks a language; every other root route serves a file.
LINKABLE = ("pages.", "selfhelp.", "root.choose_language")


class BadParameter(ValueError):
    """A request parameter that cannot be used."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter, self.message = parameter, message


# --------------------------------------------------------------------------- QR codes

def checked_path(path: str | None) -> str:
    """A path on this site that a QR code or poster may point at, or BadParameter."""
    if not path:
        raise BadParameter("to", "give the page to link to, e.g. to=/en/")
    if len(path) > 300:
        raise BadParameter("to", "the path is too long (300 characters at most)")
    if redirects.carries_markup(path):
        raise BadParameter("to", "the link may not contain < > \" ' ` or control characters")
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or not path.startswith("/") or path.startswith("//") \
            or "\\" in path:
        raise BadParameter("to", "only pages of this site, as a path starting with /")
    adapter = current_app.url_map.bind("localhost")
    try:
        endpoint, values = adapter.match(parts.path, method="GET")
    except HTTPException:
        raise BadParameter("to", f"there is no page at {parts.path}") from None
    if not endpoint.startswith(LINKABLE):
        raise BadParameter("to", "QR codes link to pages people read, not to files or data")
    lang = values.get("lang")
    if lang is not None and lang not in current_app.config["LANGUAGES"]:
        raise BadParameter("to", f"'{lang}' is not a language of this site")
    content = state.content()
    finders = {"pages.service": content.service, "pages.need": content.need,
               "pages.area": content.area, "selfhelp.page": content.page}
    if endpoint in finders and finders[endpoint](values.get("slug", "")) is None:
        raise BadParameter("to", f"there is no page at {parts.path}")
    return path


def checked_campaign(value: str | None) -> str | None:
    """A campaign label, or BadParameter."""
    if not value:
        return None
    if not qr.campaign_ok(value):
        raise BadParameter("src", "use up to 40 lowercase letters, digits, - or _")
    return value


def _bad(error: BadParameter):
    response = jsonify({"error": {"parameter": error.parameter, "message": error.message}})
    response.status_code = 400
    return response


def _code_url() -> str:
    path = checked_path(request.args.get("to"))
    return qr.target_url(current_app.config["SITE_URL"], path,
                         checked_campaign(request.args.get("src")))


@codes.get("/qr.svg")
def qr_svg():
    """A QR code, as SVG, for a page of this site: ?to=/en/&src=campaign."""
    try:
        data = qr.svg(_code_url())
    except BadParameter as error:
        return _bad(error)
    return Response(data, mimetype="image/svg+xml", headers={"Cache-Control": QR_CACHE})


@codes.get("/qr.png")
def qr_png():
    """A QR code, as PNG: ?to=/en/&src=campaign&size=600 (pixels, 64 to 4096)."""
    try:
        url = _code_url()
        size = whole_number(request.args.get("size", "600"))
        if size not in qr.PNG_SIZES:
            raise BadParameter("size", "give the size in pixels, from 64 to 4096")
    except BadParameter as error:
        return _bad(error)
    return Response(qr.png(url, size), mimetype="image/png",
                    headers={"Cache-Control": QR_CACHE})


# --------------------------------------------------------------------------- posters

@dataclass
class PosterRequest:
    """What a poster is for, from the builder's form."""

    path: str
    lang: str
    audience: str
    size: str
    campaign: str | None
    topic: str


def poster_request(args, page_lang: str) -> PosterRequest:
    """Read and check the poster builder's parameters."""
    content = state.content()
    lang = args.get("language") or page_lang
    if lang not in current_app.config["LANGUAGES"]:
        raise BadParameter("language", "choose one of the site's languages")
    audience = args.get("audience") or "teens"
    if audience not in POSTER_AUDIENCES:
        raise BadParameter("audience", "choose who the poster is for")
    size = args.get("size") or "a4"
    if size not in posters.SIZES:
        raise BadParameter("size", "choose A4, A5 or table card")
    campaign = checked_campaign((args.get("campaign") or "").strip().lower() or None)
    need, service = args.get("need") or "", args.get("service") or ""
    age, area = (args.get("age") or "").strip(), args.get("area") or ""
    topic = ""
    if service:
        item = content.service(service)
        if item is None:
            raise BadParameter("service", "choose a service from the list")
        path, topic = f"/{lang}/services/{service}", item.text("name", lang)[0]
    elif need and not (age or area):
        item = content.need(need)
        if item is None:
            raise BadParameter("need", "choose a topic from the list")
        path, topic = f"/{lang}/topics/{need}", item.text("name", lang)[0]
    elif need or age or area:
        if age:
            number = whole_number(age)
            if number is None or not 0 <= number <= 25:
                raise BadParameter("age", "give an age from 0 to 25")
            age = str(number)
        if area and content.area(area) is None:
            raise BadParameter("area", "choose an area from the list")
        if need and content.need(need) is None:
            raise BadParameter("need", "choose a topic from the list")
        query = {k: v for k, v in (("need", need), ("age", age), ("area", area)) if v}
        path = f"/{lang}/search?" + urlencode(query)
        topic = content.need(need).text("name", lang)[0] if need else ""
    else:
        path = f"/{lang}/"
    return PosterRequest(checked_path(for_audience(path, audience)), lang, audience, size,
                         campaign, topic)


def for_audience(path: str, audience: str | None) -> str:
    """The path with ?for=audience, so the site opens styled and worded for who it is for."""
    if not audience:
        return path
    return path + ("&" if "?" in path else "?") + urlencode({"for": audience})


def poster_text(req: PosterRequest) -> posters.PosterText:
    """Everything the poster says, in its own language."""
    crisis = {c.slug: c for c in state.content().crisis}
    with force_locale(req.lang if req.lang != "en" else "en_GB"):
        headline, subline = (str(x) for x in HEADLINES[req.audience])
        third = "samaritans" if req.audience in ("young-adults", "parents") else "childline"
        lines = []
        for slug in ("emergency-999", "nhs-111", third):
            contact = crisis.get(slug)
            if contact and contact.phone:
                lines.append((contact.text("name", req.lang)[0], contact.phone.number))
        address = current_app.config["SITE_URL"].split("://", 1)[-1] + urlsplit(req.path).path
        return posters.PosterText(
            lang=req.lang, headline=headline, subline=subline,
            topic=req.topic, scan_hint=gettext("Scan with your phone camera"),
            type_hint=gettext("Or type this address:"), display_url=address,
            help_title=gettext("Need help now? Call free:"), crisis=lines)


def _poster(kind: str):
    try:
        req = poster_request(request.args, g.lang)
    except BadParameter as error:
        return _bad(error)
    url = qr.target_url(current_app.config["SITE_URL"], req.path, req.campaign)
    try:
        image = posters.build(poster_text(req), url, req.size)
    except posters.PosterError as error:
        current_app.logger.error("poster: %s", error)
        abort(503)
    name = f"signpost-{req.lang}-{req.audience}-{req.size}"
    if kind == "pdf":
        return Response(posters.to_pdf(image), mimetype="application/pdf", headers={
            "Content-Disposition": f'attachment; filename="{name}.pdf"',
            "Cache-Control": "public, max-age=86400"})
    preview = request.args.get("preview") == "1"
    headers = {"Cache-Control": "public, max-age=86400"}
    if not preview:
        headers["Content-Disposition"] = f'attachment; filename="{name}.png"'
    return Response(posters.to_png(image, 600 if preview else None), mimetype="image/png",
                    headers=headers)


@bp.get("/posters")
def builder():
    """Choose what the code opens, the language, audience and size; preview and download."""
    error, query = None, {}
    if request.args:
        try:
            poster_request(request.args, g.lang)
            query = {k: request.args[k] for k in POSTER_FIELDS if request.args.get(k)}
        except BadParameter as problem:
            error = problem.message
    return render_template("posters/builder.html", error=error, query=query,
                           audiences=POSTER_AUDIENCES, sizes=SIZE_LABELS,
                           services=sorted(state.content().services, key=lambda s: s.name),
                           native_names=NATIVE_NAMES)


@bp.get("/posters/poster.png")
def poster_png():
    """The poster as PNG (300 dpi; ?preview=1 for a small preview)."""
    return _poster("png")


@bp.get("/posters/poster.pdf")
def poster_pdf():
    """The poster as a print-ready PDF at 300 dpi."""
    return _poster("pdf")


@bp.get("/areas/<slug>/sheet")
def sheet(slug: str):
    """A printable one-page list of services for an area, with the crisis numbers."""
    area = found(state.content().area(slug))
    services = state.index().search("", Filters(areas=(slug,))).services
    # As many as fit on one printed A4 page, local first.
    local = [s for s in services if not s.national][:13]
    national = [s for s in services if s.national and (s.phones or s.texts)][:8]
    return render_template("posters/sheet.html", area=area, local=local, national=national)


# --------------------------------------------------------------------------- schools

@dataclass
class SchoolLink:
    """What a school chose in the builder, checked."""

    lang: str
    query: dict
    audience: str | None
    campaign: str | None
    error: str | None = None

    @property
    def path(self) -> str:
        """The page the link opens."""
        path = f"/{self.lang}/search?" + urlencode(self.query, doseq=True) if self.query \
            else f"/{self.lang}/"
        return for_audience(path, self.audience)


def school_ages(args) -> tuple[tuple[int, int] | None, str | None]:
    """The age range chosen (age_from and age_to, ages=11-18 or age), and what is wrong with it."""
    if args.get("ages"):
        ages = age_range(args["ages"])
    else:
        low, high = (args.get("age_from") or args.get("age") or "").strip(), \
            (args.get("age_to") or "").strip()
        if not (low or high):
            return None, None
        if None in (whole_number(low or high), whole_number(high or low)):
            return None, _l("Age must be a whole number, like 14.")
        ages = age_range(f"{low or high}-{high or low}")
    if ages and ages[1] <= 25:
        return ages, None
    return None, _l("Give ages from 0 to 25, the youngest first, like 11 and 18.")


def school_link(args, page_lang: str) -> SchoolLink:
    """Read the for-schools builder's choices; unusable ones are left out, ages explained."""
    content = state.content()
    query, error = {}, None
    ages, error = school_ages(args)
    if ages:
        if ages[0] == ages[1]:
            query["age"] = str(ages[0])
        else:
            query["ages"] = f"{ages[0]}-{ages[1]}"
    area = args.get("area") or ""
    if area and content.area(area):
        query["area"] = area
    needs = [n for n in args.getlist("need") if content.need(n)]
    if needs:
        query["need"] = needs
    lang = args.get("language") or page_lang
    if lang not in current_app.config["LANGUAGES"]:
        lang = page_lang
    audience = args.get("audience") or ""
    campaign = (args.get("campaign") or "").strip().lower()
    return SchoolLink(lang, query, audience if audience in AUDIENCE_LABELS else None,
                      campaign if qr.campaign_ok(campaign) else None, error)


def newsletter(link: str, choice: SchoolLink) -> dict[str, str]:
    """Two newsletter paragraphs, for pupils and for parents, in the link's language."""
    with force_locale(choice.lang if choice.lang != "en" else "en_GB"):
        return {
            "pupils": gettext(
                "Feeling worried, low or stressed? You are not the only one, and there is free "
                "help near you. Signpost lists local and national support you can contact, "
                "some without telling anyone else first. It is private: no account, no cookies. "
                "If you are in danger now, call 999. Find support: %(link)s", link=link),
            "parents": gettext(
                "Worried about how your child is feeling? Signpost lists free, local mental "
                "health and wellbeing support for children and young people aged 0 to 25, and "
                "for parents and carers. It shows who each service is for and how to get help, "
                "in plain words and in eight languages. Visit: %(link)s", link=link),
        }


@bp.get("/for-schools")
def for_schools():
    """A link builder for school websites and newsletters."""
    choice = school_link(request.args, g.lang)
    built = bool(request.args.get("build"))
    link = codes_for = paragraphs = None
    if built:
        link = qr.target_url(current_app.config["SITE_URL"], choice.path, choice.campaign)
        to = {"to": choice.path, **({"src": choice.campaign} if choice.campaign else {})}
        codes_for = {"svg": url_for("codes.qr_svg", **to),
                     "png": url_for("codes.qr_png", **to, size=1200),
                     "png_small": url_for("codes.qr_png", **to, size=600)}
        paragraphs = newsletter(link, choice)
    embed_args = dict(choice.query) if built else {}
    if built and choice.campaign:
        embed_args["src"] = choice.campaign
    embed_lang = choice.lang if built else g.lang
    return render_template("posters/for_schools.html", link=link, codes=codes_for,
                           error=choice.error if built else None, paragraphs=paragraphs,
                           embed_url=current_app.config["SITE_URL"] + url_for(
                               "codes.embed", lang=embed_lang, **embed_args),
                           embed_height=EMBED_HEIGHT)


# The frame's height when the school adds no script: tall enough for the whole box at every
# width from 280 px in every language (checked in tests/browser/test_embed.py).
EMBED_HEIGHT = 330


@codes.get("/embed/<lang>")
@embeddable
def embed(lang: str):
    """A small search box other sites may frame; results open on Signpost in a new tab."""
    if lang not in current_app.config["LANGUAGES"]:
        abort(404)
    g.lang = lang
    choice = school_link(request.args, lang)
    low, high = school_ages(request.args)[0] or (None, None)
    campaign = (request.args.get("src") or "").strip().lower()
    return render_template("posters/embed.html", chosen=choice.query, age_min=low, age_max=high,
                           campaign=campaign if qr.campaign_ok(campaign) else None)
