"""Read search parameters from a URL, the same way for the pages and the JSON API.

Messages are plain strings from gettext, never lazy strings: Flask-Babel's lazy strings declare
themselves safe HTML, so one formatted with a visitor's words would be rendered unescaped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from flask_babel import gettext
from werkzeug.datastructures import MultiDict

from .content import DELIVERY, REFERRAL, Content
from .search import MAX_QUERY_CHARS, Filters

TRUE_WORDS = {"1", "true", "on", "yes"}
MAX_PAGE = 500
MAX_AGE = 120
# A sign and up to nine digits: enough for any age, page or size, and cheap to read.
NUMBER_RE = re.compile(r"([-+−]?)(\d{1,9})")


def whole_number(value: str | None) -> int | None:
    """A whole number as a visitor typed it, or None when it is not one.

    Digits are decimal digits of any script (١٤ and ۱۴ are 14), read one by one; str.isdigit()
    also passes superscripts such as ² and other characters that int() refuses with an error.
    """
    match = NUMBER_RE.fullmatch((value or "").strip())
    if match is None:
        return None
    digits = "".join(str(unicodedata.decimal(c)) for c in match.group(2))
    return -int(digits) if match.group(1) in ("-", "−") else int(digits)


@dataclass
class SearchRequest:
    """A search as asked for: words, filters, and any parameter that could not be used."""

    text: str = ""
    age: int | None = None
    area: str = ""
    postcode: str = ""
    needs: tuple[str, ...] = ()
    delivery: tuple[str, ...] = ()
    referral: tuple[str, ...] = ()
    open_now: bool = False
    language: str = ""  # "offered in my language": a language code
    page: int = 1
    postcode_areas: tuple[str, ...] = ()
    age_band: tuple[int, int] | None = None  # from "who is looking", used when no age is given
    ages: tuple[int, int] | None = None  # an age range a school chose (?ages=11-18)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def filters(self) -> Filters:
        """The filters for the search index."""
        areas = self.postcode_areas if self.postcode else ((self.area,) if self.area else ())
        # A postcode outside every area can still use the services open to the whole UK.
        outside = bool(self.postcode) and not self.postcode_areas
        return Filters(age=self.age, areas=areas, needs=self.needs, delivery=self.delivery,
                       referral=self.referral, open_now=self.open_now, national_only=outside,
                       language=self.language,
                       age_band=self.age_band if self.age is None else None)

    @property
    def is_empty(self) -> bool:
        """Nothing at all was asked for."""
        return not (self.text or self.age is not None or self.ages or self.area or self.postcode
                    or self.needs
                    or self.delivery or self.referral or self.open_now or self.language)

    def args(self, **changes) -> dict:
        """URL parameters for this search, with some changed (None removes one)."""
        values = {"q": self.text, "age": self.age, "area": self.area, "postcode": self.postcode,
                  "need": list(self.needs), "delivery": list(self.delivery),
                  "referral": list(self.referral), "open_now": "1" if self.open_now else None,
                  "language": self.language,
                  "ages": f"{self.ages[0]}-{self.ages[1]}" if self.ages else None}
        values.update(changes)
        return {k: v for k, v in values.items() if v not in (None, "", [], ())}


def parse(args: MultiDict, content: Content,
          age_band: tuple[int, int] | None = None) -> SearchRequest:
    """A SearchRequest from URL parameters; unusable values are left out and explained."""
    req = SearchRequest(age_band=age_band)
    req.text = " ".join((args.get("q") or "").split())[:MAX_QUERY_CHARS]

    raw_age = (args.get("age") or "").strip()
    if raw_age:
        age = whole_number(raw_age)
        if age is None:
            req.errors["age"] = gettext("Age must be a whole number, like 14.")
        elif not 0 <= age <= MAX_AGE:
            req.errors["age"] = gettext("Give an age from 0 to 120, like 14.")
        else:
            req.age = age

    raw_ages = (args.get("ages") or "").strip()
    if raw_ages:
        ages = age_range(raw_ages)
        if ages is None:
            req.errors["ages"] = gettext("Give the ages as two numbers, like 11-18.")
        else:
            req.ages = req.age_band = ages

    area = (args.get("area") or "").strip()
    if area:
        if content.area(area):
            req.area = area
        else:
            req.errors["area"] = gettext("We don't know the area “%(area)s”. Choose one from the list.",
                                    area=area[:40])

    postcode = (args.get("postcode") or "").strip()
    if postcode:
        areas = content.areas_for_postcode(postcode)
        if areas is None:
            req.errors["postcode"] = gettext(
                "“%(postcode)s” doesn't look like a postcode. Try the first part, like LE11.",
                postcode=postcode[:20])
        else:
            req.postcode = postcode.upper()[:10]
            req.postcode_areas = areas
            if not areas:
                req.errors["postcode"] = gettext(
                    "%(postcode)s is outside the areas this directory covers, so we show "
                    "services anyone in the UK can use.", postcode=req.postcode)

    req.needs = _choices(args, "need", {n.slug for n in content.needs}, req,
                         gettext("Choose a topic from the list."))
    req.delivery = _choices(args, "delivery", set(DELIVERY), req,
                            gettext("Choose how you'd like to get help from the list."))
    req.referral = _choices(args, "referral", set(REFERRAL), req,
                            gettext("Choose how you'd like to get in from the list."))

    language = (args.get("language") or "").strip().lower()
    if language in content.site.languages and language != "en":
        req.language = language  # English needs no filter; anything else is ignored

    open_now = (args.get("open_now") or "").strip().lower()
    if open_now and open_now not in TRUE_WORDS | {"0", "false", "off", "no"}:
        req.errors["open_now"] = gettext("“Open now” should be on or off.")
    req.open_now = open_now in TRUE_WORDS

    page = whole_number(args.get("page") or "1")
    if page is not None and 1 <= page <= MAX_PAGE:
        req.page = page
    else:
        req.errors["page"] = gettext("That page number doesn't exist.")
    return req


def age_range(value: str) -> tuple[int, int] | None:
    """An age range such as 11-18 (or 11–18, or one age), or None when it is not one."""
    parts = re.split(r"\s*[-–—‐]\s*", value.strip(), maxsplit=1)
    numbers = [whole_number(p) for p in parts]
    if None in numbers:
        return None
    low, high = numbers[0], numbers[-1]
    if not 0 <= low <= high <= MAX_AGE:
        return None
    return low, high


def _choices(args: MultiDict, name: str, allowed: set[str], req: SearchRequest,
             message) -> tuple[str, ...]:
    values = []
    for raw in args.getlist(name):
        for value in raw.split(","):
            value = value.strip()
            if not value:
                continue
            if value in allowed:
                if value not in values:
                    values.append(value)
            else:
                req.errors[name] = message
    return tuple(values)
